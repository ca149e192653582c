import type { Kysely } from 'kysely';
import type { Clock } from '../core/shared/clock.js';
import { reviewDueMembers, type ReviewSummary } from '../core/tiers/tiers.service.js';
import type { DB } from '../app/database.js';
import { tierDepsOf } from '../app/reactions/tiers.reactions.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import type { JobDefinition } from './job-runner.js';

export const TIER_REVIEW_JOB = 'tier-review';

/**
 * Reviews every member whose tier review is due (review_at ≤ now), a batch per transaction with
 * its tier.changed events. Each review moves the member's review date past the reviewed period
 * or removes the tier, so a member reviewed late catches up period by period, and a second run
 * finds nothing left to do.
 */
export const reviewDueTiers = async (
  db: Kysely<DB>,
  clock: Clock,
  batchSize = 200,
): Promise<ReviewSummary> => {
  const total: ReviewSummary = { reviewed: 0, kept: 0, upgraded: 0, downgraded: 0, removed: 0 };
  for (;;) {
    const batch = await runUnitOfWork(db, clock, (uow) =>
      reviewDueMembers(tierDepsOf(uow), batchSize),
    );
    for (const key of Object.keys(total) as (keyof ReviewSummary)[]) total[key] += batch[key];
    // Until a batch finds nobody due: a member reviewed late may still be due for the next period.
    if (batch.reviewed === 0) return total;
  }
};

/**
 * The review as a daily job (cron in UTC; null = only on demand). Non-transactional: batches
 * commit on their own and a rerun is harmless; 'stately' keeps one run at a time.
 */
export const tierReviewJob = (deps: {
  clock: Clock;
  cron?: string | null;
}): JobDefinition<Record<string, never>> => ({
  name: TIER_REVIEW_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  expireInSeconds: 3_600,
  ...(deps.cron === null ? {} : { schedule: { cron: deps.cron ?? '20 0 * * *' } }),
  handle: async (_data, { db, log }) => {
    const result = await reviewDueTiers(db, deps.clock);
    if (result.reviewed > 0) log.info(result, 'tiers.reviewed');
  },
});
