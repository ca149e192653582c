import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import type { FieldIssue } from '../shared/errors.js';
import { powerInputInvalid } from './experiments.errors.js';

/**
 * How big an experiment must be, before it starts: the smallest effect a two-sided test at level
 * alpha detects with the given power for n customers per arm (the minimum detectable effect, MDE),
 * the n needed for a chosen effect, and how many days of newly exposed customers that takes.
 * Normal approximations, as used by R's power.prop.test and the usual A/B calculators: at the
 * thousands of customers per arm an experiment here has, the t correction is negligible.
 */

export interface TestLevels {
  /** Two-sided significance level; 0.05 unless said. */
  alpha?: number;
  /** Chance of detecting an effect of the stated size; 0.8 unless said. */
  power?: number;
}

type Checks = [ok: boolean, path: string, message: string][];

const check = (checks: Checks) => {
  const issues: FieldIssue[] = checks
    .filter(([ok]) => !ok)
    .map(([, path, message]) => ({ path, message }));
  if (issues.length > 0) throw powerInputInvalid(issues);
};

/**
 * Whole customers, rounding up; a value within float noise above a whole number is that number,
 * so n → MDE → n comes back to n rather than n + 1.
 */
const wholeCustomers = (n: number) => Math.ceil(n * (1 - 1e-12));

const isFraction = (x: number) => Number.isFinite(x) && x > 0 && x < 1;
const isPositive = (x: number) => Number.isFinite(x) && x > 0;

/** z(1 − alpha/2) and z(power): the critical value and the distance the effect must add to it. */
const zValues = ({ alpha = 0.05, power = 0.8 }: TestLevels) => {
  check([
    [isFraction(alpha), 'alpha', 'must be between 0 and 1'],
    [isFraction(power), 'power', 'must be between 0 and 1'],
  ]);
  return { zAlpha: normalQuantile(1 - alpha / 2, 0, 1), zPower: normalQuantile(power, 0, 1) };
};

/**
 * Customers per arm to tell a baseline rate p1 from p2 = p1 + effect: Fleiss' formula without
 * continuity correction (the null's pooled variance at the critical value, the alternative's
 * variance for the power), the equation R's power.prop.test solves. Unrounded.
 */
const proportionN = (p1: number, effect: number, zAlpha: number, zPower: number): number => {
  const p2 = p1 + effect;
  const mean = (p1 + p2) / 2;
  const underNull = zAlpha * Math.sqrt(2 * mean * (1 - mean));
  const underEffect = zPower * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (underNull + underEffect) ** 2 / effect ** 2;
};

/** Customers per arm (rounded up) to detect an absolute change `effect` in a rate `baselineRate`. */
export const sampleSizeForProportion = (
  input: { baselineRate: number; effect: number } & TestLevels,
): number => {
  const { baselineRate: p, effect } = input;
  check([
    [isFraction(p), 'baselineRate', 'must be between 0 and 1 (exclusive)'],
    [Number.isFinite(effect) && effect !== 0, 'effect', 'must be a non-zero number'],
    [isFraction(p + effect), 'effect', 'must keep the rate between 0 and 1 (exclusive)'],
  ]);
  const { zAlpha, zPower } = zValues(input);
  return wholeCustomers(proportionN(p, effect, zAlpha, zPower));
};

/**
 * The smallest absolute rise of a rate `baselineRate` detectable with `nPerArm` customers per arm.
 * The variance depends on the effect, so it is found by bisection on the (decreasing) n it needs;
 * the upper end is returned so the effect reported is always detectable at n. A rise, because
 * below a rate of one half a fall of the same size is a little easier to detect.
 */
export const minimumDetectableEffectForProportion = (
  input: { baselineRate: number; nPerArm: number } & TestLevels,
): number => {
  const { baselineRate: p, nPerArm } = input;
  check([
    [isFraction(p), 'baselineRate', 'must be between 0 and 1 (exclusive)'],
    [isPositive(nPerArm), 'nPerArm', 'must be a positive number'],
  ]);
  const { zAlpha, zPower } = zValues(input);
  let low = 0;
  let high = (1 - p) * (1 - 1e-9);
  if (proportionN(p, high, zAlpha, zPower) > nPerArm) {
    check([[false, 'nPerArm', 'too few customers per arm: not even a rise to 100% is detectable']]);
  }
  while (high - low > 1e-12) {
    const mid = (low + high) / 2;
    if (proportionN(p, mid, zAlpha, zPower) > nPerArm) low = mid;
    else high = mid;
  }
  return high;
};

/** Customers per arm (rounded up) to detect a difference `effect` in a mean with this sd. */
export const sampleSizeForMean = (
  input: { standardDeviation: number; effect: number } & TestLevels,
): number => {
  const { standardDeviation: sd, effect } = input;
  check([
    [isPositive(sd), 'standardDeviation', 'must be a positive number'],
    [Number.isFinite(effect) && effect !== 0, 'effect', 'must be a non-zero number'],
  ]);
  const { zAlpha, zPower } = zValues(input);
  return wholeCustomers((2 * ((zAlpha + zPower) * sd) ** 2) / effect ** 2);
};

/** The smallest difference in a mean with this sd detectable with `nPerArm` customers per arm. */
export const minimumDetectableEffectForMean = (
  input: { standardDeviation: number; nPerArm: number } & TestLevels,
): number => {
  const { standardDeviation: sd, nPerArm } = input;
  check([
    [isPositive(sd), 'standardDeviation', 'must be a positive number'],
    [isPositive(nPerArm), 'nPerArm', 'must be a positive number'],
  ]);
  const { zAlpha, zPower } = zValues(input);
  return (zAlpha + zPower) * sd * Math.sqrt(2 / nPerArm);
};

/**
 * Whole days until every arm has `nPerArm` customers, when `newExposuresPerDay` customers are
 * newly exposed each day and split by the arms' weights: the smallest arm fills last.
 */
export const durationDays = (input: {
  nPerArm: number;
  newExposuresPerDay: number;
  weights: readonly number[];
}): number => {
  const { nPerArm, newExposuresPerDay, weights } = input;
  check([
    [isPositive(nPerArm), 'nPerArm', 'must be a positive number'],
    [isPositive(newExposuresPerDay), 'newExposuresPerDay', 'must be a positive number'],
    [weights.length >= 2, 'weights', 'needs two or more arms'],
    ...weights.map((w, i): Checks[number] => [
      isPositive(w),
      `weights.${i}`,
      'must be a positive number',
    ]),
  ]);
  const smallestShare = Math.min(...weights) / weights.reduce((sum, w) => sum + w, 0);
  return Math.ceil(nPerArm / (newExposuresPerDay * smallestShare));
};
