import type { Schemas } from '../../shared/api';

/**
 * The /v1/analytics views the dashboard reads, by the names the API gives them (GET /openapi.json,
 * generated into shared/api.generated.ts). Money is in minor units of `currency`; percentages 0–100.
 */
export type AnalyticsRange = Schemas['AnalyticsRange'];
export type Kpis = Schemas['ProgrammeKpis'];
export type CampaignEffect = Schemas['CampaignEffect'];
export type RetentionReport = Schemas['RetentionReport'];
export type RetentionPeriod = RetentionReport['periods'][number];
export type ActiveWindow = Schemas['ActiveWindow'];
export type CohortReport = Schemas['CohortReport'];
export type CohortCell = CohortReport['cohorts'][number]['cells'][number];
export type LifecycleFunnel = Schemas['LifecycleFunnel'];
export type StageCount = LifecycleFunnel['stages'][number];
export type RfmSummary = Schemas['RfmSummary'];
export type ValuedCustomer = Schemas['ValuedCustomer'];
/** The last fit; the view is null before the first. */
export type ClvRun = NonNullable<Schemas['ClvRun']>;
export type ClvOverview = Schemas['ClvOverview'];
export type AtRiskComparison = Schemas['AtRiskComparison'];
export type AtRiskNotion = AtRiskComparison['definitions'][number]['notion'];

/** The cohort periods the dashboard offers (the API also counts weeks). */
export type Granularity = Extract<CohortReport['granularity'], 'month' | 'quarter'>;
