import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { getProgramme } from '../core/programme/programme.service.js';
import { refreshSegment } from '../core/segments/segments.service.js';
import type { Clock } from '../core/shared/clock.js';
import { inTransaction, repositoriesFor, type DB } from '../app/database.js';
import { dynamicSegmentIds, segmentRepository } from '../app/segments.js';
import type { JobDefinition } from './job-runner.js';

export const SEGMENTS_REFRESH_JOB = 'segments-refresh';

/**
 * Refreshes every dynamic segment, each in its own transaction: one slow or failing segment
 * neither holds the others' locks nor undoes them. A refresh is idempotent, so a rerun after a
 * crash only redoes the same work.
 */
export const refreshAllSegments = async (
  db: Kysely<DB>,
  clock: Clock,
  log?: Logger,
): Promise<{ refreshed: number; failed: number }> => {
  let refreshed = 0;
  let failed = 0;
  for (const id of await dynamicSegmentIds(db)) {
    try {
      const result = await inTransaction(db, async (trx) =>
        refreshSegment(
          {
            segments: segmentRepository(trx),
            clock,
            programme: await getProgramme(repositoriesFor(trx)),
          },
          id,
        ),
      );
      refreshed += 1;
      log?.info({ segmentId: id, ...result.result }, 'segment.refreshed');
    } catch (err) {
      failed += 1;
      log?.error({ err, segmentId: id }, 'segment.refresh_failed');
    }
  }
  return { refreshed, failed };
};

export const segmentsRefreshJob = (deps: {
  clock: Clock;
  /** Cron in UTC (default hourly); null = only on demand. */
  cron?: string | null;
}): JobDefinition<Record<string, never>> => ({
  name: SEGMENTS_REFRESH_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  expireInSeconds: 3_600,
  ...(deps.cron === null ? {} : { schedule: { cron: deps.cron ?? '15 * * * *', data: {} } }),
  handle: async (_data, { db, log }) => {
    const result = await refreshAllSegments(db, deps.clock, log);
    log.info(result, 'segments.refreshed');
    if (result.failed > 0) throw new Error(`${result.failed} segment refresh(es) failed`);
  },
});
