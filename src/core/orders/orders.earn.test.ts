import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basePointsForAmount, pointsToReverse } from './orders.earn.js';

const gbp = { currency: 'GBP', pointsPerCurrencyUnit: 1 };

describe('basePointsForAmount', () => {
  it('floors whole currency units', () => {
    expect(basePointsForAmount(gbp, 'GBP', 13912, 2)).toBe(139);
    expect(basePointsForAmount(gbp, 'GBP', 99, 2)).toBe(0);
    expect(basePointsForAmount({ currency: 'GBP', pointsPerCurrencyUnit: 3 }, 'GBP', 1050, 2)).toBe(
      31,
    );
  });

  it('handles currencies without minor units', () => {
    expect(basePointsForAmount({ currency: 'JPY', pointsPerCurrencyUnit: 1 }, 'JPY', 1234, 0)).toBe(
      1234,
    );
  });

  it('earns nothing in another currency (no exchange rates are kept)', () => {
    expect(basePointsForAmount(gbp, 'EUR', 10_000, 2)).toBe(0);
  });
});

describe('pointsToReverse', () => {
  it('takes back the share of the returned value, cumulatively', () => {
    // 30 points on 30.99; returning 20.99 of it then the rest.
    expect(pointsToReverse(30, 3099, 0, 2100)).toBe(20);
    expect(pointsToReverse(30, 3099, 2100, 999)).toBe(10);
  });

  it('over any split into returns, takes back exactly what was earned in total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 10 }),
        (earned, parts) => {
          const total = parts.reduce((s, p) => s + p, 0);
          let before = 0;
          let reversed = 0;
          for (const part of parts) {
            const step = pointsToReverse(earned, total, before, part);
            expect(step).toBeGreaterThanOrEqual(0);
            reversed += step;
            before += part;
          }
          expect(reversed).toBe(earned);
        },
      ),
    );
  });
});

describe('basePointsForAmount at the limits', () => {
  it('stays exact where amount × rate passes 2^53', () => {
    expect(
      basePointsForAmount(
        { currency: 'GBP', pointsPerCurrencyUnit: 10_000 },
        'GBP',
        1_000_000_000_000,
        2,
      ),
    ).toBe(100_000_000_000_000);
  });
});
