import { DomainError } from '../../shared/errors.js';
import { dayNumber, dayString } from './calendar-days.js';
import { DAYS_PER_WEEK, type CustomerSummary, type HoldoutCounts, type ModelFit } from './clv.js';
import { expectedPurchases } from './lifetime-value.js';

/** Calibration frequencies shown one by one; the rest are pooled as "7+". */
const FREQUENCY_BUCKETS = 7;

export interface HoldoutRow {
  /** "0" … "6", then "7+". */
  frequency: string;
  customers: number;
  actualMean: number;
  expectedMean: number;
}

export interface HoldoutReport {
  byFrequency: HoldoutRow[];
  totalActual: number;
  totalExpected: number;
}

/**
 * Conditional expectations against what happened: for customers grouped by calibration
 * frequency, the mean holdout repeat purchases expected by the model and the mean observed.
 */
export const validateHoldout = (
  fit: ModelFit,
  customers: readonly CustomerSummary[],
  holdout: readonly HoldoutCounts[],
): HoldoutReport => {
  const byId = new Map(holdout.map((h) => [h.customerId, h]));
  const rows = Array.from({ length: FREQUENCY_BUCKETS + 1 }, () => ({
    customers: 0,
    actual: 0,
    expected: 0,
  }));
  let totalActual = 0;
  let totalExpected = 0;
  for (const c of customers) {
    const h = byId.get(c.customerId);
    if (!h) continue;
    const expected = expectedPurchases(fit, c, h.weeks);
    const row = rows[Math.min(c.frequency, FREQUENCY_BUCKETS)]!;
    row.customers++;
    row.actual += h.repeatPurchases;
    row.expected += expected;
    totalActual += h.repeatPurchases;
    totalExpected += expected;
  }
  return {
    byFrequency: rows.map((row, i) => ({
      frequency: i < FREQUENCY_BUCKETS ? String(i) : `${FREQUENCY_BUCKETS}+`,
      customers: row.customers,
      actualMean: row.customers > 0 ? row.actual / row.customers : 0,
      expectedMean: row.customers > 0 ? row.expected / row.customers : 0,
    })),
    totalActual,
    totalExpected,
  };
};

export interface TrackingPoint {
  /**
   * 1, 2, …: week k ends on start + 7k − 1 (or on `end` for a last, shorter week), inclusive: the
   * expectation runs to the end of that day.
   */
  week: number;
  weekStart: string;
  actualCumulative: number;
  expectedCumulative: number;
}

/** A customer with no history: what the model expects of anyone in their first t weeks. */
const NEWCOMER: CustomerSummary = {
  customerId: '(newcomer)',
  frequency: 0,
  recency: 0,
  age: 0,
  meanRepeatSpendMinor: 0,
  firstDay: '1970-01-01',
};

/** Actual repeat purchase days of cohort customers, counted per week from `start`. */
const weeklyActuals = (
  firstDays: Map<string, number>,
  actualRepeatDays: readonly { customerId: string; day: string }[],
  start: number,
  end: number,
  weeks: number,
): Float64Array => {
  const perWeek = new Float64Array(weeks);
  for (const purchase of actualRepeatDays) {
    const first = firstDays.get(purchase.customerId);
    if (first === undefined) continue;
    const day = dayNumber(purchase.day, 'repeat purchase day');
    if (day <= first || day < start || day > end) continue;
    perWeek[Math.floor((day - start) / DAYS_PER_WEEK)]!++;
  }
  return perWeek;
};

/**
 * The cohort's cumulative repeat purchases week by week from `start` to `end` (inclusive): actual
 * (each distinct repeat purchase day of a cohort customer counts once; the caller lists them) and
 * expected (each customer's unconditional expectation since their own first day).
 */
export const trackingCurve = (
  fit: ModelFit,
  customers: readonly CustomerSummary[],
  actualRepeatDays: readonly { customerId: string; day: string }[],
  options: { start: string; end: string },
): TrackingPoint[] => {
  const { start, end, weeks } = trackingWeeks(options);
  const firstDays = new Map(
    customers.map((c) => [c.customerId, dayNumber(c.firstDay, 'firstDay')]),
  );
  const perWeek = weeklyActuals(firstDays, actualRepeatDays, start, end, weeks);
  return trackingCurveFromWeeklyActuals(fit, customers, Array.from(perWeek), options);
};

const trackingWeeks = (options: { start: string; end: string }) => {
  const start = dayNumber(options.start, 'start');
  const end = dayNumber(options.end, 'end');
  if (end < start)
    throw new DomainError('invalid', 'invalid_period', 'end must not be before start');
  return { start, end, weeks: Math.ceil((end - start + 1) / DAYS_PER_WEEK) };
};

/**
 * The same curve when the actual repeat purchases are already counted per week (by the database,
 * say): `actualPerWeek[k]` is the number of repeat purchase days of cohort customers in week k + 1.
 */
export const trackingCurveFromWeeklyActuals = (
  fit: ModelFit,
  customers: readonly CustomerSummary[],
  actualPerWeek: readonly number[],
  options: { start: string; end: string },
): TrackingPoint[] => {
  const { start, end, weeks } = trackingWeeks(options);
  // The expectation depends only on the time since the first day: one evaluation per first day.
  const cohortByFirstDay = new Map<number, number>();
  for (const c of customers) {
    const first = dayNumber(c.firstDay, 'firstDay');
    cohortByFirstDay.set(first, (cohortByFirstDay.get(first) ?? 0) + 1);
  }
  const points: TrackingPoint[] = [];
  let actual = 0;
  for (let week = 1; week <= weeks; week++) {
    const lastDay = Math.min(start + week * DAYS_PER_WEEK - 1, end);
    // The week's purchases are counted to the end of lastDay, so a customer has been watched for
    // lastDay + 1 − first days: k whole weeks for a customer whose first day is start, as in
    // BTYD's ExpectedCumulativeTransactions. Stopping at lastDay − first lost a day of
    // expectation on every point (0.6–0.9 % in CDNOW's weeks 20–25).
    let expected = 0;
    for (const [first, count] of cohortByFirstDay) {
      if (first <= lastDay)
        expected += count * expectedPurchases(fit, NEWCOMER, (lastDay + 1 - first) / DAYS_PER_WEEK);
    }
    actual += actualPerWeek[week - 1] ?? 0;
    points.push({
      week,
      weekStart: dayString(start + (week - 1) * DAYS_PER_WEEK),
      actualCumulative: actual,
      expectedCumulative: expected,
    });
  }
  return points;
};
