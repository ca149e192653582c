import { describe, expect, it } from 'vitest';
import type { TierPolicy } from './tiers.js';
import { addLocalDays } from '../shared/zoned-time.js';
import {
  currentWindow,
  nextReviewAt,
  periodEndFor,
  reviewAtFor,
  reviewedWindow,
} from './tiers.periods.js';

const yearly = (graceDays: number): TierPolicy => ({
  metric: 'spend',
  window: { kind: 'calendarYear' },
  graceDays,
});
const rolling = (days: number, graceDays: number): TierPolicy => ({
  metric: 'orders',
  window: { kind: 'rolling', days },
  graceDays,
});
const at = (iso: string) => new Date(iso);

describe('tier review dates', () => {
  it('a tier earned on 31 December at 23:30 local time belongs to that year, not the UTC one', () => {
    // New York: 23:30 on 31 Dec 2026 is 04:30 UTC on 1 Jan 2027.
    const earned = at('2027-01-01T04:30:00Z');
    expect(periodEndFor(yearly(0), earned, 'America/New_York')).toEqual(at('2027-01-01T05:00:00Z'));
    expect(reviewAtFor(yearly(30), earned, 'America/New_York')).toEqual(at('2027-01-31T05:00:00Z'));
    // Auckland: 00:30 on 1 Jan 2027 is still 31 Dec 2026 in UTC, but it is the new year there.
    const kiwi = at('2026-12-31T11:30:00Z');
    expect(periodEndFor(yearly(0), kiwi, 'Pacific/Auckland')).toEqual(
      at('2027-12-31T11:00:00Z'), // 1 Jan 2028 00:00 NZDT
    );
    // And 23:30 local on 31 Dec 2026 there is 10:30 UTC the same day: reviewed a year earlier.
    expect(periodEndFor(yearly(0), at('2026-12-31T10:30:00Z'), 'Pacific/Auckland')).toEqual(
      at('2026-12-31T11:00:00Z'),
    );
  });

  it('calendar year: review on 1 January local plus the grace days, across a DST change', () => {
    const policy = yearly(90);
    // 1 Jan 2027 00:00 London (GMT) + 90 days = 1 Apr 2027 00:00 BST = 31 Mar 23:00 UTC.
    expect(reviewAtFor(policy, at('2026-06-15T12:00:00Z'), 'Europe/London')).toEqual(
      at('2027-03-31T23:00:00Z'),
    );
  });

  it('rolling: review `days` after the tier was earned, plus grace', () => {
    const earned = at('2026-03-01T12:00:00Z');
    expect(reviewAtFor(rolling(90, 7), earned, 'UTC')).toEqual(at('2026-06-06T12:00:00Z'));
    // Local days keep the local time of day over a DST change (London, 29 March 2026).
    expect(reviewAtFor(rolling(30, 0), earned, 'Europe/London')).toEqual(
      at('2026-03-31T11:00:00Z'),
    );
  });

  it('the reviewed period is the one that ended graceDays before the review', () => {
    const policy = yearly(30);
    const reviewAt = reviewAtFor(policy, at('2026-05-01T10:00:00Z'), 'Europe/London');
    expect(reviewedWindow(policy, reviewAt, 'Europe/London')).toEqual({
      start: at('2026-01-01T00:00:00Z'),
      end: at('2027-01-01T00:00:00Z'),
    });
    const r = rolling(90, 7);
    const rollingReview = reviewAtFor(r, at('2026-03-01T12:00:00Z'), 'UTC');
    expect(reviewedWindow(r, rollingReview, 'UTC')).toEqual({
      start: at('2026-03-01T12:00:00Z'),
      end: at('2026-05-30T12:00:00Z'),
    });
  });

  it('after a review the next one is a period later', () => {
    const policy = yearly(30);
    expect(nextReviewAt(policy, at('2027-01-31T00:00:00Z'), 'Europe/London')).toEqual(
      at('2028-01-31T00:00:00Z'),
    );
    expect(nextReviewAt(rolling(90, 7), at('2026-06-06T12:00:00Z'), 'UTC')).toEqual(
      at('2026-09-04T12:00:00Z'),
    );
  });

  it('current window: the local calendar year, or the last `days` days open to now', () => {
    expect(currentWindow(yearly(0), at('2027-01-01T04:30:00Z'), 'America/New_York')).toEqual({
      start: at('2026-01-01T05:00:00Z'),
      end: at('2027-01-01T05:00:00Z'),
    });
    expect(currentWindow(rolling(10, 0), at('2026-03-11T12:00:00Z'), 'UTC')).toEqual({
      start: at('2026-03-01T12:00:00Z'),
      end: null,
    });
  });

  it('addLocalDays and its inverse give back the instant', () => {
    const t = at('2026-10-20T08:15:00Z');
    for (const zone of ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'UTC']) {
      for (const days of [1, 7, 30, 365, -45]) {
        expect(addLocalDays(addLocalDays(t, days, zone), -days, zone)).toEqual(t);
      }
    }
  });
});
