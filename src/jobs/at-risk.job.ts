import type { Kysely } from 'kysely';
import { addDays, type Clock } from '../core/shared/clock.js';
import { noticeRepository } from '../app/messaging.js';
import type { DB } from '../app/database.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
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
    const due = await noticeRepository(db).dueAtRisk(quietSince, batchSize);
    if (due.length === 0) return { announced };
    await runUnitOfWork(db, clock, async (uow) => {
      for (const member of due) {
        await noticeRepository(uow.db).recordAtRisk(member.customerId, now);
        uow.events.emit({
          type: 'customer.at_risk',
          customerId: member.customerId,
          occurredAt: now,
          data: {
            pAlive: member.pAlive,
            lastPurchaseAt: member.lastPurchaseAt?.toISOString() ?? null,
          },
        });
        announced += 1;
      }
    });
    if (due.length < batchSize) return { announced };
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
