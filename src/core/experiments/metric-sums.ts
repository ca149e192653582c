/**
 * What the database hands back for an experiment's results: sums, never customers. One cell per
 * arm × cohort × RFM segment × lifecycle stage; every figure in it is a count or a sum, so cells
 * add up to any coarser grouping (an arm, a cohort, a segment) exactly. Sums are bigint: Σy² of
 * revenue in milli-minor units over a million customers passes 2^53, and a variance computed as
 * Σy² − (Σy)²/n in doubles would cancel away.
 */

/** Σy and Σy² of one per-customer measure. */
export interface Sums {
  sum: bigint;
  sumSquares: bigint;
}

export const MEAN_METRICS = [
  'orders',
  'netRevenue',
  'pointsIssued',
  'pointsCost',
  'profit',
] as const;
export type MeanMetric = (typeof MEAN_METRICS)[number];

export const PROPORTION_METRICS = ['converted', 'churned', 'unsubscribed', 'complained'] as const;
export type ProportionMetric = (typeof PROPORTION_METRICS)[number];

/**
 * The scale each mean metric is summed in: points cost and profit are carried in thousandths of
 * a minor unit (points × pointValueMilliMinor), so they stay whole numbers until presented.
 */
export const METRIC_SCALE: Record<MeanMetric, number> = {
  orders: 1,
  netRevenue: 1,
  pointsIssued: 1,
  pointsCost: 1000,
  profit: 1000,
};

export interface MetricSums {
  /** Exposed customers. */
  n: number;
  means: Record<MeanMetric, Sums>;
  /** Customers with the outcome; `churned` out of `churnEligible`, the others out of n. */
  counts: Record<ProportionMetric, number>;
  /** Customers whose churnDays after exposure have passed by asOf. */
  churnEligible: number;
  /** The CUPED covariates (the preDays before exposure) and their cross-products. */
  pre: {
    /** Customers with at least one purchase in the pre-period. */
    buyers: number;
    netRevenue: Sums;
    orders: Sums;
    /** Σ pre-revenue × revenue, Σ pre-revenue × profit (milli), Σ pre-orders × orders. */
    revenueByRevenue: bigint;
    revenueByProfit: bigint;
    ordersByOrders: bigint;
  };
}

export type Cohort = 'fixed' | 'toDate';

/** One group of customers as the SQL returns it. */
export interface MetricCell extends MetricSums {
  variant: string;
  /** The horizon has fully passed by asOf: the customer belongs to the fixed-horizon cohort. */
  complete: boolean;
  rfmSegment: string;
  lifecycleStage: string;
}

const zeroSums = (): Sums => ({ sum: 0n, sumSquares: 0n });

export const emptySums = (): MetricSums => ({
  n: 0,
  means: {
    orders: zeroSums(),
    netRevenue: zeroSums(),
    pointsIssued: zeroSums(),
    pointsCost: zeroSums(),
    profit: zeroSums(),
  },
  counts: { converted: 0, churned: 0, unsubscribed: 0, complained: 0 },
  churnEligible: 0,
  pre: {
    buyers: 0,
    netRevenue: zeroSums(),
    orders: zeroSums(),
    revenueByRevenue: 0n,
    revenueByProfit: 0n,
    ordersByOrders: 0n,
  },
});

const addSums = (a: Sums, b: Sums): Sums => ({
  sum: a.sum + b.sum,
  sumSquares: a.sumSquares + b.sumSquares,
});

export const addMetricSums = (a: MetricSums, b: MetricSums): MetricSums => ({
  n: a.n + b.n,
  means: {
    orders: addSums(a.means.orders, b.means.orders),
    netRevenue: addSums(a.means.netRevenue, b.means.netRevenue),
    pointsIssued: addSums(a.means.pointsIssued, b.means.pointsIssued),
    pointsCost: addSums(a.means.pointsCost, b.means.pointsCost),
    profit: addSums(a.means.profit, b.means.profit),
  },
  counts: {
    converted: a.counts.converted + b.counts.converted,
    churned: a.counts.churned + b.counts.churned,
    unsubscribed: a.counts.unsubscribed + b.counts.unsubscribed,
    complained: a.counts.complained + b.counts.complained,
  },
  churnEligible: a.churnEligible + b.churnEligible,
  pre: {
    buyers: a.pre.buyers + b.pre.buyers,
    netRevenue: addSums(a.pre.netRevenue, b.pre.netRevenue),
    orders: addSums(a.pre.orders, b.pre.orders),
    revenueByRevenue: a.pre.revenueByRevenue + b.pre.revenueByRevenue,
    revenueByProfit: a.pre.revenueByProfit + b.pre.revenueByProfit,
    ordersByOrders: a.pre.ordersByOrders + b.pre.ordersByOrders,
  },
});

/** The sum of the cells that pass `keep`. */
export const rollUp = (
  cells: readonly MetricCell[],
  keep: (cell: MetricCell) => boolean,
): MetricSums => cells.filter(keep).reduce<MetricSums>(addMetricSums, emptySums());

/** Mean and sample variance (divisor n − 1) from exact sums, divided once at the end. */
export const meanAndVariance = (
  n: number,
  sums: Sums,
  scale = 1,
): { mean: number; variance: number } => {
  if (n === 0) return { mean: 0, variance: 0 };
  const big = BigInt(n);
  const centred = big * sums.sumSquares - sums.sum * sums.sum;
  return {
    mean: Number(sums.sum) / n / scale,
    variance: n < 2 ? 0 : Number(centred) / (n * (n - 1)) / (scale * scale),
  };
};
