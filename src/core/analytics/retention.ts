import type { ProgrammeSettings } from '../programme/programme.js';
import {
  averageMinor,
  checkedPeriods,
  filterFromQuery,
  percent,
  ratio,
  type AnalyticsFilter,
  type AnalyticsScope,
  type Granularity,
  type Period,
  type RetentionQuery,
} from './periods.js';

/** What the database counts for one period [start, end); definitions in docs/analytics.md. */
export interface RetentionCounts extends Period {
  /** S: customers with a purchase in [start − activeDays, start). */
  customersAtStart: number;
  /** E: customers with a purchase in [end − activeDays, end). */
  customersAtEnd: number;
  /** Customers in S and not in E. */
  churned: number;
  /** Customers in E, not in S, whose first purchase was before the period. */
  reactivated: number;
  buyers: number;
  /** N: buyers whose first purchase ever is in the period. */
  newBuyers: number;
  orders: number;
  newOrders: number;
  revenueMinor: number;
  newRevenueMinor: number;
  /** Buyers who purchased on at least two calendar days of the period. */
  repeatBuyers: number;
  /** Purchase days in the period that had an earlier purchase day, and the gaps' mean and median. */
  intervals: number;
  meanDaysBetween: number | null;
  medianDaysBetween: number | null;
}

export interface RetentionRequest {
  scope: AnalyticsScope;
  granularity: Granularity;
  /** The periods to report, consecutive, oldest first. */
  periods: Period[];
  activeDays: number;
  filter: AnalyticsFilter;
}

/** The port the database implements: one row per requested period, oldest first. */
export interface RetentionSource {
  retentionCounts(request: RetentionRequest): Promise<RetentionCounts[]>;
}

interface Split {
  total: number;
  new: number;
  returning: number;
}

export interface RetentionPeriod extends Period {
  customers: {
    atStart: number;
    atEnd: number;
    new: number;
    churned: number;
    reactivated: number;
  };
  /** (E − N) / S × 100; null when S = 0. */
  retentionRatePct: number | null;
  /** churned / S × 100; null when S = 0. */
  churnRatePct: number | null;
  buyers: Split;
  orders: Split;
  revenueMinor: Split;
  repeatBuyers: number;
  repeatPurchaseRatePct: number | null;
  /** Orders per buyer. */
  purchaseFrequency: number | null;
  /** Revenue per order in minor units, rounded half away from zero. */
  averageOrderValueMinor: number | null;
  daysBetweenPurchases: { intervals: number; mean: number | null; median: number | null };
}

export interface RetentionReport {
  granularity: Granularity;
  from: string;
  to: string;
  activeDays: number;
  currency: string;
  timeZone: string;
  filter: AnalyticsFilter;
  periods: RetentionPeriod[];
}

const split = (total: number, fresh: number): Split => ({
  total,
  new: fresh,
  returning: total - fresh,
});

/** The rates of one period from its counts: pure, so every division by zero is decided here. */
export const retentionPeriodOf = (c: RetentionCounts): RetentionPeriod => ({
  start: c.start,
  end: c.end,
  customers: {
    atStart: c.customersAtStart,
    atEnd: c.customersAtEnd,
    new: c.newBuyers,
    churned: c.churned,
    reactivated: c.reactivated,
  },
  retentionRatePct: percent(c.customersAtEnd - c.newBuyers, c.customersAtStart),
  churnRatePct: percent(c.churned, c.customersAtStart),
  buyers: split(c.buyers, c.newBuyers),
  orders: split(c.orders, c.newOrders),
  revenueMinor: split(c.revenueMinor, c.newRevenueMinor),
  repeatBuyers: c.repeatBuyers,
  repeatPurchaseRatePct: percent(c.repeatBuyers, c.buyers),
  purchaseFrequency: ratio(c.orders, c.buyers),
  averageOrderValueMinor: averageMinor(c.revenueMinor, c.orders),
  daysBetweenPurchases: {
    intervals: c.intervals,
    mean: c.intervals === 0 ? null : c.meanDaysBetween,
    median: c.intervals === 0 ? null : c.medianDaysBetween,
  },
});

/** A period in which nothing happened: what the database returns no row for. */
export const emptyCounts = (p: Period): RetentionCounts => ({
  ...p,
  customersAtStart: 0,
  customersAtEnd: 0,
  churned: 0,
  reactivated: 0,
  buyers: 0,
  newBuyers: 0,
  orders: 0,
  newOrders: 0,
  revenueMinor: 0,
  newRevenueMinor: 0,
  repeatBuyers: 0,
  intervals: 0,
  meanDaysBetween: null,
  medianDaysBetween: null,
});

export interface RetentionDeps {
  retention: RetentionSource;
  programme: ProgrammeSettings;
}

/**
 * Retention metrics per calendar period (CRR, churn, repeat rate, frequency, average order value,
 * time between purchases, new vs returning revenue) over every period overlapping [from, to].
 */
export const retentionReport = async (
  deps: RetentionDeps,
  query: RetentionQuery,
): Promise<RetentionReport> => {
  const periods = checkedPeriods(query.granularity, query.from, query.to);
  const scope = { currency: deps.programme.currency, timeZone: deps.programme.timeZone };
  const filter = filterFromQuery(query);
  const rows = await deps.retention.retentionCounts({
    scope,
    granularity: query.granularity,
    periods,
    activeDays: query.activeDays,
    filter,
  });
  const byStart = new Map(rows.map((r) => [r.start, r]));
  return {
    granularity: query.granularity,
    from: query.from,
    to: query.to,
    activeDays: query.activeDays,
    ...scope,
    filter,
    periods: periods.map((p) => retentionPeriodOf(byStart.get(p.start) ?? emptyCounts(p))),
  };
};
