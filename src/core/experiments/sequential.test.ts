import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import { optimalVarianceRatio } from './sequential.js';
import {
  alwaysValidDifference,
  alwaysValidSoFar,
  mixingVarianceForPlan,
  sequentialMeans,
  sequentialProportions,
  welchDifference,
} from './statistics.js';

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isDomainError(error) ? `${error.code} ${error.issues[0]?.path}` : 'not a DomainError';
  }
  return undefined;
};

/**
 * Λ straight from its definition, ∫ N(d; θ, V) / N(d; 0, V) · N(θ; 0, τ²) dθ, by the trapezoid
 * rule over ±12 τ: an independent route to the closed form the code uses.
 */
const mixtureByQuadrature = (d: number, v: number, tau2: number): number => {
  const tau = Math.sqrt(tau2);
  const steps = 200_000;
  const h = (24 * tau) / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i += 1) {
    const theta = -12 * tau + i * h;
    const ratio = Math.exp((-((d - theta) ** 2) + d ** 2) / (2 * v));
    const prior = Math.exp(-(theta ** 2) / (2 * tau2)) / Math.sqrt(2 * Math.PI * tau2);
    sum += (i === 0 || i === steps ? 0.5 : 1) * ratio * prior;
  }
  return sum * h;
};

describe('mSPRT (normal mixture)', () => {
  // No published worked example with digits was found for the normal-mixture mSPRT (the paper
  // gives formulas and simulations, not a worked look), so the closed form is checked against
  // its definition by quadrature, and the interval against the test it inverts.
  it('p = 1/Λ, the mixture likelihood ratio computed by quadrature', () => {
    for (const [d, se, tau2] of [
      [0.02, 0.01, 0.001],
      [-0.5, 0.3, 0.2],
      [3, 2, 25],
      [0.001, 0.01, 0.0004],
    ] as const) {
      const r = alwaysValidDifference(
        { difference: d, standardError: se },
        { mixingVariance: tau2 },
      );
      const lambda = mixtureByQuadrature(d, se * se, tau2);
      expect(r.pValue).toBeCloseTo(Math.min(1, 1 / lambda), 8);
    }
  });

  it('the interval is every effect the same test does not reject at α', () => {
    const options = { mixingVariance: 0.0009, confidence: 0.95 };
    const r = alwaysValidDifference({ difference: 0.03, standardError: 0.01 }, options);
    // Testing "effect = bound" is testing a difference of d − bound: exactly at p = α.
    for (const bound of [r.interval.lower, r.interval.upper]) {
      const shifted = alwaysValidDifference(
        { difference: 0.03 - bound, standardError: 0.01 },
        options,
      );
      expect(shifted.pValue).toBeCloseTo(0.05, 10);
    }
    // And it is wider than the fixed-horizon ±1.96 SE: the price of looking whenever one likes.
    expect(r.interval.upper - 0.03).toBeGreaterThan(1.96 * 0.01);
    // p < 0.05 exactly when the interval excludes 0.
    expect(r.pValue < 0.05).toBe(r.interval.lower > 0);
  });

  it('means use Welch’s standard error; proportions the unpooled one, clipped to [−1, 1]', () => {
    const t = { n: 400, mean: 12, variance: 90 };
    const c = { n: 500, mean: 10, variance: 70 };
    const m = sequentialMeans(t, c, { mixingVariance: 4 });
    expect(m.standardError).toBeCloseTo(welchDifference(t, c).standardError, 12);
    expect(m.difference).toBe(2);

    const p = sequentialProportions(
      { successes: 230, n: 1000 },
      { successes: 200, n: 1000 },
      { mixingVariance: 0.001 },
    );
    expect(p.standardError).toBeCloseTo(Math.sqrt((0.23 * 0.77 + 0.2 * 0.8) / 1000), 12);
    const wide = sequentialProportions(
      { successes: 1, n: 2 },
      { successes: 1, n: 2 },
      { mixingVariance: 1 },
    );
    expect(wide.interval).toEqual({ lower: -1, upper: 1 });
  });

  it('a look with no spread yet says nothing rather than everything', () => {
    const r = sequentialProportions(
      { successes: 0, n: 5 },
      { successes: 0, n: 5 },
      { mixingVariance: 0.001 },
    );
    expect(r.pValue).toBe(1);
    expect(r.interval).toEqual({ lower: -1, upper: 1 });
  });

  it('keeps a decisive difference finite in logs (no overflow to NaN)', () => {
    const r = alwaysValidDifference({ difference: 1, standardError: 0.001 }, { mixingVariance: 1 });
    expect(r.pValue).toBe(0);
    expect(Number.isFinite(r.interval.lower)).toBe(true);
  });
});

describe('looks so far', () => {
  const options = { mixingVariance: 0.001 };
  const look = (difference: number, standardError: number) =>
    alwaysValidDifference({ difference, standardError }, options);

  it('keeps the smallest p and intersects the intervals', () => {
    const looks = [look(0.05, 0.02), look(0.01, 0.01), look(0.02, 0.008)];
    const so = alwaysValidSoFar(looks);
    expect(so.pValue).toBe(Math.min(...looks.map((l) => l.pValue)));
    expect(so.pValue).toBe(looks[0]!.pValue);
    expect(so.interval).toEqual({
      lower: Math.max(...looks.map((l) => l.interval.lower)),
      upper: Math.min(...looks.map((l) => l.interval.upper)),
    });
    expect(so.looks).toBe(3);
  });

  it('says so when no single effect fits every look', () => {
    const so = alwaysValidSoFar([look(0.2, 0.01), look(-0.2, 0.01)]);
    expect(so.interval).toBeNull();
  });

  it('refuses looks with different τ² or confidence, naming the look', () => {
    expect(
      codeOf(() =>
        alwaysValidSoFar([
          look(0.01, 0.01),
          alwaysValidDifference({ difference: 0, standardError: 0.01 }, { mixingVariance: 0.002 }),
        ]),
      ),
    ).toBe('experiment_statistic_invalid looks.1.mixingVariance');
    expect(
      codeOf(() =>
        alwaysValidSoFar([
          look(0.01, 0.01),
          alwaysValidDifference(
            { difference: 0, standardError: 0.01 },
            { mixingVariance: 0.001, confidence: 0.9 },
          ),
        ]),
      ),
    ).toBe('experiment_statistic_invalid looks.1.confidence');
    expect(codeOf(() => alwaysValidSoFar([]))).toBe('experiment_statistic_invalid looks');
  });
});

describe('choosing τ²', () => {
  it('minimises the rejection threshold at the planned end', () => {
    const threshold = (r: number) =>
      Math.sqrt((1 + 1 / r) * (Math.log(1 + r) - 2 * Math.log(0.05)));
    const best = optimalVarianceRatio(0.05);
    expect(best).toBeCloseTo(8.2, 1);
    expect(threshold(best)).toBeCloseTo(Math.sqrt(1 + best), 12);
    expect(threshold(best)).toBeLessThan(threshold(best * 0.9));
    expect(threshold(best)).toBeLessThan(threshold(best * 1.1));
    // τ² = r · SE²: for a 20% rate with 2,800 customers per arm, τ ≈ 3 points, near the MDE.
    const se = Math.sqrt((2 * 0.2 * 0.8) / 2800);
    expect(mixingVarianceForPlan(se)).toBeCloseTo(best * se * se, 15);
    expect(Math.sqrt(mixingVarianceForPlan(se))).toBeCloseTo(0.0306, 3);
  });
});

describe('bad input', () => {
  it('names the field', () => {
    const ok = { difference: 0.1, standardError: 0.1 };
    expect(codeOf(() => alwaysValidDifference(ok, { mixingVariance: 0 }))).toBe(
      'experiment_statistic_invalid mixingVariance',
    );
    expect(codeOf(() => alwaysValidDifference(ok, { mixingVariance: Number.NaN }))).toBe(
      'experiment_statistic_invalid mixingVariance',
    );
    expect(codeOf(() => alwaysValidDifference(ok, { mixingVariance: 1, confidence: 1 }))).toBe(
      'experiment_statistic_invalid confidence',
    );
    expect(
      codeOf(() =>
        alwaysValidDifference({ difference: 0.1, standardError: -1 }, { mixingVariance: 1 }),
      ),
    ).toBe('experiment_statistic_invalid standardError');
    expect(
      codeOf(() =>
        alwaysValidDifference({ difference: Infinity, standardError: 1 }, { mixingVariance: 1 }),
      ),
    ).toBe('experiment_statistic_invalid difference');
    expect(
      codeOf(() =>
        sequentialProportions(
          { successes: 3, n: 2 },
          { successes: 1, n: 2 },
          { mixingVariance: 1 },
        ),
      ),
    ).toBe('experiment_statistic_invalid treatment.successes');
    expect(
      codeOf(() =>
        sequentialMeans(
          { n: 1, mean: 1, variance: 0 },
          { n: 5, mean: 1, variance: 1 },
          {
            mixingVariance: 1,
          },
        ),
      ),
    ).toBe('experiment_sample_too_small treatment.n');
    expect(codeOf(() => mixingVarianceForPlan(0))).toBe(
      'experiment_statistic_invalid plannedStandardError',
    );
  });
});
