import type { z } from 'zod';
import { roundedPercent } from '../analytics/lifecycle.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import { addDaysToDate, DateWindowQuerySchema } from '../shared/calendar-date.js';
import { startOfLocalDay } from '../shared/zoned-time.js';

/**
 * The referral programme's figures for a window of calendar days [from, to] in the programme time
 * zone, or all time. The database counts and sums (src/db/referrals-stats.queries.ts); the window
 * and the formulas are here.
 */

export const TOP_REFERRERS = 10;

/** `?from=2026-06-01&to=2026-06-30`; both optional, each bound on its own (default: all time). */
export const ReferralStatsQuerySchema = DateWindowQuerySchema;

export type ReferralStatsInput = z.infer<typeof ReferralStatsQuerySchema>;

/** Instants bounding the window: [start, end), null where the window is open. */
export interface ReferralStatsBounds {
  start: Date | null;
  end: Date | null;
}

const localMidnight = (day: string, timeZone: string): Date => {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return startOfLocalDay(year, month, date, timeZone);
};

/** Local midnight starting `from`; local midnight after `to` (so `to` is counted whole). */
export const referralStatsBounds = (
  input: ReferralStatsInput,
  timeZone: string,
): ReferralStatsBounds => ({
  start: input.from === undefined ? null : localMidnight(input.from, timeZone),
  end: input.to === undefined ? null : localMidnight(addDaysToDate(input.to, 1), timeZone),
});

export interface ReferralCounts {
  /** Made in the window, refused ones included. */
  total: number;
  /** Made in the window and still pending. */
  pending: number;
  /** Converted in the window, and not reversed since. */
  converted: number;
  /** Reversed in the window. */
  reversed: number;
  /** Made in the window and refused. */
  refused: number;
}

/** Points the referral awards moved in the window, from their own ledger entries. */
export interface ReferralPoints {
  referrers: number;
  friends: number;
  /** Taken back from both sides when the converting order was returned. */
  reversed: number;
}

export interface TopReferrer {
  customerId: string;
  name: string | null;
  email: string | null;
  /** Conversions in the window that stand. */
  converted: number;
  /** Referrer points the ledger posted for those conversions (0 past the yearly cap). */
  pointsEarned: number;
}

export interface ReferralStatsSource {
  referralCounts(bounds: ReferralStatsBounds): Promise<ReferralCounts>;
  referralPoints(bounds: ReferralStatsBounds): Promise<ReferralPoints>;
  topReferrers(bounds: ReferralStatsBounds, limit: number): Promise<TopReferrer[]>;
}

export interface ReferralProgrammeStats {
  from: string | null;
  to: string | null;
  referrals: ReferralCounts;
  /** converted / (total − refused), percent with two decimals; null when nothing to divide by. */
  conversionRatePercent: number | null;
  pointsAwarded: ReferralPoints;
  topReferrers: TopReferrer[];
}

export const referralProgrammeStats = async (
  deps: { referralStats: ReferralStatsSource; programme: Pick<ProgrammeSettings, 'timeZone'> },
  input: ReferralStatsInput,
): Promise<ReferralProgrammeStats> => {
  const bounds = referralStatsBounds(input, deps.programme.timeZone);
  const referrals = await deps.referralStats.referralCounts(bounds);
  const pointsAwarded = await deps.referralStats.referralPoints(bounds);
  const topReferrers = await deps.referralStats.topReferrers(bounds, TOP_REFERRERS);
  return {
    from: input.from ?? null,
    to: input.to ?? null,
    referrals,
    conversionRatePercent: roundedPercent(referrals.converted, referrals.total - referrals.refused),
    pointsAwarded,
    topReferrers,
  };
};
