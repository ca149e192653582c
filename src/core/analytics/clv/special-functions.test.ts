import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betaGeometricGrowth,
  expm1Ratio,
  log1mExp,
  logAddExp,
  logGamma,
  logHyp2f1APlus1,
} from './special-functions.js';

/** ₂F₁(a, b; c; z) summed term by term, for checks at small |z| where that is exact enough. */
const naiveHyp2f1 = (a: number, b: number, c: number, z: number) => {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 5000 && Math.abs(term) > 1e-18 * Math.abs(sum); k++) {
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
  }
  return sum;
};

const relative = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);

describe('logGamma', () => {
  it('matches known values', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(2)).toBeCloseTo(0, 14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(relative(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
    expect(relative(logGamma(100.5), 361.4355404677776)).toBeLessThan(1e-14);
    expect(logGamma(1e-8)).toBeCloseTo(-Math.log(1e-8) - 0.5772156649 * 1e-8, 10);
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });

  it('satisfies Γ(x + 1) = x Γ(x)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
        const lhs = logGamma(x + 1);
        const rhs = logGamma(x) + Math.log(x);
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * Math.max(1, Math.abs(lhs)));
      }),
    );
  });
});

describe('log-space helpers', () => {
  it('add and subtract in logs without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
    expect(log1mExp(-1e-20)).toBeCloseTo(Math.log(1e-20), 8);
    expect(log1mExp(-50)).toBeCloseTo(-Math.exp(-50), 30);
    expect(log1mExp(0)).toBe(-Infinity);
    expect(expm1Ratio(0)).toBe(1);
    expect(relative(expm1Ratio(1e-12), 1 + 5e-13)).toBeLessThan(1e-15);
  });
});

describe('logHyp2f1APlus1 (ln ₂F₁(a, b; a+1; z))', () => {
  it('matches the closed form ₂F₁(1, b; 2; z) = ((1−z)^(1−b) − 1) / ((b−1) z), both branches', () => {
    for (const b of [0.3, 0.9, 1.5, 7, 40]) {
      for (const z of [0.01, 0.3, 0.9, 0.99]) {
        const exact = (Math.pow(1 - z, 1 - b) - 1) / ((b - 1) * z);
        const log = Math.log(exact);
        expect(Math.abs(logHyp2f1APlus1(1, b, z) - log)).toBeLessThan(1e-12 * Math.max(1, log));
      }
    }
    expect(logHyp2f1APlus1(1, 1, 0.5)).toBeCloseTo(Math.log(-Math.log(0.5) / 0.5), 13);
  });

  it('agrees with the plain series where that converges fast', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (a, b, z) => {
          const expected = Math.log(naiveHyp2f1(a, b, a + 1, z));
          expect(Math.abs(logHyp2f1APlus1(a, b, z) - expected)).toBeLessThan(
            1e-11 * Math.max(1, Math.abs(expected)),
          );
        },
      ),
    );
  });

  it('gives NaN rather than a wrong number when z is too near 1 to sum', () => {
    expect(logHyp2f1APlus1(0.5, 0.5, 1 - 1e-7)).toBeNaN();
    expect(Number.isFinite(logHyp2f1APlus1(0.5, 0.5, 0.999))).toBe(true);
  });
});

describe('betaGeometricGrowth', () => {
  /** The closed form it replaces: [1 − (1−z)^(a−1) ₂F₁(c−e, a−1; c; z)] / (a − 1). */
  const direct = (a: number, c: number, cMinusE: number, z: number) =>
    (1 - Math.pow(1 - z, a - 1) * naiveHyp2f1(cMinusE, a - 1, c, z)) / (a - 1);

  it('agrees with the direct closed form away from a = 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 10, noNaN: true }).filter((a) => Math.abs(a - 1) > 0.05),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: -3, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (a, c, cMinusE, z) => {
          const expected = direct(a, c, cMinusE, z);
          expect(Math.abs(betaGeometricGrowth(a, c, cMinusE, z) - expected)).toBeLessThan(
            1e-9 * Math.max(1, Math.abs(expected)),
          );
        },
      ),
    );
  });

  it('stays finite and grows with z for large a and b (a small, well-known dropout rate)', () => {
    // Fits on data with little dropout land here: (1 − z)^(a−1) underflows against the series.
    const a = 5_000;
    const c = a + 100_000 + 3 - 1;
    const values = [0.05, 0.1, 0.2, 0.4, 0.5].map((z) => betaGeometricGrowth(a, c, c - 3.3, z));
    for (const v of values) expect(Number.isFinite(v) && v > 0).toBe(true);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
  });

  it('is finite at z = 1/2 (t = α + T), where the transformed series does not settle', () => {
    // a = 2, c = 3, c − e = 2: ₂F₁(2, 1; 3; 1/2) = 2(ln 2 − 1/2)/(1/4) = 8 ln 2 − 4, so
    // G = 1 − (1/2)(8 ln 2 − 4) = 3 − 4 ln 2 (BG/NBD r = 1, α = 1, a = b = 2 at t = 1: E = 3G).
    expect(betaGeometricGrowth(2, 3, 2, 0.5)).toBeCloseTo(3 - 4 * Math.log(2), 12);
  });

  it('is continuous through a = 1, where the closed form reads 0/0', () => {
    const at = (a: number) => betaGeometricGrowth(a, 3.2, 1.9, 0.45);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(Math.abs(at(1) - at(1 + 1e-7))).toBeLessThan(1e-6);
    expect(Math.abs(at(1) - at(1 - 1e-7))).toBeLessThan(1e-6);
  });
});
