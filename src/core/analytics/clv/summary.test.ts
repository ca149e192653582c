import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import { summarisePurchases, type PurchaseDay } from './index.js';

const buy = (customerId: string, day: string, amountMinor = 1000): PurchaseDay => ({
  customerId,
  day,
  amountMinor,
});

describe('summarisePurchases', () => {
  const purchases = [
    buy('ann', '2024-01-01', 500),
    buy('ann', '2024-01-01', 700), // same day as the first: merged, not a repeat
    buy('ann', '2024-01-15', 1000),
    buy('ann', '2024-01-15', 400), // same day: one repeat transaction worth 1400
    buy('ann', '2024-01-29', 600),
    buy('ann', '2024-02-12', 900), // holdout
    buy('ann', '2024-02-12', 100), // same holdout day
    buy('ann', '2024-04-01', 900), // after the holdout: ignored
    buy('bob', '2024-01-22', 0), // one-time buyer, zero value
    buy('cat', '2024-02-05', 300), // first buys in the holdout: left out
  ];

  it('merges days, skips the first day, measures time in weeks and counts late customers', () => {
    const result = summarisePurchases(purchases.toReversed(), {
      calibrationEnd: '2024-02-04',
      holdoutEnd: '2024-03-03',
    });
    expect(result.excludedLateCustomers).toBe(1);
    const byId = Object.fromEntries(result.customers.map((c) => [c.customerId, c]));
    expect(byId.ann).toEqual({
      customerId: 'ann',
      frequency: 2,
      recency: 4,
      age: 34 / 7,
      meanRepeatSpendMinor: 1000,
      firstDay: '2024-01-01',
    });
    expect(byId.bob).toEqual({
      customerId: 'bob',
      frequency: 0,
      recency: 0,
      age: 13 / 7,
      meanRepeatSpendMinor: 0,
      firstDay: '2024-01-22',
    });
    expect(result.holdout).toEqual(
      expect.arrayContaining([
        { customerId: 'ann', repeatPurchases: 1, weeks: 4 },
        { customerId: 'bob', repeatPurchases: 0, weeks: 4 },
      ]),
    );
  });

  it('without a holdout end, ignores later purchases and returns no holdout', () => {
    const result = summarisePurchases(purchases, { calibrationEnd: '2024-02-04' });
    expect(result.holdout).toBeNull();
    expect(result.customers.map((c) => c.customerId)).toEqual(['ann', 'bob']);
    expect(result.excludedLateCustomers).toBe(1);
  });

  it('a calibration end before every purchase leaves no customers', () => {
    const result = summarisePurchases(purchases, { calibrationEnd: '2023-12-31' });
    expect(result.customers).toEqual([]);
    expect(result.excludedLateCustomers).toBe(3);
  });

  it('refuses bad dates and a holdout that ends before calibration does', () => {
    expect(() =>
      summarisePurchases([buy('a', '2024-02-30')], { calibrationEnd: '2024-03-01' }),
    ).toThrow(DomainError);
    expect(() => summarisePurchases([], { calibrationEnd: '2024-13-01' })).toThrow(
      /calibrationEnd/,
    );
    expect(() =>
      summarisePurchases([], { calibrationEnd: '2024-03-01', holdoutEnd: '2024-03-01' }),
    ).toThrow(/holdoutEnd must be after/);
    expect(() =>
      summarisePurchases([buy('a', '2024-01-01', NaN)], { calibrationEnd: '2024-03-01' }),
    ).toThrow(/amount/);
  });

  it('holds its invariants on any purchase log: 0 ≤ t_x ≤ T, x counts distinct later days', () => {
    const day = fc
      .integer({ min: 0, max: 120 })
      .map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
    const purchase = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c', 'd'),
      day,
      amountMinor: fc.integer({ min: 0, max: 10_000 }),
    });
    fc.assert(
      fc.property(fc.array(purchase, { maxLength: 60 }), (log) => {
        const { customers, holdout } = summarisePurchases(log, {
          calibrationEnd: '2024-03-01',
          holdoutEnd: '2024-04-30',
        });
        for (const c of customers) {
          const mine = log.filter((p) => p.customerId === c.customerId);
          const days = [...new Set(mine.map((p) => p.day))].sort();
          expect(c.firstDay).toBe(days[0]);
          const repeats = days.filter((d) => d > c.firstDay && d <= '2024-03-01');
          expect(c.frequency).toBe(repeats.length);
          expect(c.recency).toBeGreaterThanOrEqual(0);
          expect(c.recency).toBeLessThanOrEqual(c.age);
          if (c.frequency === 0) expect([c.recency, c.meanRepeatSpendMinor]).toEqual([0, 0]);
          const h = holdout!.find((x) => x.customerId === c.customerId)!;
          expect(h.repeatPurchases).toBe(days.filter((d) => d > '2024-03-01').length);
        }
      }),
    );
  });
});
