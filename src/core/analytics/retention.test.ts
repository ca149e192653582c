import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME } from '../programme/programme.js';
import { manualClock } from '../shared/clock.js';
import { activeWindowOf, roundUpActiveDays } from './active-window.js';
import {
  emptyCounts,
  retentionPeriodOf,
  retentionReport,
  trendPeriods,
  type RetentionCounts,
  type RetentionSource,
} from './retention.js';

const counts = (fields: Partial<RetentionCounts>): RetentionCounts => ({
  ...emptyCounts({ start: '2026-01-01', end: '2026-02-01' }),
  ...fields,
});

describe('retention rates from counts', () => {
  it('CRR = retained / S with retained = S − churned, churn = churned / S, null for an empty base', () => {
    const p = retentionPeriodOf(
      counts({ customersAtStart: 200, customersAtEnd: 190, newBuyers: 30, churned: 40 }),
    );
    expect(p.customers.retained).toBe(160); // 200 − 40
    expect(p.retentionRatePct).toBe(80); // 160 / 200
    expect(p.churnRatePct).toBe(20); // 40 / 200
    const empty = retentionPeriodOf(counts({ customersAtEnd: 5, newBuyers: 5 }));
    expect(empty.retentionRatePct).toBeNull();
    expect(empty.churnRatePct).toBeNull();
  });

  it('a reactivated customer does not raise CRR (hand count: S 10, 4 lapse, 6 come back)', () => {
    // S = 10; 4 of them lapse (churned); 6 customers inactive at the start come back
    // (reactivated) and 2 are new: E = 10 − 4 + 6 + 2 = 14. The old (E − N) / S read
    // (14 − 2) / 10 = 120 %; kept are 10 − 4 = 6, so CRR = 60 % and churn 40 %.
    const p = retentionPeriodOf(
      counts({
        customersAtStart: 10,
        churned: 4,
        reactivated: 6,
        newBuyers: 2,
        customersAtEnd: 14,
      }),
    );
    expect(p.customers).toMatchObject({ retained: 6, reactivated: 6, new: 2 });
    expect(p.retentionRatePct).toBe(60);
    expect(p.churnRatePct).toBe(40);
  });

  it('CRR stays within 0..100 and CRR + churn = 100, whatever the counts', () => {
    fc.assert(
      fc.property(
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(10_000),
        fc.nat(10_000),
        (s, lost, back, fresh) => {
          const churned = Math.min(lost, s);
          const p = retentionPeriodOf(
            counts({
              customersAtStart: s,
              churned,
              reactivated: back,
              newBuyers: fresh,
              customersAtEnd: s - churned + back + fresh,
            }),
          );
          if (s === 0) return p.retentionRatePct === null;
          return (
            p.retentionRatePct! >= 0 &&
            p.retentionRatePct! <= 100 &&
            Math.abs(p.retentionRatePct! + p.churnRatePct! - 100) < 1e-9
          );
        },
      ),
    );
  });

  it('a period is partial when it ends after the end of observation', () => {
    const nov = counts({ start: '2011-11-01', end: '2011-12-01' });
    const dec = counts({ start: '2011-12-01', end: '2012-01-01' });
    // Observed until 10 Dec 2011 (exclusive): November is whole, December is not.
    expect(retentionPeriodOf(nov, '2011-12-10').partial).toBe(false);
    expect(retentionPeriodOf(dec, '2011-12-10').partial).toBe(true);
    // Observed until 1 Dec exactly: November ends there, so it is whole.
    expect(retentionPeriodOf(nov, '2011-12-01').partial).toBe(false);
    expect(retentionPeriodOf(dec, null).partial).toBe(false);
  });

  it('splits buyers, orders and revenue into new and returning', () => {
    const p = retentionPeriodOf(
      counts({
        buyers: 4,
        newBuyers: 1,
        orders: 7,
        newOrders: 2,
        revenueMinor: 1001,
        newRevenueMinor: 300,
        repeatBuyers: 2,
      }),
    );
    expect(p.buyers).toEqual({ total: 4, new: 1, returning: 3 });
    expect(p.orders).toEqual({ total: 7, new: 2, returning: 5 });
    expect(p.revenueMinor).toEqual({ total: 1001, new: 300, returning: 701 });
    expect(p.repeatPurchaseRatePct).toBe(50);
    expect(p.purchaseFrequency).toBe(1.75);
    expect(p.averageOrderValueMinor).toBe(143); // 1001 / 7 = 143
  });

  it('no buyers: every per-buyer and per-order figure is null', () => {
    const p = retentionPeriodOf(counts({ customersAtStart: 3, customersAtEnd: 3 }));
    expect(p).toMatchObject({
      retentionRatePct: 100,
      repeatPurchaseRatePct: null,
      purchaseFrequency: null,
      averageOrderValueMinor: null,
      daysBetweenPurchases: { intervals: 0, mean: null, median: null },
    });
  });

  it('asks the source for the covered periods and fills any it did not return', async () => {
    const asked: unknown[] = [];
    const report = await retentionReport(
      {
        programme: DEFAULT_PROGRAMME,
        clock: manualClock(new Date('2026-06-10T12:00:00Z')),
        retention: {
          retentionCounts: async (request) => {
            asked.push(request);
            return [counts({ start: '2026-02-01', end: '2026-03-01', buyers: 2, orders: 2 })];
          },
          purchaseGaps: async () => ({ gaps: 0, gapDays: null }),
          lastOrderDay: async () => '2026-02-10',
        },
      },
      {
        granularity: 'month',
        from: '2026-01-15',
        to: '2026-02-15',
        activeDays: 90,
        channel: 'web',
      },
    );
    expect(asked).toEqual([
      {
        scope: { currency: 'GBP', timeZone: 'Europe/London' },
        granularity: 'month',
        periods: [
          { start: '2026-01-01', end: '2026-02-01' },
          { start: '2026-02-01', end: '2026-03-01' },
        ],
        activeDays: 90,
        filter: { channel: 'web' },
      },
    ]);
    expect(report.periods.map((p) => p.buyers.total)).toEqual([0, 2]);
    // Data ends 10 Feb: observed until 11 Feb, so February is partial and left out of trends.
    expect(report.observedUntil).toBe('2026-02-11');
    expect(report.periods.map((p) => p.partial)).toEqual([false, true]);
    expect(trendPeriods(report).map((p) => p.start)).toEqual(['2026-01-01']);
    expect(trendPeriods(report, true).map((p) => p.start)).toEqual(['2026-01-01', '2026-02-01']);
  });
});

describe('the derived active window', () => {
  it('rounds the gap up to 30, 60, 90, 180 or 365 days, then to whole years', () => {
    const cases: [number, number][] = [
      [1, 30],
      [30, 30],
      [31, 60],
      [60, 60],
      [70, 90], // Online Retail: p80 of the gaps is 70 days
      [90, 90],
      [91, 180],
      [180, 180],
      [181, 365],
      [365, 365],
      [366, 730],
      [800, 1095],
      [5000, 3650], // at most ten years, the largest window a request may ask for
    ];
    expect(cases.map(([gap]) => [gap, roundUpActiveDays(gap)])).toEqual(cases);
  });

  it('uses the derived window unless one is asked for, and 365 days when nobody came back', () => {
    const gaps = { gaps: 12, gapDays: 40 };
    expect(activeWindowOf(gaps)).toEqual({
      days: 60,
      source: 'derived',
      percentile: 80,
      gaps: 12,
      gapDays: 40,
      derivedDays: 60,
    });
    expect(activeWindowOf(gaps, 30)).toMatchObject({
      days: 30,
      source: 'requested',
      derivedDays: 60,
    });
    expect(activeWindowOf({ gaps: 0, gapDays: null })).toMatchObject({
      days: 365,
      source: 'derived',
      gapDays: null,
    });
  });

  it('reads the 80th percentile of the gaps up to the end of the last period', async () => {
    const asked: unknown[] = [];
    const source: RetentionSource = {
      retentionCounts: async (request) => {
        asked.push(request.activeDays);
        return [];
      },
      purchaseGaps: async (request) => {
        asked.push(request);
        return { gaps: 5, gapDays: 100 };
      },
      lastOrderDay: async () => null,
    };
    const report = await retentionReport(
      {
        programme: DEFAULT_PROGRAMME,
        clock: manualClock(new Date('2026-06-10T12:00:00Z')),
        retention: source,
      },
      { granularity: 'month', from: '2026-01-01', to: '2026-01-31' },
    );
    expect(asked).toEqual([
      {
        scope: { currency: 'GBP', timeZone: 'Europe/London' },
        filter: {},
        before: '2026-02-01',
        percentile: 0.8,
      },
      180, // 100 days rounded up
    ]);
    expect(report.activeDays).toBe(180);
    expect(report.observedUntil).toBeNull();
    expect(report.periods[0]!.partial).toBe(false);
  });
});
