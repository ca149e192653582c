import { sql, type Kysely } from 'kysely';
import { addDays, type Clock } from '../core/shared/clock.js';
import type { DB } from '../db/schema.js';
import { inUnitOfWork } from '../db/unit-of-work.js';
import type { JobDefinition } from './job-runner.js';

export const POINTS_EXPIRING_JOB = 'points-expiring';
export const DEFAULT_EXPIRY_NOTICE_DAYS = 30;

/**
 * Announces points that will expire within `noticeDays` as `points.expiring` events (for
 * webhooks, and the e-mail journeys to come): one event per member and expiry instant, with the
 * points still left in the lots expiring then. A notice row makes each announcement happen once,
 * whatever how often the job runs; each batch commits on its own.
 */
export const announceExpiringPoints = async (
  db: Kysely<DB>,
  clock: Clock,
  noticeDays = DEFAULT_EXPIRY_NOTICE_DAYS,
  batchSize = 500,
): Promise<{ announced: number }> => {
  let announced = 0;
  for (;;) {
    const now = clock.now();
    const due = await sql<{ customer_id: string; expires_at: Date; points: number }>`
      select l.customer_id, l.expires_at, sum(l.points - coalesce(used.points, 0))::int8 as points
      from points_lot l
      left join lateral (
          select sum(c.points) as points from lot_consumption c where c.lot_id = l.id
      ) used on true
      where l.expires_at > ${now} and l.expires_at <= ${addDays(now, noticeDays)}
        and not exists (
          select 1 from expiry_notice n
          where n.customer_id = l.customer_id and n.expires_at = l.expires_at
        )
      group by l.customer_id, l.expires_at
      having sum(l.points - coalesce(used.points, 0)) > 0
      order by l.expires_at, l.customer_id
      limit ${batchSize}
    `.execute(db);
    if (due.rows.length === 0) return { announced };
    await inUnitOfWork(db, clock, async (uow) => {
      for (const row of due.rows) {
        const inserted = await uow.db
          .insertInto('expiry_notice')
          .values({ ...row, points: Number(row.points), notified_at: now })
          .onConflict((oc) => oc.columns(['customer_id', 'expires_at']).doNothing())
          .returning('customer_id')
          .executeTakeFirst();
        if (!inserted) continue;
        uow.events.emit({
          type: 'points.expiring',
          customerId: row.customer_id,
          occurredAt: now,
          data: { points: Number(row.points), expiresAt: new Date(row.expires_at).toISOString() },
        });
        announced += 1;
      }
    });
    if (due.rows.length < batchSize) return { announced };
  }
};

export const pointsExpiringJob = (deps: {
  clock: Clock;
  noticeDays?: number;
  cron?: string | null;
}): JobDefinition => ({
  name: POINTS_EXPIRING_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  ...(deps.cron === null ? {} : { schedule: { cron: deps.cron ?? '40 1 * * *' } }),
  handle: async (_data, { db, log }) => {
    const result = await announceExpiringPoints(db, deps.clock, deps.noticeDays);
    if (result.announced > 0) log.info(result, 'points.expiring_announced');
  },
});
