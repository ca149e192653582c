import { invalidStatisticInput, sampleTooSmall } from './experiments.errors.js';
import type { ArmSummary } from './means.js';

/** One customer: `y` the outcome in the test window, `x` the same measure before it started. */
export interface CovariatePair {
  y: number;
  x: number;
}

export interface CupedResult {
  theta: number;
  /** Adjusted summaries, ready for welchDifference. */
  treatment: ArmSummary;
  control: ArmSummary;
  /** 1 − Var(adjusted) / Var(Y), both pooled within arms; equals the squared within-arm correlation. */
  varianceReduction: number;
}

/**
 * One arm summed up: means of y and x and the sums of squares and cross-products about them
 * (Syy = Σ(y − ȳ)², Sxx, Sxy), e.g. PostgreSQL's regr_syy, regr_sxx and regr_sxy, so an arm need
 * not be loaded customer by customer.
 */
export interface CovariateMoments {
  n: number;
  meanY: number;
  meanX: number;
  syy: number;
  sxx: number;
  sxy: number;
}

const moments = (values: readonly CovariatePair[], name: string): CovariateMoments => {
  if (values.length < 2) throw sampleTooSmall(`${name}`, values.length);
  let sumY = 0;
  let sumX = 0;
  values.forEach((v, i) => {
    if (!Number.isFinite(v.y)) throw invalidStatisticInput(`${name}.${i}.y`, 'must be finite');
    if (!Number.isFinite(v.x)) throw invalidStatisticInput(`${name}.${i}.x`, 'must be finite');
    sumY += v.y;
    sumX += v.x;
  });
  const n = values.length;
  const meanY = sumY / n;
  const meanX = sumX / n;
  let syy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const v of values) {
    const dy = v.y - meanY;
    const dx = v.x - meanX;
    syy += dy * dy;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  return { n, meanY, meanX, syy, sxx, sxy };
};

/**
 * CUPED (Deng, Xu, Kohavi & Walker 2013): Y' = Y − θ (X − X̄) with θ = Cov(Y, X) / Var(X).
 * θ is pooled within arms (cross-products about each arm's own means) so that the treatment's
 * effect on Y does not leak into θ; X̄ is the mean over both arms, so the same shift applies to
 * each arm and the difference of adjusted means stays unbiased because X is measured before
 * assignment.
 */
export const cuped = (
  treatmentValues: readonly CovariatePair[],
  controlValues: readonly CovariatePair[],
): CupedResult =>
  cupedFromMoments(moments(treatmentValues, 'treatment'), moments(controlValues, 'control'));

const checkMoments = (m: CovariateMoments, name: string): void => {
  if (!Number.isInteger(m.n)) throw invalidStatisticInput(`${name}.n`, 'must be an integer');
  if (m.n < 2) throw sampleTooSmall(`${name}.n`, m.n);
  for (const field of ['meanY', 'meanX', 'sxy'] as const) {
    if (!Number.isFinite(m[field])) {
      throw invalidStatisticInput(`${name}.${field}`, 'must be finite');
    }
  }
  for (const field of ['syy', 'sxx'] as const) {
    if (!Number.isFinite(m[field]) || m[field] < 0) {
      throw invalidStatisticInput(`${name}.${field}`, 'must be finite and not negative');
    }
  }
  // Cauchy–Schwarz, with room for rounding: no data set has |Sxy| above √(Sxx·Syy).
  if (m.sxy * m.sxy > m.sxx * m.syy * (1 + 1e-9)) {
    throw invalidStatisticInput(`${name}.sxy`, 'cannot exceed √(sxx · syy) in size');
  }
};

/** CUPED on arms already summed up (see CovariateMoments); the same result as cuped. */
export const cupedFromMoments = (t: CovariateMoments, c: CovariateMoments): CupedResult => {
  checkMoments(t, 'treatment');
  checkMoments(c, 'control');
  const sxx = t.sxx + c.sxx;
  if (sxx === 0) throw invalidStatisticInput('x', 'the covariate must vary within the arms');
  const theta = (t.sxy + c.sxy) / sxx;
  const grandMeanX = (t.meanX * t.n + c.meanX * c.n) / (t.n + c.n);

  // Σ(Y' − Ȳ')² = Syy − 2θ Sxy + θ² Sxx within an arm, since X̄ shifts every value alike.
  const adjust = (m: CovariateMoments): ArmSummary => ({
    n: m.n,
    mean: m.meanY - theta * (m.meanX - grandMeanX),
    variance: Math.max(0, m.syy - 2 * theta * m.sxy + theta * theta * m.sxx) / (m.n - 1),
  });
  const syy = t.syy + c.syy;
  const adjustedSyy = syy - 2 * theta * (t.sxy + c.sxy) + theta * theta * sxx;
  return {
    theta,
    treatment: adjust(t),
    control: adjust(c),
    varianceReduction: syy === 0 ? 0 : 1 - Math.max(0, adjustedSyy) / syy,
  };
};

/**
 * One arm as raw sums over its customers (n, Σy, Σx, Σy², Σx², Σxy), as a database returns them.
 * bigint sums are centred exactly (n·Σxy − Σx·Σy in integers, divided once), so revenue squared
 * over a million customers loses nothing to cancellation; number sums are centred in doubles.
 */
export interface CovariateSums {
  n: number;
  sumY: number | bigint;
  sumX: number | bigint;
  sumYY: number | bigint;
  sumXX: number | bigint;
  sumXY: number | bigint;
}

/** Σ(a − ā)(b − b̄) = Σab − Σa·Σb / n. */
const centred = (
  n: number,
  sumA: number | bigint,
  sumB: number | bigint,
  sumAB: number | bigint,
) =>
  typeof sumA === 'bigint' && typeof sumB === 'bigint' && typeof sumAB === 'bigint'
    ? Number(BigInt(n) * sumAB - sumA * sumB) / n
    : Number(sumAB) - (Number(sumA) * Number(sumB)) / n;

export const momentsFromSums = (s: CovariateSums): CovariateMoments => ({
  n: s.n,
  meanY: Number(s.sumY) / s.n,
  meanX: Number(s.sumX) / s.n,
  // Doubles can leave a hair below 0 where the true sum of squares is 0.
  syy: Math.max(0, centred(s.n, s.sumY, s.sumY, s.sumYY)),
  sxx: Math.max(0, centred(s.n, s.sumX, s.sumX, s.sumXX)),
  sxy: centred(s.n, s.sumX, s.sumY, s.sumXY),
});

/** CUPED from each arm's raw sums; the same result as cuped on the customers themselves. */
export const cupedFromSums = (treatment: CovariateSums, control: CovariateSums): CupedResult =>
  cupedFromMoments(momentsFromSums(treatment), momentsFromSums(control));
