import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import {
  cuped,
  cupedFromMoments,
  incrementalTotal,
  proportionDifference,
  welchDifference,
  wilsonInterval,
  type ArmSummary,
  type CovariateMoments,
  type CovariatePair,
} from './statistics.js';

const summarise = (values: readonly number[]): ArmSummary => {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { n, mean, variance };
};

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return isDomainError(error) ? `${error.code} ${error.issues[0]?.path}` : 'not a DomainError';
  }
  return undefined;
};

describe('textbook checks', () => {
  it('Wilson interval matches Newcombe (1998a) Table I and the limits implied by (1998b) Table II', () => {
    // Newcombe RG, "Two-sided confidence intervals for the single proportion: comparison of seven
    // methods", Stat Med 1998;17:857–872, Table I, method 3 (score, no continuity correction):
    // 81/263 → 0.2553 to 0.3662.
    const a = wilsonInterval(81, 263);
    expect(a.lower).toBeCloseTo(0.2553, 4);
    expect(a.upper).toBeCloseTo(0.3662, 4);
    // Newcombe (1998b) Table II example (e), 0/10 − 0/20 → −0.1611 to 0.2775, is the upper Wilson
    // limits of 0/20 and 0/10 (the lower ones are 0), so those limits are published too.
    expect(wilsonInterval(0, 20).upper).toBeCloseTo(0.1611, 4);
    expect(wilsonInterval(0, 10).upper).toBeCloseTo(0.2775, 4);
    expect(wilsonInterval(0, 10).lower).toBe(0);
  });

  it('difference of proportions matches Newcombe (1998b) method 10', () => {
    // Newcombe RG, "Interval estimation for the difference between independent proportions:
    // comparison of eleven methods", Stat Med 1998;17:873–890, Table II, method 10. The digits are
    // also reproduced in the WUSS 2016 paper 127 (lexjansen.com/wuss/2016/127_Final_Paper_PDF.pdf,
    // p. 9) and in R's DescTools::BinomDiffCI(method = "score").
    const a = proportionDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 });
    expect(a.difference).toBeCloseTo(0.2, 10);
    expect(a.interval.lower).toBeCloseTo(0.0524, 4);
    expect(a.interval.upper).toBeCloseTo(0.3339, 4);
    const b = proportionDifference({ successes: 9, n: 10 }, { successes: 3, n: 10 });
    expect(b.interval.lower).toBeCloseTo(0.1705, 4);
    expect(b.interval.upper).toBeCloseTo(0.809, 4);
    const d = proportionDifference({ successes: 5, n: 56 }, { successes: 0, n: 29 });
    expect(d.interval.lower).toBeCloseTo(-0.0381, 4);
    expect(d.interval.upper).toBeCloseTo(0.1926, 4);
    expect(d.relativeLift).toBeNull();
  });

  it('reports the pooled z (Pearson χ²) and a p-value that agrees with the interval', () => {
    // 56/70 vs 48/80: pooled p = 104/150 = 0.693333; SE = sqrt(0.693333 · 0.306667 · (1/70 + 1/80))
    // = 0.0754667; z = 0.2 / 0.0754667 = 2.6502. Pearson's X² without continuity correction on the
    // same 2×2 table is z² = 7.0235 on 1 df, p = P(χ²₁ > 7.0235) = 0.00804.
    const a = proportionDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 });
    expect(a.z).toBeCloseTo(2.6502, 4);
    expect(a.relativeLift).toBeCloseTo(0.2 / 0.6, 10);
    // The p-value is the interval's: at confidence 1 − p, Newcombe's lower limit is exactly 0.
    // Near d = 0 it is close to the χ² test's (0.00813 here), never at odds with the interval.
    expect(a.pValue).toBeCloseTo(1 - chisquareCdf(7.0235, 1), 3);
    const atP = proportionDifference(
      { successes: 56, n: 70 },
      { successes: 48, n: 80 },
      1 - a.pValue,
    );
    expect(atP.interval.lower).toBeCloseTo(0, 10);
    for (const [kt, nt, kc, nc] of [
      [9, 10, 3, 10],
      [5, 56, 0, 29],
      [3, 1000, 0, 1000],
    ] as const) {
      const r = proportionDifference({ successes: kt, n: nt }, { successes: kc, n: nc });
      expect(r.pValue < 0.05).toBe(r.interval.lower > 0 || r.interval.upper < 0);
      const edge = proportionDifference(
        { successes: kt, n: nt },
        { successes: kc, n: nc },
        1 - r.pValue,
      );
      expect(edge.interval.lower).toBeCloseTo(0, 10);
    }
    expect(proportionDifference({ successes: 4, n: 10 }, { successes: 8, n: 20 }).pValue).toBe(1);
  });

  it("Welch's test matches R's t.test on the sleep data", () => {
    // R, example(t.test): t.test(extra ~ group, data = sleep) prints
    // t = -1.8608, df = 17.776, p-value = 0.07939, 95 percent CI -3.3654832 0.2054832,
    // means 0.75 and 2.33 (Cushny & Peebles data as given in R's `sleep`).
    const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const r = welchDifference(summarise(group1), summarise(group2));
    expect(r.difference).toBeCloseTo(-1.58, 10);
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
    expect(r.interval.lower).toBeCloseTo(-3.3654832, 6);
    expect(r.interval.upper).toBeCloseTo(0.2054832, 6);
  });
});

describe('bad input', () => {
  it('refuses arms too small for a variance, with the path', () => {
    expect(codeOf(() => welchDifference({ n: 1, mean: 1, variance: 0 }, summarise([1, 2])))).toBe(
      'experiment_sample_too_small treatment.n',
    );
    expect(codeOf(() => welchDifference(summarise([1, 2]), { n: 2, mean: 1, variance: -1 }))).toBe(
      'experiment_statistic_invalid control.variance',
    );
    expect(
      codeOf(() =>
        cuped(
          [{ y: 1, x: 1 }],
          [
            { y: 1, x: 1 },
            { y: 2, x: 2 },
          ],
        ),
      ),
    ).toBe('experiment_sample_too_small treatment');
  });

  it('refuses impossible counts, a flat covariate and a bad confidence level', () => {
    expect(codeOf(() => proportionDifference({ successes: 5, n: 4 }, { successes: 1, n: 4 }))).toBe(
      'experiment_statistic_invalid treatment.successes',
    );
    expect(codeOf(() => wilsonInterval(0, 0))).toBe('experiment_statistic_invalid arm.n');
    expect(codeOf(() => wilsonInterval(1, 10, 1))).toBe('experiment_statistic_invalid confidence');
    const flat = [
      { y: 1, x: 3 },
      { y: 2, x: 3 },
    ];
    expect(codeOf(() => cuped(flat, flat))).toBe('experiment_statistic_invalid x');
    expect(codeOf(() => cuped([{ y: Number.NaN, x: 1 }, ...flat], flat))).toBe(
      'experiment_statistic_invalid treatment.0.y',
    );
    expect(
      codeOf(() => incrementalTotal({ difference: 1, interval: { lower: 0, upper: 2 } }, -1)),
    ).toBe('experiment_statistic_invalid treatedCustomers');
  });
});

describe('CUPED and incremental totals', () => {
  it('gives the adjusted means of a published ANCOVA (Snedecor & Cochran)', () => {
    // CUPED with one covariate and θ pooled within arms is the parallel-lines ANCOVA: the adjusted
    // means are its least-squares means at the grand mean of x. No published CUPED example with
    // data was found (Deng et al. 2013 and Kohavi, Tang & Xu 2020 give formulas and percentages),
    // so this is an ANCOVA one. Data: Snedecor & Cochran, Statistical Methods, Table 14.6.1
    // (cholesterol in mg/100 ml, covariate age, 11 Iowa and 19 Nebraska women), as worked in the
    // IMSL documentation, "ANCOVA Example 1" (help.imsl.com, com.imsl.stat.ANCOVAEx1): adjusted
    // means 195.5 (Iowa) and 224.2 (Nebraska), difference 28.7, variances of the adjusted means
    // 170.4 and 97.4.
    const pairs = (y: number[], x: number[]) => y.map((v, i) => ({ y: v, x: x[i]! }));
    const iowa = pairs(
      [181, 228, 182, 249, 259, 201, 121, 339, 224, 112, 189],
      [46, 52, 39, 65, 54, 33, 49, 76, 71, 41, 58],
    );
    const nebraska = pairs(
      [
        137, 173, 177, 241, 225, 223, 190, 257, 337, 189, 214, 140, 196, 262, 261, 356, 159, 191,
        197,
      ],
      [18, 44, 33, 78, 51, 43, 44, 58, 63, 19, 42, 30, 47, 58, 70, 67, 31, 21, 56],
    );
    const r = cuped(nebraska, iowa);
    expect(r.control.mean).toBeCloseTo(195.5, 1);
    expect(r.treatment.mean).toBeCloseTo(224.2, 1);
    expect(r.treatment.mean - r.control.mean).toBeCloseTo(28.7, 1);
    // The ANCOVA's error mean square is the adjusted within-arm sum of squares over n − 3, and
    // Var(adjusted mean) = MSE (1/n + (x̄ − grand x̄)² / Sxx), Sxx pooled within arms.
    const meanX = (arm: CovariatePair[]) => arm.reduce((s, v) => s + v.x, 0) / arm.length;
    const sxx = [iowa, nebraska]
      .map((arm) => arm.reduce((s, v) => s + (v.x - meanX(arm)) ** 2, 0))
      .reduce((a, b) => a + b);
    const mse = (r.control.variance * 10 + r.treatment.variance * 18) / 27;
    const grand = (meanX(iowa) * 11 + meanX(nebraska) * 19) / 30;
    expect(mse * (1 / 11 + (meanX(iowa) - grand) ** 2 / sxx)).toBeCloseTo(170.4, 1);
    expect(mse * (1 / 19 + (meanX(nebraska) - grand) ** 2 / sxx)).toBeCloseTo(97.4, 1);
  });

  it('reduces the variance by the squared within-arm correlation (no published example found)', () => {
    // No published numeric CUPED example was found, so this checks the identity instead: with θ
    // the within-arm regression slope, 1 − Var(Y')/Var(Y) = ρ², ρ the pooled within-arm correlation.
    const treatment: CovariatePair[] = [
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 4, y: 7 },
      { x: 5, y: 6 },
      { x: 8, y: 11 },
    ];
    const control: CovariatePair[] = [
      { x: 2, y: 1 },
      { x: 3, y: 4 },
      { x: 6, y: 5 },
      { x: 7, y: 9 },
    ];
    const r = cuped(treatment, control);
    // Worked by hand: treatment x̄ = 4, ȳ = 5.8, Sxx = 30, Sxy = 37, Syy = 50.8;
    // control x̄ = 4.5, ȳ = 4.75, Sxx = 17, Sxy = 21.5, Syy = 32.75. θ = 58.5 / 47.
    expect(r.theta).toBeCloseTo(58.5 / 47, 12);
    const rho2 = 58.5 ** 2 / (47 * (50.8 + 32.75));
    expect(r.varianceReduction).toBeCloseTo(rho2, 12);
    // Grand x̄ = (20 + 18) / 9; the adjusted means move by θ (x̄_arm − grand x̄).
    expect(r.treatment.mean).toBeCloseTo(5.8 - (58.5 / 47) * (4 - 38 / 9), 12);
    expect(r.control.mean).toBeCloseTo(4.75 - (58.5 / 47) * (4.5 - 38 / 9), 12);
    expect(r.treatment.variance).toBeCloseTo(
      (50.8 - 2 * (58.5 / 47) * 37 + (58.5 / 47) ** 2 * 30) / 4,
      12,
    );
  });

  it('gives the same result from summed-up arms (moments) as from customers', () => {
    const arm = (values: CovariatePair[]): CovariateMoments => {
      const n = values.length;
      const meanY = values.reduce((s, v) => s + v.y, 0) / n;
      const meanX = values.reduce((s, v) => s + v.x, 0) / n;
      const sum = (f: (v: CovariatePair) => number) => values.reduce((s, v) => s + f(v), 0);
      return {
        n,
        meanY,
        meanX,
        syy: sum((v) => (v.y - meanY) ** 2),
        sxx: sum((v) => (v.x - meanX) ** 2),
        sxy: sum((v) => (v.x - meanX) * (v.y - meanY)),
      };
    };
    const t = [
      { x: 1, y: 3 },
      { x: 2, y: 2 },
      { x: 4, y: 7 },
    ];
    const c = [
      { x: 2, y: 1 },
      { x: 3, y: 4 },
      { x: 6, y: 5 },
      { x: 7, y: 9 },
    ];
    const fromMoments = cupedFromMoments(arm(t), arm(c));
    const fromCustomers = cuped(t, c);
    expect(fromMoments.theta).toBeCloseTo(fromCustomers.theta, 12);
    expect(fromMoments.treatment.mean).toBeCloseTo(fromCustomers.treatment.mean, 12);
    expect(fromMoments.control.variance).toBeCloseTo(fromCustomers.control.variance, 12);
    // Moments no data set can have, named by field.
    expect(codeOf(() => cupedFromMoments({ ...arm(t), sxy: 100 }, arm(c)))).toBe(
      'experiment_statistic_invalid treatment.sxy',
    );
    expect(codeOf(() => cupedFromMoments(arm(t), { ...arm(c), sxx: -1 }))).toBe(
      'experiment_statistic_invalid control.sxx',
    );
    expect(codeOf(() => cupedFromMoments(arm(t), { ...arm(c), n: 1 }))).toBe(
      'experiment_sample_too_small control.n',
    );
  });

  it('scales the per-customer difference and its interval by the treated customers', () => {
    const r = incrementalTotal({ difference: 2.5, interval: { lower: -1, upper: 6 } }, 1000);
    expect(r).toEqual({ total: 2500, interval: { lower: -1000, upper: 6000 } });
  });
});

// Deterministic generators, so the simulation gives the same table on every run.
const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const gaussian = (uniform: () => number) => (): number => {
  // Box–Muller; 1 − u keeps the logarithm's argument above 0.
  const u = 1 - uniform();
  const v = uniform();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};

const binomial = (uniform: () => number, n: number, p: number): number => {
  let k = 0;
  for (let i = 0; i < n; i += 1) if (uniform() < p) k += 1;
  return k;
};

const RUNS = 1000;
// Binomial(1000, 0.95): sd = sqrt(0.95 · 0.05 / 1000) = 0.69 pp, so 93–97% is nominal ± 2.9 sd and
// a correct method falls outside it with probability below 0.5%.
const COVERAGE_BOUNDS = [0.93, 0.97] as const;
// Under no effect the count of p < 0.05 is Binomial(1000, 0.05): mean 50, sd 6.9. 5% plus the
// one-sided 99% margin (2.33 sd) gives 66 of 1000; a test that is really at 5% exceeds it < 1%.
const MAX_FALSE_POSITIVES = 0.066;

interface Row {
  case: string;
  runs: number;
  coverage: number;
  rejections: number;
  meanWidth: number;
}

const table: Row[] = [];

const covers = (interval: { lower: number; upper: number }, truth: number) =>
  interval.lower <= truth && truth <= interval.upper;

// Revenue per customer: lognormal with σ = 1 on the log scale (skewness ≈ 6), mean exp(μ + ½).
const LOG_MU = Math.log(20);
const LOG_SIGMA = 1;
const REVENUE_MEAN = Math.exp(LOG_MU + LOG_SIGMA ** 2 / 2);
// A normal correlation of 0.71 between the logs gives (e^0.71 − 1)/(e − 1) ≈ 0.6 on revenue.
const LOG_CORRELATION = 0.71;

const revenueArm = (normal: () => number, n: number, uplift: number): CovariatePair[] =>
  Array.from({ length: n }, () => {
    const before = normal();
    const after = LOG_CORRELATION * before + Math.sqrt(1 - LOG_CORRELATION ** 2) * normal();
    return {
      x: Math.exp(LOG_MU + LOG_SIGMA * before),
      y: Math.exp(LOG_MU + LOG_SIGMA * after) * (1 + uplift),
    };
  });

// CPU-bound: a few seconds alone, more on a machine shared with other suites.
describe('coverage simulation', { timeout: 30_000 }, () => {
  it('proportions: Newcombe covers a 2 pp lift on 20% and its test holds its size', () => {
    const uniform = mulberry32(16);
    const n = 2000;
    for (const [name, pTreatment] of [
      ['proportions, 20% → 22%', 0.22],
      ['proportions, no effect', 0.2],
    ] as const) {
      let covered = 0;
      let rejected = 0;
      let width = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const r = proportionDifference(
          { successes: binomial(uniform, n, pTreatment), n },
          { successes: binomial(uniform, n, 0.2), n },
        );
        if (covers(r.interval, pTreatment - 0.2)) covered += 1;
        if (r.pValue < 0.05) rejected += 1;
        width += r.interval.upper - r.interval.lower;
      }
      table.push({
        case: name,
        runs: RUNS,
        coverage: covered / RUNS,
        rejections: rejected / RUNS,
        meanWidth: width / RUNS,
      });
    }
    const [lift, none] = table.slice(-2);
    expect(lift!.coverage).toBeGreaterThanOrEqual(COVERAGE_BOUNDS[0]);
    expect(lift!.coverage).toBeLessThanOrEqual(COVERAGE_BOUNDS[1]);
    expect(none!.coverage).toBeGreaterThanOrEqual(COVERAGE_BOUNDS[0]);
    expect(none!.coverage).toBeLessThanOrEqual(COVERAGE_BOUNDS[1]);
    expect(none!.rejections).toBeLessThanOrEqual(MAX_FALSE_POSITIVES);
  });

  it('revenue: Welch covers, holds its size, and CUPED narrows the interval while covering', () => {
    const normal = gaussian(mulberry32(1616));
    const n = 1000;
    const uplift = 0.05;
    const truth = REVENUE_MEAN * uplift;
    const rows = {
      welch: { covered: 0, rejected: 0, width: 0 },
      cuped: { covered: 0, rejected: 0, width: 0 },
      nullWelch: { covered: 0, rejected: 0, width: 0 },
      nullCuped: { covered: 0, rejected: 0, width: 0 },
    };
    let reduction = 0;
    for (let run = 0; run < RUNS; run += 1) {
      for (const [effect, plain, adjusted] of [
        [uplift, rows.welch, rows.cuped],
        [0, rows.nullWelch, rows.nullCuped],
      ] as const) {
        const treatment = revenueArm(normal, n, effect);
        const control = revenueArm(normal, n, 0);
        const target = REVENUE_MEAN * effect;
        const w = welchDifference(
          summarise(treatment.map((v) => v.y)),
          summarise(control.map((v) => v.y)),
        );
        const c = cuped(treatment, control);
        const wc = welchDifference(c.treatment, c.control);
        if (effect !== 0) reduction += c.varianceReduction;
        for (const [row, r] of [
          [plain, w],
          [adjusted, wc],
        ] as const) {
          if (covers(r.interval, target)) row.covered += 1;
          if (r.pValue < 0.05) row.rejected += 1;
          row.width += r.interval.upper - r.interval.lower;
        }
      }
    }
    const push = (name: string, row: (typeof rows)['welch']) =>
      table.push({
        case: name,
        runs: RUNS,
        coverage: row.covered / RUNS,
        rejections: row.rejected / RUNS,
        meanWidth: row.width / RUNS,
      });
    push(`revenue, +5% (${truth.toFixed(2)}/customer), Welch`, rows.welch);
    push('revenue, +5%, CUPED + Welch', rows.cuped);
    push('revenue, no effect, Welch', rows.nullWelch);
    push('revenue, no effect, CUPED + Welch', rows.nullCuped);
    console.log(
      `Coverage of 95% intervals over ${RUNS} seeded experiments per case ` +
        `(mean CUPED variance reduction ${(reduction / RUNS).toFixed(3)}):\n` +
        table
          .map(
            (r) =>
              `| ${r.case.padEnd(44)} | ${(100 * r.coverage).toFixed(1)}% covered | ` +
              `${(100 * r.rejections).toFixed(1)}% p < 0.05 | mean width ${r.meanWidth.toPrecision(4)} |`,
          )
          .join('\n'),
    );

    for (const row of Object.values(rows)) {
      expect(row.covered / RUNS).toBeGreaterThanOrEqual(COVERAGE_BOUNDS[0]);
      expect(row.covered / RUNS).toBeLessThanOrEqual(COVERAGE_BOUNDS[1]);
    }
    expect(rows.nullWelch.rejected / RUNS).toBeLessThanOrEqual(MAX_FALSE_POSITIVES);
    expect(rows.nullCuped.rejected / RUNS).toBeLessThanOrEqual(MAX_FALSE_POSITIVES);
    // ρ ≈ 0.6 should remove about ρ² ≈ 36% of the variance, so the interval narrows by ~20%.
    expect(reduction / RUNS).toBeGreaterThan(0.25);
    expect(rows.cuped.width).toBeLessThan(0.9 * rows.welch.width);
  });
});
