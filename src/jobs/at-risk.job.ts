import { sql, type Kysely } from 'kysely';
import { addDays, type Clock } from '../core/shared/clock.js';
import type { DB } from '../db/schema.js';
import { inUnitOfWork } from '../db/unit-of-work.js';
import type { JobDefinition } from './job-runner.js';

export const AT_RISK_JOB = 'at-risk';
/** A customer still (or again) at risk is announced again only after this many days. */
export const AT_RISK_QUIET_DAYS = 90;

/**
 * Announces customers the last analytics refresh put in the at-risk lifecycle stage as
 * `customer.at_risk` events (the win-back journey, webhooks): once per customer, and again only
 * after a quiet period. Each batch commits on its own with its notices, so a rerun after a crash
 * announces nobody twice.
 */
export const announceAtRisk = async (
  db: Kysely<DB>,
  clock: Clock,
  batchSize = 500,
): Promise<{ announced: number }> => {
  let announced = 0;
  for (;;) {
    const now = clock.now();
    const quietSince = addDays(now, -AT_RISK_QUIET_DAYS);
    const due = await sql<{ customer_id: string; p_alive: number | null; last: Date | null }>`
      select a.customer_id, a.p_alive, a.last_purchase_at as last
      from customer_analytics a
      left join at_risk_notice n on n.customer_id = a.customer_id
      where a.lifecycle_stage = 'at_risk'
        and (n.notified_at is null or n.notified_at < ${quietSince})
      order by a.customer_id
      limit ${batchSize}
    `.execute(db);
    if (due.rows.length === 0) return { announced };
    await inUnitOfWork(db, clock, async (uow) => {
      for (const row of due.rows) {
        await uow.db
          .insertInto('at_risk_notice')
          .values({ customer_id: row.customer_id, notified_at: now })
          .onConflict((oc) => oc.column('customer_id').doUpdateSet({ notified_at: now }))
          .execute();
        uow.events.emit({
          type: 'customer.at_risk',
          customerId: row.customer_id,
          occurredAt: now,
          data: {
            pAlive: row.p_alive === null ? null : Number(row.p_alive),
            lastPurchaseAt: row.last ? new Date(row.last).toISOString() : null,
          },
        });
        announced += 1;
      }
    });
    if (due.rows.length < batchSize) return { announced };
  }
};

/** Daily, after the nightly analytics refresh (02:30 UTC by default) has set the stages. */
export const atRiskJob = (deps: { clock: Clock; cron?: string | null }): JobDefinition => ({
  name: AT_RISK_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  ...(deps.cron === null ? {} : { schedule: { cron: deps.cron ?? '30 4 * * *' } }),
  handle: async (_data, { db, log }) => {
    const result = await announceAtRisk(db, deps.clock);
    if (result.announced > 0) log.info(result, 'customers.at_risk_announced');
  },
});
