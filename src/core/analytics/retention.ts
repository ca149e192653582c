import type { ProgrammeSettings } from '../programme/programme.js';
import type { Clock } from '../shared/clock.js';
import { observedUntilOf } from './cohorts.js';
import {
  activeWindowOf,
  ACTIVE_WINDOW_PERCENTILE,
  type ActiveWindow,
  type GapStats,
} from './active-window.js';
import {
  averageMinor,
  localDate,
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

/** The purchases the derived active window is read from. */
export interface GapRequest {
  scope: AnalyticsScope;
  filter: AnalyticsFilter;
  /** Only purchase days before this local date (the report's end) count. */
  before: string;
  /** 0..1: which percentile of the gaps to return. */
  percentile: number;
}

/** The port the database implements. */
export interface RetentionSource {
  /** One row per requested period, oldest first. */
  retentionCounts(request: RetentionRequest): Promise<RetentionCounts[]>;
  /** The gaps between consecutive purchase days of each customer: how many, and a percentile. */
  purchaseGaps(request: GapRequest): Promise<GapStats>;
  /** The local date of the newest order in the programme currency, whatever the filters. */
  lastOrderDay(scope: AnalyticsScope): Promise<string | null>;
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
    /** In S and in E: active at the start and still active at the end. */
    retained: number;
    new: number;
    churned: number;
    reactivated: number;
  };
  /** retained / S × 100 (0..100); null when S = 0. */
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
  /** The data ends before the period does (or before it starts): its figures are incomplete. */
  partial: boolean;
}

export interface RetentionReport {
  granularity: Granularity;
  from: string;
  to: string;
  /** The active window used (= activeWindow.days). */
  activeDays: number;
  activeWindow: ActiveWindow;
  /** Local date up to which (exclusive) purchases are observed; null when there is no data. */
  observedUntil: string | null;
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

/**
 * The rates of one period from its counts: pure, so every division by zero is decided here.
 * Retained customers are S ∩ E = S − churned (churned is S \ E), so customers who come back after
 * lapsing, or are new, never raise the rate: they are reported as reactivated and new.
 */
export const retentionPeriodOf = (
  c: RetentionCounts,
  observedUntil: string | null = null,
): RetentionPeriod => ({
  start: c.start,
  end: c.end,
  customers: {
    atStart: c.customersAtStart,
    atEnd: c.customersAtEnd,
    retained: c.customersAtStart - c.churned,
    new: c.newBuyers,
    churned: c.churned,
    reactivated: c.reactivated,
  },
  retentionRatePct: percent(c.customersAtStart - c.churned, c.customersAtStart),
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
  partial: observedUntil !== null && c.end > observedUntil,
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
  clock: Clock;
}

/**
 * Retention metrics per calendar period (CRR, churn, repeat rate, frequency, average order value,
 * time between purchases, new vs returning revenue) over every period overlapping [from, to].
 * Without `activeDays` the active window is derived from the shop's own gaps between purchases.
 */
export const retentionReport = async (
  deps: RetentionDeps,
  query: RetentionQuery,
): Promise<RetentionReport> => {
  const periods = checkedPeriods(query.granularity, query.from, query.to);
  const scope = { currency: deps.programme.currency, timeZone: deps.programme.timeZone };
  const filter = filterFromQuery(query);
  const gaps = await deps.retention.purchaseGaps({
    scope,
    filter,
    before: periods[periods.length - 1]!.end,
    percentile: ACTIVE_WINDOW_PERCENTILE / 100,
  });
  const activeWindow = activeWindowOf(gaps, query.activeDays);
  const rows = await deps.retention.retentionCounts({
    scope,
    granularity: query.granularity,
    periods,
    activeDays: activeWindow.days,
    filter,
  });
  const today = localDate(deps.clock.now(), scope.timeZone);
  const observedUntil = observedUntilOf(today, await deps.retention.lastOrderDay(scope));
  const byStart = new Map(rows.map((r) => [r.start, r]));
  return {
    granularity: query.granularity,
    from: query.from,
    to: query.to,
    activeDays: activeWindow.days,
    activeWindow,
    observedUntil,
    ...scope,
    filter,
    periods: periods.map((p) =>
      retentionPeriodOf(byStart.get(p.start) ?? emptyCounts(p), observedUntil),
    ),
  };
};

/** The periods a trend line or a summary reads: the fully observed ones, unless asked. */
export const trendPeriods = (report: RetentionReport, includePartial = false): RetentionPeriod[] =>
  includePartial ? report.periods : report.periods.filter((p) => !p.partial);
