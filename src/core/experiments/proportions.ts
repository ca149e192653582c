import { standardNormalCdf, twoSidedZ } from './distributions.js';
import { invalidStatisticInput } from './experiments.errors.js';
import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.js';

/** Customers who converted out of those in the arm. */
export interface ArmCounts {
  successes: number;
  n: number;
}

export interface ProportionDifference {
  /** treatment share − control share */
  difference: number;
  /** Newcombe's hybrid score interval (1998, method 10). */
  interval: Interval;
  /** Pooled two-proportion z statistic (Pearson's χ² is z²), for reference. */
  z: number;
  /** The p-value of the interval: below 1 − confidence exactly when the interval excludes 0. */
  pValue: number;
  /** difference / control share; null when the control share is 0. */
  relativeLift: number | null;
  relativeLiftInterval: Interval | null;
}

export const checkCounts = (arm: ArmCounts, name: string): void => {
  if (!Number.isInteger(arm.n) || arm.n < 1) {
    throw invalidStatisticInput(`${name}.n`, 'must be a whole number of at least 1');
  }
  if (!Number.isInteger(arm.successes) || arm.successes < 0 || arm.successes > arm.n) {
    throw invalidStatisticInput(
      `${name}.successes`,
      `must be a whole number from 0 to n (${arm.n})`,
    );
  }
};

/**
 * Wilson's score interval (1927): the p whose score test does not reject, which stays inside
 * [0, 1] and keeps its coverage at small counts and shares near 0 or 1, where Wald's fails.
 */
export const wilsonInterval = (
  successes: number,
  n: number,
  confidence = DEFAULT_CONFIDENCE,
): Interval => {
  checkCounts({ successes, n }, 'arm');
  checkConfidence(confidence);
  return wilsonLimits(successes, n, twoSidedZ(confidence));
};

const wilsonLimits = (successes: number, n: number, z: number): Interval => {
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At 0 and n the exact bound is 0 or 1; the subtraction would leave rounding dust instead.
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === n ? 1 : Math.min(1, centre + half),
  };
};

/** Newcombe's method 10 at the normal quantile z: each arm's Wilson limits, squared and added. */
const newcombeInterval = (treatment: ArmCounts, control: ArmCounts, z: number): Interval => {
  const p1 = treatment.successes / treatment.n;
  const p2 = control.successes / control.n;
  const w1 = wilsonLimits(treatment.successes, treatment.n, z);
  const w2 = wilsonLimits(control.successes, control.n, z);
  const difference = p1 - p2;
  return {
    lower: difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
};

/**
 * The smallest α at which Newcombe's (1 − α) interval still excludes 0, so that p < 0.05 exactly
 * when the 95% interval excludes 0. The interval widens as z grows (Wilson's limits move out), so
 * the z where it first reaches 0 is found by bisection. Computed exactly over every outcome, this
 * test's false-positive rate at 20% and 2,000 or 2,800 per arm is 4.99%, where the pooled z-test's
 * is 5.01%, and it stays at or below 5% at low rates where the z-test exceeds it (docs).
 */
const newcombePValue = (treatment: ArmCounts, control: ArmCounts): number => {
  const excludesZero = (z: number) => {
    const interval = newcombeInterval(treatment, control, z);
    return interval.lower > 0 || interval.upper < 0;
  };
  if (!excludesZero(0)) return 1;
  let inside = 0;
  let outside = 1;
  while (excludesZero(outside)) {
    // Beyond z = 64 the p-value is below the smallest double; 2Φ(−64) is 0 too.
    if (outside >= 64) return 0;
    inside = outside;
    outside *= 2;
  }
  for (let step = 0; step < 50; step += 1) {
    const middle = (inside + outside) / 2;
    if (excludesZero(middle)) inside = middle;
    else outside = middle;
  }
  return Math.min(1, 2 * standardNormalCdf(-(inside + outside) / 2));
};

/**
 * Difference of two shares. The interval is Newcombe's method 10: each arm's Wilson limits are
 * combined by "square and add", so it inherits Wilson's behaviour at small counts and near the
 * edges. The p-value is the interval's own (see newcombePValue), so the two never disagree.
 */
export const proportionDifference = (
  treatment: ArmCounts,
  control: ArmCounts,
  confidence = DEFAULT_CONFIDENCE,
): ProportionDifference => {
  checkCounts(treatment, 'treatment');
  checkCounts(control, 'control');
  checkConfidence(confidence);
  const p1 = treatment.successes / treatment.n;
  const p2 = control.successes / control.n;
  const difference = p1 - p2;
  const interval = newcombeInterval(treatment, control, twoSidedZ(confidence));

  const pooled = (treatment.successes + control.successes) / (treatment.n + control.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / treatment.n + 1 / control.n));
  // se is 0 only when both arms are all-or-nothing alike, so the difference is 0 too.
  const z = se === 0 ? 0 : difference / se;
  const pValue = newcombePValue(treatment, control);

  if (p2 === 0)
    return { difference, interval, z, pValue, relativeLift: null, relativeLiftInterval: null };
  // Delta method on p1 / p2, as for means (see means.ts).
  const ratio = p1 / p2;
  const variance =
    (p1 * (1 - p1)) / treatment.n / p2 ** 2 + (p1 ** 2 * ((p2 * (1 - p2)) / control.n)) / p2 ** 4;
  const half = twoSidedZ(confidence) * Math.sqrt(variance);
  return {
    difference,
    interval,
    z,
    pValue,
    relativeLift: ratio - 1,
    relativeLiftInterval: { lower: ratio - 1 - half, upper: ratio - 1 + half },
  };
};
