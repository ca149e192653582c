/**
 * GET /v1/experiments/{id}/results as the page reads it (src/core/experiments/results.ts). Two
 * cohorts: `fixed`, the customers whose horizon has fully passed (the fixed-horizon test), and
 * `toDate`, every exposed customer with their window cut at "as of" (read with always-valid
 * intervals, safe to look at daily). Rates and differences of proportions are shares (0.021 =
 * 2.1 pp); money is in minor units.
 */

export interface Interval {
  lower: number;
  upper: number;
}

export type MetricName =
  | 'converted'
  | 'orders'
  | 'netRevenue'
  | 'pointsIssued'
  | 'pointsCost'
  | 'profit'
  | 'churned'
  | 'unsubscribed'
  | 'complained';

export interface Comparison {
  metric: MetricName;
  kind: 'mean' | 'proportion';
  difference: number;
  interval: Interval;
  relativeLift: number | null;
  relativeLiftInterval: Interval | null;
  pValue: number;
  significant: boolean;
  /** The always-valid (sequential) interval and p-value, when the results give them. */
  alwaysValid?: { interval: Interval; pValue: number } | null;
}

export interface Skipped {
  metric: MetricName;
  skipped: string;
}

export type Compared = Comparison | Skipped;

export interface CohortComparison {
  cohort: 'fixed' | 'toDate';
  treatment: { n: number };
  control: { n: number };
  metrics: Compared[];
  cuped: Partial<
    Record<
      'netRevenue' | 'orders' | 'profit',
      (Comparison & { varianceReduction: number; theta: number }) | Skipped
    >
  >;
  incremental: Partial<
    Record<'orders' | 'netRevenue' | 'profit', { total: number; interval: Interval }>
  >;
}

export interface Guardrail {
  variant: string;
  metric: 'unsubscribed' | 'complained';
  cohort: 'fixed' | 'toDate';
  flagged: boolean;
  comparison: Compared;
}

export interface SegmentEffect {
  dimension: 'rfmSegment' | 'lifecycleStage';
  value: string;
  variant: string;
  n: { treatment: number; control: number };
  converted: Comparison | null;
  netRevenue: Comparison | null;
}

export interface ExperimentResults {
  asOf: string;
  currency: string;
  metrics: { horizonDays: number; churnDays: number; preDays: number };
  arms: {
    variant: string;
    name: string;
    control: boolean;
    weight: number;
    exposed: number;
    horizonComplete: number;
  }[];
  sampleRatio: { chiSquare: number; pValue: number; mismatch: boolean; blocking: boolean };
  comparisons: { variant: string; fixed: CohortComparison; toDate: CohortComparison }[];
  guardrails: Guardrail[];
  heterogeneity: { exploratory: true; cohort: 'fixed' | 'toDate'; groups: SegmentEffect[] };
  summary: { variant: string; sentence: string }[];
  warnings: string[];
}

export const isCompared = (c: Compared | undefined | null): c is Comparison =>
  c !== undefined && c !== null && !('skipped' in c);
