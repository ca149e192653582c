import type { RecommendationSettingsInput } from '../core/recommendations/recommendations.js';
import { refreshRecommendations } from '../core/recommendations/recommendations.service.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { Clock } from '../core/shared/clock.js';
import { recommendationStore } from '../app/recommendations.js';
import { repositoriesFor } from '../app/database.js';
import type { JobDefinition } from './job-runner.js';

export const RECOMMENDATIONS_REFRESH_JOB = 'recommendations-refresh';

export interface RecommendationsRefreshData {
  settings?: RecommendationSettingsInput;
  /** ISO instant: only orders placed before it count (historic data, such as the demo); default now. */
  asOf?: string;
}

/**
 * Recomputes every customer's product suggestions, nightly and on demand. The refresh replaces
 * all rows in one transaction of its own and is idempotent, so the job holds no transaction of
 * the runner's and a repeat after a crash only redoes the same work.
 */
export const recommendationsRefreshJob = (deps: {
  clock: Clock;
  /** Cron in UTC (default 03:10, after the analytics refresh); null = only on demand. */
  cron?: string | null;
}): JobDefinition<RecommendationsRefreshData> => ({
  name: RECOMMENDATIONS_REFRESH_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  expireInSeconds: 3_600,
  ...(deps.cron === null ? {} : { schedule: { cron: deps.cron ?? '10 3 * * *', data: {} } }),
  handle: async (data, { db, log }) => {
    const programme = await getProgramme(repositoriesFor(db));
    const result = await refreshRecommendations(
      { recommendations: recommendationStore(db), clock: deps.clock, programme },
      {
        ...(data?.settings ? { settings: data.settings } : {}),
        ...(data?.asOf ? { asOf: new Date(data.asOf) } : {}),
      },
    );
    log.info(
      {
        customers: result.customers,
        suggestions: result.suggestions,
        durationMs: result.durationMs,
      },
      'recommendations.refreshed',
    );
  },
});
