import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMME } from '../programme/programme.js';
import {
  emptyCounts,
  retentionPeriodOf,
  retentionReport,
  type RetentionCounts,
} from './retention.js';

const counts = (fields: Partial<RetentionCounts>): RetentionCounts => ({
  ...emptyCounts({ start: '2026-01-01', end: '2026-02-01' }),
  ...fields,
});

describe('retention rates from counts', () => {
  it('CRR = (E − N) / S, churn = churned / S, both null for an empty base', () => {
    const p = retentionPeriodOf(
      counts({ customersAtStart: 200, customersAtEnd: 190, newBuyers: 30, churned: 40 }),
    );
    expect(p.retentionRatePct).toBe(80); // (190 − 30) / 200
    expect(p.churnRatePct).toBe(20); // 40 / 200
    const empty = retentionPeriodOf(counts({ customersAtEnd: 5, newBuyers: 5 }));
    expect(empty.retentionRatePct).toBeNull();
    expect(empty.churnRatePct).toBeNull();
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
        retention: {
          retentionCounts: async (request) => {
            asked.push(request);
            return [counts({ start: '2026-02-01', end: '2026-03-01', buyers: 2, orders: 2 })];
          },
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
  });
});
