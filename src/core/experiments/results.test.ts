import { describe, expect, it } from 'vitest';
import { cuped, cupedFromSums, type CovariatePair } from './cuped.js';

describe('cupedFromSums', () => {
  it('equals the per-customer form, from bigint and from number sums', () => {
    const arm = (seed: number): CovariatePair[] =>
      Array.from({ length: 40 }, (_, i) => {
        const x = ((i * 37 + seed) % 23) * 1000;
        return { x, y: x * 0.6 + ((i * 11 + seed) % 7) * 700 };
      });
    const sums = (pairs: CovariatePair[], big: boolean) => {
      const s = (f: (p: CovariatePair) => number) => pairs.reduce((a, p) => a + f(p), 0);
      const v = (n: number) => (big ? BigInt(n) : n);
      return {
        n: pairs.length,
        sumY: v(s((p) => p.y)),
        sumX: v(s((p) => p.x)),
        sumYY: v(s((p) => p.y * p.y)),
        sumXX: v(s((p) => p.x * p.x)),
        sumXY: v(s((p) => p.x * p.y)),
      };
    };
    const t = arm(3);
    const c = arm(8);
    const pairs = cuped(t, c);
    for (const big of [true, false]) {
      const r = cupedFromSums(sums(t, big), sums(c, big));
      expect(r.theta).toBeCloseTo(pairs.theta, 10);
      expect(r.varianceReduction).toBeCloseTo(pairs.varianceReduction, 10);
      expect(r.treatment.mean).toBeCloseTo(pairs.treatment.mean, 8);
      expect(r.control.variance / pairs.control.variance).toBeCloseTo(1, 10);
    }
  });
});
