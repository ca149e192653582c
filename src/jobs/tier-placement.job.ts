import type { Kysely } from 'kysely';
import type { Clock } from '../core/shared/clock.js';
import { placeMembers, type PlacementBatchResult } from '../core/tiers/tiers.service.js';
import type { DB } from '../app/database.js';
import { tierRepository } from '../app/tiers.js';
import { tierDepsOf } from '../app/reactions/tiers.reactions.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import type { JobDefinition } from './job-runner.js';

export const TIER_PLACEMENT_JOB = 'tier-placement';

export const PLACEMENT_BATCH_SIZE = 500;

export interface PlacementSummary {
  /** Customers measured (every customer, those without activity included). */
  membersMeasured: number;
  /** Members moved up, by the tier they moved to; every configured tier is listed. */
  moved: Record<string, number>;
  seconds: number;
}

/** A deadlock or a concurrent writer: the batch rolled back as a whole and can simply run again. */
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 3;

const isRetryable = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  RETRYABLE.has(String((error as { code?: unknown }).code));

const placeBatch = async (
  db: Kysely<DB>,
  clock: Clock,
  after: string | null,
  batchSize: number,
): Promise<PlacementBatchResult> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runUnitOfWork(db, clock, (uow) =>
        placeMembers(tierDepsOf(uow), after, batchSize),
      );
    } catch (error) {
      // Inside a caller's transaction there is nothing left to retry: it has failed as a whole.
      if (db.isTransaction || attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
    }
  }
};

/**
 * Tier placement over every member: keyset batches of `batchSize` customers by id, each in its
 * own transaction with its tier_change rows and tier.changed events (through the unit of work,
 * so reactions and the webhook outbox see them as they see an upgrade's). Members move up to the
 * highest tier their metric over the current window reaches, never down. Idempotent: a second
 * run moves nobody. Without tiers it measures nobody.
 */
export const placeMembersInTiers = async (
  db: Kysely<DB>,
  clock: Clock,
  options: {
    batchSize?: number;
    /** Called after each committed batch with the totals so far. */
    onBatch?: (progress: Omit<PlacementSummary, 'seconds'>) => void;
  } = {},
): Promise<PlacementSummary> => {
  const started = performance.now();
  const batchSize = options.batchSize ?? PLACEMENT_BATCH_SIZE;
  const config = await tierRepository(db).config();
  const moved: Record<string, number> = Object.fromEntries(
    (config?.tiers ?? []).map((t) => [t.code, 0]),
  );
  let membersMeasured = 0;
  let after: string | null = null;
  while (config && config.tiers.length > 0) {
    const batch: PlacementBatchResult = await placeBatch(db, clock, after, batchSize);
    membersMeasured += batch.measured;
    for (const [code, n] of Object.entries(batch.moved)) moved[code] = (moved[code] ?? 0) + n;
    options.onBatch?.({ membersMeasured, moved });
    if (batch.last === null || batch.measured < batchSize) break;
    after = batch.last;
  }
  return {
    membersMeasured,
    moved,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
};

/**
 * Placement as a job, enqueued when a saved tier configuration may qualify members differently
 * (PUT /v1/tiers). No schedule. Non-transactional: batches commit on their own and a rerun is
 * harmless; 'stately' keeps one queued and one running (a queued run reads the newest
 * configuration when it starts, so further saves need no further run).
 */
export const tierPlacementJob = (deps: { clock: Clock }): JobDefinition<Record<string, never>> => ({
  name: TIER_PLACEMENT_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  expireInSeconds: 3_600,
  handle: async (_data, { db, log }) => {
    const result = await placeMembersInTiers(db, deps.clock);
    log.info(result, 'tiers.placed');
  },
});
