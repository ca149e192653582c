import { DEFAULT_ACTIVE_DAYS, MAX_ACTIVE_DAYS } from './periods.js';

/**
 * The default active window of the retention report, derived from the shop's own rhythm: a
 * customer counts as active for as long as most customers take to come back. A fixed 365 days
 * keeps everyone "active" for a year, so on a year of data nobody can churn and CRR reads 100 %.
 */

/** Which percentile of the gaps between purchase days sets the window. */
export const ACTIVE_WINDOW_PERCENTILE = 80;

/** The windows a derived value is rounded up to; beyond the last, whole years. */
export const ACTIVE_WINDOW_STEPS = [30, 60, 90, 180, 365] as const;

/** What the database measures: gaps between consecutive distinct purchase days of a customer. */
export interface GapStats {
  gaps: number;
  /** The ACTIVE_WINDOW_PERCENTILE-th percentile of the gaps in days; null without gaps. */
  gapDays: number | null;
}

export interface ActiveWindow {
  /** The window the report used. */
  days: number;
  /** `requested`: the caller gave activeDays; `derived`: from the gaps (the default). */
  source: 'derived' | 'requested';
  percentile: number;
  gaps: number;
  gapDays: number | null;
  /** What the default would be: gapDays rounded up to a step, or 365 when there are no gaps. */
  derivedDays: number;
}

/**
 * Rounds a gap up to the nearest step (30, 60, 90, 180, 365 days), then to whole years, at most
 * MAX_ACTIVE_DAYS. Rounding up, never down: a window shorter than the gap it was read from would
 * call customers lapsed who are keeping their usual rhythm.
 */
export const roundUpActiveDays = (gapDays: number): number => {
  const step = ACTIVE_WINDOW_STEPS.find((s) => gapDays <= s);
  if (step !== undefined) return step;
  return Math.min(Math.ceil(gapDays / 365) * 365, MAX_ACTIVE_DAYS);
};

/** The window a report uses: the one asked for, or the derived one (365 when nobody came back). */
export const activeWindowOf = (stats: GapStats, requested?: number): ActiveWindow => {
  const derivedDays =
    stats.gapDays === null ? DEFAULT_ACTIVE_DAYS : roundUpActiveDays(stats.gapDays);
  return {
    days: requested ?? derivedDays,
    source: requested === undefined ? 'derived' : 'requested',
    percentile: ACTIVE_WINDOW_PERCENTILE,
    gaps: stats.gaps,
    gapDays: stats.gapDays,
    derivedDays,
  };
};
