import type { ClvSettings } from '../core/analytics/clv-refresh.js';
import type { Clock } from '../core/shared/clock.js';
import { refreshAnalyticsIn } from '../app/analytics.js';
import type { JobDefinition } from './job-runner.js';

export const ANALYTICS_REFRESH_JOB = 'analytics-refresh';

export interface AnalyticsRefreshData {
  clv?: Partial<ClvSettings>;
  /** ISO instant to compute as of (historic data, such as the demo); default now. */
  asOf?: string;
}

/**
 * Recomputes RFM, lifecycle stages and CLV for every customer: nightly by default, and on demand
 * (after the demo loads, say). Recomputing is idempotent, so the job holds no transaction of the
 * runner's (a long one would block PGlite) and a repeat after a crash only redoes the same work.
 */
export const analyticsRefreshJob = (deps: {
  clock: Clock;
  /** Cron in UTC; null = only on demand. */
  cron?: string | null;
}): JobDefinition<AnalyticsRefreshData> => ({
  name: ANALYTICS_REFRESH_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  expireInSeconds: 3_600,
  ...(deps.cron === null ? {} : { schedule: { cron: deps.cron ?? '30 2 * * *', data: {} } }),
  handle: async (data, { db, log }) => {
    const result = await refreshAnalyticsIn(db, deps.clock, {
      clv: data?.clv ?? {},
      ...(data?.asOf ? { asOf: new Date(data.asOf) } : {}),
    });
    log.info(
      {
        customers: result.customers,
        withPurchases: result.withPurchases,
        rfmMs: result.durationMs,
        clv: result.clv.status,
        clvReason: result.clv.reason,
        clvMs: result.clv.run?.durationMs ?? null,
      },
      'analytics.refreshed',
    );
  },
});
