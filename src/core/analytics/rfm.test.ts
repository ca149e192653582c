import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import {
  decodeAnalyticsCursor,
  encodeAnalyticsCursor,
  quintileScore,
  quintileScores,
  refreshAnalytics,
  rfmSummary,
  type CustomerAnalyticsStore,
  type RefreshInput,
  type RfmSummaryFacts,
} from './rfm.js';

describe('quintile scores', () => {
  it('are exact quintiles without ties', () => {
    expect(quintileScores([10, 20, 30, 40, 50])).toEqual([1, 2, 3, 4, 5]);
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('keep a large tie at the bottom at 1 (most customers buy once)', () => {
    // 7 of 10 bought once: ceil(5 × cume_dist) would score them ceil(3.5) = 4.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 1, 2, 2, 3])).toEqual([1, 1, 1, 1, 1, 1, 1, 4, 4, 5]);
    expect(quintileScores([7, 7, 7])).toEqual([1, 1, 1]);
  });

  it('give ties one score, stay in 1..5, never decrease with the value, start at 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const scores = quintileScores(values);
          const min = Math.min(...values);
          return values.every((v, i) =>
            values.every((w, j) => {
              const si = scores[i]!;
              const sj = scores[j]!;
              const inRange = si >= 1 && si <= 5;
              const tieSafe = v !== w || si === sj;
              const monotone = v >= w ? si >= sj : si <= sj;
              const lowestIsOne = v !== min || si === 1;
              return inRange && tieSafe && monotone && lowestIsOne;
            }),
          );
        },
      ),
    );
  });

  it('refuse impossible ranks', () => {
    expect(() => quintileScore(3, 3)).toThrow(RangeError);
    expect(() => quintileScore(0, 0)).toThrow(RangeError);
    expect(quintileScore(0, 1)).toBe(1);
  });
});

describe('cursors', () => {
  it('round-trip and refuse anything else', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.stringMatching(/^[A-Za-z0-9_]{1,40}$/),
        (monetaryMinor, customerId) => {
          const c = { monetaryMinor, customerId };
          expect(decodeAnalyticsCursor(encodeAnalyticsCursor(c))).toEqual(c);
        },
      ),
    );
    expect(decodeAnalyticsCursor('xyz')).toBeNull();
    expect(decodeAnalyticsCursor(Buffer.from('12:a b').toString('base64url'))).toBeNull();
  });
});

const NOW = new Date('2026-07-01T12:00:00Z');
const programme = { currency: 'GBP', timeZone: 'Europe/London' };

const storeWith = (facts: Partial<RfmSummaryFacts>, refreshes: RefreshInput[] = []) =>
  ({
    refresh: async (input) => {
      refreshes.push(input);
      return { customers: 3, withPurchases: 2, durationMs: 1 };
    },
    summary: async () => ({
      asOf: NOW,
      computedAt: NOW,
      customers: 0,
      withPurchases: 0,
      notRefreshed: 0,
      segments: [],
      grid: [],
      stages: {},
      ...facts,
    }),
    list: async () => ({ customers: [], nextCursor: null }),
    forCustomer: async () => null,
    stageCounts: async () => ({ asOf: null, counts: {} }),
  }) satisfies CustomerAnalyticsStore;

describe('refreshAnalytics', () => {
  it('refreshes as of now with the default thresholds and the programme scope', async () => {
    const seen: RefreshInput[] = [];
    const deps = { analytics: storeWith({}, seen), clock: manualClock(NOW), programme };
    const result = await refreshAnalytics(deps, {});
    expect(result).toMatchObject({ asOf: NOW, customers: 3, withPurchases: 2 });
    expect(seen[0]).toEqual({
      asOf: NOW,
      computedAt: NOW,
      scope: programme,
      thresholds: { newDays: 30, activeDays: 90, atRiskDays: 180, lapsedDays: 365 },
    });
  });

  it('refuses bad thresholds and a future as-of before touching the store', async () => {
    const seen: RefreshInput[] = [];
    const deps = { analytics: storeWith({}, seen), clock: manualClock(NOW), programme };
    await expect(refreshAnalytics(deps, { thresholds: { lapsedDays: 10 } })).rejects.toThrow(
      DomainError,
    );
    await expect(
      refreshAnalytics(deps, { asOf: new Date(NOW.getTime() + 1) }),
    ).rejects.toMatchObject({ code: 'as_of_in_future' });
    expect(seen).toEqual([]);
  });
});

describe('rfmSummary', () => {
  it('lists all eleven segments and 25 grid cells, zeros included, with shares of buyers', async () => {
    const deps = {
      clock: manualClock(NOW),
      programme,
      analytics: storeWith({
        customers: 5,
        withPurchases: 4,
        segments: [
          {
            segment: 'lost',
            customers: 3,
            avgRecencyDays: 400.333333,
            avgFrequency: 1,
            avgMonetaryMinor: 1000,
          },
          {
            segment: 'champions',
            customers: 1,
            avgRecencyDays: 2,
            avgFrequency: 9,
            avgMonetaryMinor: 5e4,
          },
        ],
        grid: [
          { r: 1, f: 1, customers: 3 },
          { r: 5, f: 5, customers: 1 },
        ],
        stages: { prospect: 1, lost: 3, new: 1 },
      }),
    };
    const s = await rfmSummary(deps);
    expect(s.segments.map((x) => x.segment)[0]).toBe('champions');
    expect(s.segments).toHaveLength(11);
    expect(s.segments.find((x) => x.segment === 'lost')).toEqual({
      segment: 'lost',
      label: 'Lost',
      customers: 3,
      sharePercent: 75,
      avgRecencyDays: 400.33,
      avgFrequency: 1,
      avgMonetaryMinor: 1000,
    });
    expect(s.segments.find((x) => x.segment === 'loyal')).toMatchObject({
      customers: 0,
      sharePercent: 0,
      avgRecencyDays: null,
    });
    expect(s.rfGrid).toHaveLength(25);
    expect(s.rfGrid[0]).toEqual({ r: 5, f: 1, customers: 0 });
    expect(s.rfGrid[4]).toEqual({ r: 5, f: 5, customers: 1 });
    expect(s.rfGrid[20]).toEqual({ r: 1, f: 1, customers: 3 });
    expect(s.lifecycle.map((x) => x.customers)).toEqual([1, 1, 0, 0, 0, 3]);
  });
});
