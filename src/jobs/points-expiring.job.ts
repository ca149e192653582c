import type { Kysely } from 'kysely';
import { addDays, type Clock } from '../core/shared/clock.js';
import { noticeRepository } from '../app/messaging.js';
import type { DB } from '../app/database.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
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
    const due = await noticeRepository(db).dueExpiring(now, addDays(now, noticeDays), batchSize);
    if (due.length === 0) return { announced };
    await runUnitOfWork(db, clock, async (uow) => {
      for (const notice of due) {
        if (!(await noticeRepository(uow.db).recordExpiring(notice, now))) continue;
        uow.events.emit({
          type: 'points.expiring',
          customerId: notice.customerId,
          occurredAt: now,
          data: { points: notice.points, expiresAt: notice.expiresAt.toISOString() },
        });
        announced += 1;
      }
    });
    if (due.length < batchSize) return { announced };
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
