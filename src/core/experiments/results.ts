import { isDomainError } from '../shared/errors.js';
import { cupedFromSums, type CovariateSums } from './cuped.js';
import type { ExperimentVariant, MetricSettings } from './experiments.js';
import { incrementalTotal, type IncrementalTotal } from './incremental.js';
import type { Interval } from './interval.js';
import { welchDifference, type ArmSummary } from './means.js';
import {
  MEAN_METRICS,
  METRIC_SCALE,
  meanAndVariance,
  rollUp,
  type Cohort,
  type MeanMetric,
  type MetricCell,
  type MetricSums,
  type ProportionMetric,
  type Sums,
} from './metric-sums.js';
import { proportionDifference } from './proportions.js';
import { sampleRatioCheck, type SampleRatioResult } from './sample-ratio.js';
import { mixingVarianceForPlan, sequentialMeans, sequentialProportions } from './sequential.js';
import { summarySentence } from './results-summary.js';

/**
 * From the database's sums to the results document: each treatment arm against the control, per
 * metric and cohort, with CUPED, incremental totals, the sample-ratio check, guardrails and the
 * per-segment breakdown. Pure: the numbers in, the document out.
 */

export type MetricName = MeanMetric | ProportionMetric;

export interface ArmFigures {
  n: number;
  /** Means per customer (minor units for money, points for points). */
  means: Record<MeanMetric, { mean: number; variance: number }>;
  /** Shares of customers; churned is out of churnEligible. */
  rates: Record<ProportionMetric, { count: number; n: number; rate: number | null }>;
}

export interface Comparison {
  metric: MetricName;
  kind: 'mean' | 'proportion';
  /**
   * fixedHorizon: the classic test on customers whose horizon has passed (read it once, at the
   * end); alwaysValid: the mSPRT on results to date (safe to read every day); classic: a classic
   * test on results to date (no peeking guarantee; shown where no pre-exposure τ² exists).
   */
  method: 'fixedHorizon' | 'alwaysValid' | 'classic';
  difference: number;
  interval: Interval;
  relativeLift: number | null;
  relativeLiftInterval: Interval | null;
  pValue: number;
  /** The interval excludes 0. */
  significant: boolean;
}

export interface Skipped {
  metric: MetricName;
  /** Why no statistic: an arm has fewer than 2 customers (or, for churn, eligible ones). */
  skipped: string;
}

export interface CupedComparison extends Comparison {
  varianceReduction: number;
  theta: number;
}

export interface CohortComparison {
  cohort: Cohort;
  /** fixedHorizon: classic tests read once at the end; toDate: always-valid where possible. */
  method: 'fixedHorizon' | 'alwaysValid';
  treatment: ArmFigures;
  control: ArmFigures;
  metrics: (Comparison | Skipped)[];
  cuped: Partial<Record<'netRevenue' | 'orders' | 'profit', CupedComparison | Skipped>>;
  /** The per-customer difference times the treatment arm's customers. */
  incremental: Partial<Record<'orders' | 'netRevenue' | 'profit', IncrementalTotal>>;
}

export interface Guardrail {
  variant: string;
  metric: 'unsubscribed' | 'complained';
  cohort: Cohort;
  /** The treatment is significantly worse (more unsubscribes or complaints) than the control. */
  flagged: boolean;
  comparison: Comparison | Skipped;
}

export interface SegmentEffect {
  dimension: 'rfmSegment' | 'lifecycleStage';
  value: string;
  variant: string;
  n: { treatment: number; control: number };
  /** null when an arm has fewer than 2 customers in the group. */
  converted: Comparison | null;
  netRevenue: Comparison | null;
}

export interface ExperimentResults {
  asOf: string;
  currency: string;
  metrics: MetricSettings;
  arms: {
    variant: string;
    name: string;
    control: boolean;
    weight: number;
    exposed: number;
    /** Exposed customers whose horizon has fully passed. */
    horizonComplete: number;
  }[];
  sampleRatio: SampleRatioResult & { blocking: boolean };
  comparisons: ({ variant: string } & { fixed: CohortComparison; toDate: CohortComparison })[];
  guardrails: Guardrail[];
  heterogeneity: { exploratory: true; cohort: Cohort; groups: SegmentEffect[] };
  summary: { variant: string; sentence: string }[];
  warnings: string[];
}

export interface ResultsInput {
  variants: readonly ExperimentVariant[];
  metrics: MetricSettings;
  asOf: Date;
  currency: string;
  /** Digits of the currency's minor unit (2 for GBP), for the sentences. */
  currencyExponent: number;
  cells: readonly MetricCell[];
}

const armFigures = (s: MetricSums): ArmFigures => {
  const means = Object.fromEntries(
    MEAN_METRICS.map((m) => [m, meanAndVariance(s.n, s.means[m], METRIC_SCALE[m])]),
  ) as ArmFigures['means'];
  const rate = (count: number, n: number) => ({ count, n, rate: n === 0 ? null : count / n });
  return {
    n: s.n,
    means,
    rates: {
      converted: rate(s.counts.converted, s.n),
      churned: rate(s.counts.churned, s.churnEligible),
      unsubscribed: rate(s.counts.unsubscribed, s.n),
      complained: rate(s.counts.complained, s.n),
    },
  };
};

/** Runs a statistic, turning "too few customers" into a skipped entry rather than an error. */
const attempt = <T>(metric: MetricName, run: () => T): T | Skipped => {
  try {
    return run();
  } catch (error) {
    if (isDomainError(error)) return { metric, skipped: error.message };
    throw error;
  }
};

const isComparison = <T extends object>(c: T | Skipped): c is T => !('skipped' in c);

const significant = (interval: Interval) => interval.lower > 0 || interval.upper < 0;

/** What the Welch and the proportion tests both give: the difference, its interval and lift. */
type Estimate = Pick<
  Comparison,
  'difference' | 'interval' | 'relativeLift' | 'relativeLiftInterval' | 'pValue'
>;

// The fields are copied one by one: the tests' results carry more (t or z, df, standard error)
// that the results document does not show.
const classicComparison = (
  metric: MetricName,
  kind: Comparison['kind'],
  r: Estimate,
): Comparison => ({
  metric,
  kind,
  method: 'classic',
  difference: r.difference,
  interval: r.interval,
  relativeLift: r.relativeLift,
  relativeLiftInterval: r.relativeLiftInterval,
  pValue: r.pValue,
  significant: significant(r.interval),
});

const compareMeans = (metric: MeanMetric, t: ArmSummary, c: ArmSummary) =>
  attempt(metric, () => classicComparison(metric, 'mean', welchDifference(t, c)));

const compareRates = (
  metric: ProportionMetric,
  t: { count: number; n: number },
  c: { count: number; n: number },
) =>
  attempt(metric, () =>
    classicComparison(
      metric,
      'proportion',
      proportionDifference({ successes: t.count, n: t.n }, { successes: c.count, n: c.n }),
    ),
  );

const tooFew = (metric: MetricName, t: number, c: number): Skipped => ({
  metric,
  skipped: `too few customers to compare (treatment ${t}, control ${c}; at least 2 each)`,
});

const proportionOrSkip = (metric: ProportionMetric, t: ArmFigures, c: ArmFigures) => {
  const a = t.rates[metric];
  const b = c.rates[metric];
  return a.n < 2 || b.n < 2 ? tooFew(metric, a.n, b.n) : compareRates(metric, a, b);
};

const meanOrSkip = (metric: MeanMetric, t: ArmFigures, c: ArmFigures) =>
  t.n < 2 || c.n < 2
    ? tooFew(metric, t.n, c.n)
    : compareMeans(metric, { n: t.n, ...t.means[metric] }, { n: c.n, ...c.means[metric] });

const covariateSums = (n: number, y: Sums, x: Sums, xy: bigint): CovariateSums => ({
  n,
  sumY: y.sum,
  sumX: x.sum,
  sumYY: y.sumSquares,
  sumXX: x.sumSquares,
  sumXY: xy,
});

const CUPED_PAIRS = {
  netRevenue: { x: 'netRevenue', xy: 'revenueByRevenue' },
  profit: { x: 'netRevenue', xy: 'revenueByProfit' },
  orders: { x: 'orders', xy: 'ordersByOrders' },
} as const;

const cupedComparison = (
  metric: keyof typeof CUPED_PAIRS,
  t: MetricSums,
  c: MetricSums,
  cohort: Cohort,
): CupedComparison | Skipped => {
  if (t.n < 2 || c.n < 2) return tooFew(metric, t.n, c.n);
  const { x, xy } = CUPED_PAIRS[metric];
  return attempt(metric, () => {
    const r = cupedFromSums(
      covariateSums(t.n, t.means[metric], t.pre[x], t.pre[xy]),
      covariateSums(c.n, c.means[metric], c.pre[x], c.pre[xy]),
    );
    const scale = METRIC_SCALE[metric];
    const unscale = (a: ArmSummary): ArmSummary => ({
      n: a.n,
      mean: a.mean / scale,
      variance: a.variance / scale ** 2,
    });
    const compared = compareMeans(metric, unscale(r.treatment), unscale(r.control));
    if (!isComparison(compared)) throw new Error(compared.skipped);
    return {
      ...compared,
      method: cohort === 'fixed' ? 'fixedHorizon' : 'classic',
      varianceReduction: r.varianceReduction,
      theta: r.theta,
    };
  });
};

const compareCohort = (cohort: Cohort, t: MetricSums, c: MetricSums): CohortComparison => {
  const tf = armFigures(t);
  const cf = armFigures(c);
  const classic = [
    proportionOrSkip('converted', tf, cf),
    ...MEAN_METRICS.map((m) => meanOrSkip(m, tf, cf)),
    proportionOrSkip('churned', tf, cf),
    proportionOrSkip('unsubscribed', tf, cf),
    proportionOrSkip('complained', tf, cf),
  ];
  const metrics = classic.map((m) => {
    if (!isComparison(m)) return m;
    if (cohort === 'fixed') return { ...m, method: 'fixedHorizon' as const };
    return alwaysValid(m, t, c) ?? m;
  });
  const incremental: CohortComparison['incremental'] = {};
  for (const m of ['orders', 'netRevenue', 'profit'] as const) {
    const found = metrics.find((r) => r.metric === m);
    if (found && isComparison(found)) incremental[m] = incrementalTotal(found, t.n);
  }
  return {
    cohort,
    method: cohort === 'fixed' ? 'fixedHorizon' : 'alwaysValid',
    treatment: tf,
    control: cf,
    metrics,
    cuped: {
      netRevenue: cupedComparison('netRevenue', t, c, cohort),
      orders: cupedComparison('orders', t, c, cohort),
      profit: cupedComparison('profit', t, c, cohort),
    },
    incremental,
  };
};

/**
 * The planned standard error of a metric's difference from what was known before exposure: the
 * pre-period spread of the same measure (revenue for revenue and profit, orders for orders, the
 * share who bought for the repeat rate) over the arms' sizes. It fixes τ² without looking at any
 * outcome, as the mSPRT requires; null where there is no such measure or it does not vary.
 */
const plannedStandardError = (metric: MetricName, t: MetricSums, c: MetricSums): number | null => {
  const n = t.n + c.n;
  const scale = 1 / t.n + 1 / c.n;
  let variance: number;
  if (metric === 'converted') {
    const p = (t.pre.buyers + c.pre.buyers) / n;
    variance = p * (1 - p);
  } else if (metric === 'netRevenue' || metric === 'profit' || metric === 'orders') {
    const x = metric === 'orders' ? 'orders' : 'netRevenue';
    variance = meanAndVariance(n, {
      sum: t.pre[x].sum + c.pre[x].sum,
      sumSquares: t.pre[x].sumSquares + c.pre[x].sumSquares,
    }).variance;
  } else {
    return null;
  }
  return variance > 0 ? Math.sqrt(variance * scale) : null;
};

/** The to-date comparison made always valid (mSPRT), keeping the difference; null: not possible. */
const alwaysValid = (m: Comparison, t: MetricSums, c: MetricSums): Comparison | null => {
  const planned = plannedStandardError(m.metric, t, c);
  if (planned === null) return null;
  const tf = armFigures(t);
  const cf = armFigures(c);
  const options = { mixingVariance: mixingVarianceForPlan(planned) };
  const r =
    m.metric === 'converted'
      ? sequentialProportions(
          { successes: t.counts.converted, n: t.n },
          { successes: c.counts.converted, n: c.n },
          options,
        )
      : sequentialMeans(
          { n: t.n, ...tf.means[m.metric as MeanMetric] },
          { n: c.n, ...cf.means[m.metric as MeanMetric] },
          options,
        );
  // A look with no spread yet says nothing (an unbounded interval); keep the classic figures.
  if (!Number.isFinite(r.interval.lower) || !Number.isFinite(r.interval.upper)) return null;
  return {
    ...m,
    method: 'alwaysValid',
    interval: r.interval,
    pValue: r.pValue,
    // The delta-method lift interval is a fixed-sample one; not given for the always-valid look.
    relativeLiftInterval: null,
    significant: significant(r.interval),
  };
};

const cohortOf = (cohort: Cohort) => (cell: MetricCell) => cohort === 'toDate' || cell.complete;

const segmentEffects = (
  cells: readonly MetricCell[],
  cohort: Cohort,
  control: string,
  treatments: readonly string[],
): SegmentEffect[] => {
  const inCohort = cells.filter(cohortOf(cohort));
  const groups: SegmentEffect[] = [];
  for (const dimension of ['rfmSegment', 'lifecycleStage'] as const) {
    const values = [...new Set(inCohort.map((cell) => cell[dimension]))].sort();
    for (const value of values) {
      const c = armFigures(
        rollUp(inCohort, (cell) => cell.variant === control && cell[dimension] === value),
      );
      for (const variant of treatments) {
        const t = armFigures(
          rollUp(inCohort, (cell) => cell.variant === variant && cell[dimension] === value),
        );
        const enough = t.n >= 2 && c.n >= 2;
        const only = (r: Comparison | Skipped) => (isComparison(r) ? r : null);
        groups.push({
          dimension,
          value,
          variant,
          n: { treatment: t.n, control: c.n },
          converted: enough ? only(proportionOrSkip('converted', t, c)) : null,
          netRevenue: enough ? only(meanOrSkip('netRevenue', t, c)) : null,
        });
      }
    }
  }
  return groups;
};

/** The results document for an experiment's arms, as of the sums' date. */
export const experimentResults = (input: ResultsInput): ExperimentResults => {
  const { variants, cells } = input;
  const control = variants.find((v) => v.control) ?? variants[0]!;
  const treatments = variants.filter((v) => v.key !== control.key);
  const armSums = (variant: string, cohort: Cohort) =>
    rollUp(cells, (cell) => cell.variant === variant && cohortOf(cohort)(cell));

  const arms = variants.map((v) => ({
    variant: v.key,
    name: v.name,
    control: v.key === control.key,
    weight: v.weight,
    exposed: armSums(v.key, 'toDate').n,
    horizonComplete: armSums(v.key, 'fixed').n,
  }));
  const srm = sampleRatioCheck(
    arms.map((a) => a.exposed),
    arms.map((a) => a.weight),
  );
  const sampleRatio = { ...srm, blocking: srm.mismatch };

  const comparisons = treatments.map((v) => ({
    variant: v.key,
    fixed: compareCohort('fixed', armSums(v.key, 'fixed'), armSums(control.key, 'fixed')),
    toDate: compareCohort('toDate', armSums(v.key, 'toDate'), armSums(control.key, 'toDate')),
  }));

  const guardrails: Guardrail[] = comparisons.flatMap((c) =>
    (['unsubscribed', 'complained'] as const).flatMap((metric) =>
      (['fixed', 'toDate'] as const).map((cohort): Guardrail => {
        const comparison = c[cohort].metrics.find((m) => m.metric === metric)!;
        return {
          variant: c.variant,
          metric,
          cohort,
          // Worse means more: an interval wholly above 0.
          flagged: isComparison(comparison) && comparison.interval.lower > 0,
          comparison,
        };
      }),
    ),
  );

  const hasFixed = arms.every((a) => a.horizonComplete >= 2);
  const heterogeneityCohort: Cohort = hasFixed ? 'fixed' : 'toDate';
  const warnings: string[] = [];
  if (sampleRatio.blocking) {
    warnings.push(
      `Sample ratio mismatch: the exposures per arm (${arms.map((a) => `${a.variant} ${a.exposed}`).join(', ')}) ` +
        `do not match the weights (p = ${srm.pValue.toPrecision(2)}). Exposure recording or assignment ` +
        'is broken; no result below can be trusted until it is fixed.',
    );
  }
  for (const g of guardrails.filter((g) => g.flagged && g.cohort === heterogeneityCohort)) {
    warnings.push(
      `Guardrail: ${g.variant} has significantly more ${g.metric} customers than control.`,
    );
  }

  return {
    asOf: input.asOf.toISOString(),
    currency: input.currency,
    metrics: input.metrics,
    arms,
    sampleRatio,
    comparisons,
    guardrails,
    heterogeneity: {
      exploratory: true,
      cohort: heterogeneityCohort,
      groups: segmentEffects(
        cells,
        heterogeneityCohort,
        control.key,
        treatments.map((v) => v.key),
      ),
    },
    summary: comparisons.map((c) => {
      const variant = variants.find((v) => v.key === c.variant)!;
      const chosen = hasFixed ? c.fixed : c.toDate;
      const converted = chosen.metrics.find((m) => m.metric === 'converted')!;
      return {
        variant: c.variant,
        sentence: summarySentence({
          name: variant.name,
          cohort: chosen.cohort,
          converted: isComparison(converted) ? converted : null,
          profit: chosen.incremental.profit,
          treatedCustomers: chosen.treatment.n,
          controlCustomers: chosen.control.n,
          horizonDays: input.metrics.horizonDays,
          currency: input.currency,
          currencyExponent: input.currencyExponent,
          srmBlocking: sampleRatio.blocking,
        }),
      };
    }),
    warnings,
  };
};
