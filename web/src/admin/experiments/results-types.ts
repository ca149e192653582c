import type { Schemas } from '../../shared/api';

/**
 * GET /v1/experiments/{id}/results as the page reads it (src/core/experiments/results.ts). Two
 * cohorts: `fixed`, the customers whose horizon has fully passed (the fixed-horizon test), and
 * `toDate`, every exposed customer with their window cut at "as of" (always-valid intervals when
 * its method says so, safe to look at daily). Rates and differences of proportions are shares
 * (0.021 = 2.1 pp); money is in minor units.
 */
export type ExperimentResults = Schemas['ExperimentResults'];
export type CohortComparison = Schemas['ExperimentCohortComparison'];
export type Comparison = Schemas['ExperimentComparison'];
export type Skipped = Schemas['ExperimentComparisonSkipped'];
export type MetricName = Comparison['metric'];

/** A comparison that was made, rather than skipped for too few customers. */
export const isCompared = <T extends object>(c: T | Skipped | undefined | null): c is T =>
  c !== undefined && c !== null && !('skipped' in c);
