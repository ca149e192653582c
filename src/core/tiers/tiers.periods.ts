import { addLocalDays, startOfLocalDay, zonedParts } from '../shared/zoned-time.js';
import type { MetricWindow, TierPolicy } from './tiers.js';

/**
 * The dates of tiers, in the programme's time zone. A tier is earned in a qualification period:
 * the calendar year it was earned in, or (rolling) the `days` after it was earned. Its review is
 * due `graceDays` after that period ends; the review looks at the metric over the period that
 * just ended. Invariant kept by every write: reviewAt = periodEnd + graceDays (local days), so
 * the period under review can be found from reviewAt alone.
 */

const startOfLocalYear = (year: number, timeZone: string) => startOfLocalDay(year, 1, 1, timeZone);

const localYear = (at: Date, timeZone: string) => zonedParts(at, timeZone).year;

/** The window the metric is measured over at `now`, for upgrades and progress. */
export const currentWindow = (policy: TierPolicy, now: Date, timeZone: string): MetricWindow => {
  if (policy.window.kind === 'rolling') {
    return { start: addLocalDays(now, -policy.window.days, timeZone), end: null };
  }
  const year = localYear(now, timeZone);
  return {
    start: startOfLocalYear(year, timeZone),
    end: startOfLocalYear(year + 1, timeZone),
  };
};

/** When the qualification period of a tier earned (or re-earned) at `earnedAt` ends. */
export const periodEndFor = (policy: TierPolicy, earnedAt: Date, timeZone: string): Date =>
  policy.window.kind === 'rolling'
    ? addLocalDays(earnedAt, policy.window.days, timeZone)
    : startOfLocalYear(localYear(earnedAt, timeZone) + 1, timeZone);

/** The review date of a tier earned at `earnedAt`: its period's end plus the grace days. */
export const reviewAtFor = (policy: TierPolicy, earnedAt: Date, timeZone: string): Date =>
  addLocalDays(periodEndFor(policy, earnedAt, timeZone), policy.graceDays, timeZone);

/** The period a review due at `reviewAt` looks at: the one that ended `graceDays` before. */
export const reviewedWindow = (
  policy: TierPolicy,
  reviewAt: Date,
  timeZone: string,
): { start: Date; end: Date } => {
  const end = addLocalDays(reviewAt, -policy.graceDays, timeZone);
  if (policy.window.kind === 'rolling') {
    return { start: addLocalDays(end, -policy.window.days, timeZone), end };
  }
  // The year the period's last instant falls in (the end itself is 1 January of the next).
  return {
    start: startOfLocalYear(localYear(new Date(end.getTime() - 1), timeZone), timeZone),
    end,
  };
};

/**
 * The review after the one due at `reviewAt`: a tier kept (or changed) at a review holds for the
 * period that follows the reviewed one, and is reviewed when that period has ended too.
 */
export const nextReviewAt = (policy: TierPolicy, reviewAt: Date, timeZone: string): Date => {
  const periodEnd = addLocalDays(reviewAt, -policy.graceDays, timeZone);
  const nextEnd =
    policy.window.kind === 'rolling'
      ? addLocalDays(periodEnd, policy.window.days, timeZone)
      : startOfLocalYear(localYear(periodEnd, timeZone) + 1, timeZone);
  return addLocalDays(nextEnd, policy.graceDays, timeZone);
};
