/**
 * The analytics read models (retention, cohorts, KPIs, CLV, campaign effect, referral
 * figures) and the refresh of their materialised tables.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { campaignEffectQueries } from '../db/analytics/campaign-effect.queries.js';
export {
  atRiskCounts,
  clvDistribution,
  customersAtRisk,
  latestClvRun,
  topCustomersByClv,
} from '../db/analytics/clv-reads.queries.js';
export type {
  AtRiskList,
  StoredClvRun,
  ValuedCustomer,
} from '../db/analytics/clv-reads.queries.js';
export { clvSource, storedRunOf } from '../db/analytics/clv.queries.js';
export { cohortQueries } from '../db/analytics/cohorts.queries.js';
export { customerAnalyticsStore } from '../db/analytics/customer-analytics.queries.js';
export { kpiSource } from '../db/analytics/kpis.queries.js';
export { purchaseDayRange } from '../db/analytics/purchases.sql.js';
export { refreshAnalyticsIn } from '../db/analytics/refresh.js';
export { retentionQueries } from '../db/analytics/retention.queries.js';
export { referralStatsSource } from '../db/referrals-stats.queries.js';
