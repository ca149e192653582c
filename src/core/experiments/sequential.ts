import { invalidStatisticInput } from './experiments.errors.js';
import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.js';
import { checkArm, type ArmSummary } from './means.js';
import { checkCounts, type ArmCounts } from './proportions.js';

/**
 * Always-valid results: a p-value and an interval that may be looked at after every day of an
 * experiment, and acted on at any look, without raising the false-positive rate above α.
 *
 * The normal-mixture sequential probability ratio test (mSPRT) of Johari, Koomen, Pekelis &
 * Walsh, "Peeking at A/B tests" (KDD 2017; Operations Research 70(3), 2022). The difference d is
 * taken as normal with variance V = SE², and the alternative "the effect is θ" is averaged over
 * θ ~ N(0, τ²). The mixture likelihood ratio against θ = 0 is then
 *   Λ = √(V / (V + τ²)) · exp(τ² d² / (2V (V + τ²))),
 * a martingale under the null, so by Ville's inequality P(Λ ever reaches 1/α) ≤ α. Hence the
 * always-valid p = min(1, 1/Λ) (kept as the running minimum over the looks), and the interval
 * is every θ whose own test has not rejected: d ± √( V (V + τ²)/τ² · (ln((V + τ²)/V) − 2 ln α) ).
 */

export interface SequentialOptions {
  /**
   * τ², the mixing variance, in the difference's units squared. Fixed before the experiment
   * starts (see mixingVarianceForPlan) and the same at every look: choosing it from the data seen
   * so far voids the guarantee.
   */
  mixingVariance: number;
  /** Of the interval; 0.95 unless said. The p-value does not depend on it. */
  confidence?: number;
}

export interface SequentialResult {
  /** treatment − control */
  difference: number;
  standardError: number;
  /** Always-valid interval at this look alone; intersect the looks with alwaysValidSoFar. */
  interval: Interval;
  /** Always-valid p at this look alone, min(1, 1/Λ); the running minimum is alwaysValidSoFar's. */
  pValue: number;
  mixingVariance: number;
  confidence: number;
}

const checkOptions = ({ mixingVariance, confidence = DEFAULT_CONFIDENCE }: SequentialOptions) => {
  if (!Number.isFinite(mixingVariance) || mixingVariance <= 0) {
    throw invalidStatisticInput('mixingVariance', 'must be a finite number above 0');
  }
  checkConfidence(confidence);
  return { mixingVariance, confidence };
};

/**
 * The look on an estimate d with standard error SE, e.g. from welchDifference, or a CUPED-adjusted
 * difference. With SE = 0 the look is taken as saying nothing yet (p = 1, unbounded interval):
 * early on, a variance estimated as 0 (every customer alike so far) is not knowledge, and an
 * interval of one point would pin every later intersection to it.
 */
export const alwaysValidDifference = (
  estimate: { difference: number; standardError: number },
  options: SequentialOptions,
): SequentialResult => {
  const { difference, standardError } = estimate;
  if (!Number.isFinite(difference)) throw invalidStatisticInput('difference', 'must be finite');
  if (!Number.isFinite(standardError) || standardError < 0) {
    throw invalidStatisticInput('standardError', 'must be finite and not negative');
  }
  const { mixingVariance: tau2, confidence } = checkOptions(options);
  if (standardError === 0) {
    return {
      difference,
      standardError,
      interval: { lower: -Infinity, upper: Infinity },
      pValue: 1,
      mixingVariance: tau2,
      confidence,
    };
  }
  const v = standardError ** 2;
  // ln Λ, kept in logs: exp of the quadratic overflows for a decisive difference.
  const logLambda =
    0.5 * Math.log(v / (v + tau2)) + (tau2 * difference ** 2) / (2 * v * (v + tau2));
  const alpha = 1 - confidence;
  const half = Math.sqrt(
    ((v * (v + tau2)) / tau2) * (Math.log((v + tau2) / v) - 2 * Math.log(alpha)),
  );
  return {
    difference,
    standardError,
    interval: { lower: difference - half, upper: difference + half },
    pValue: Math.min(1, Math.exp(-logLambda)),
    mixingVariance: tau2,
    confidence,
  };
};

/** Difference of means (Welch's standard error), always valid. Same input checks as welchDifference. */
export const sequentialMeans = (
  treatment: ArmSummary,
  control: ArmSummary,
  options: SequentialOptions,
): SequentialResult => {
  checkArm(treatment, 'treatment');
  checkArm(control, 'control');
  const standardError = Math.sqrt(treatment.variance / treatment.n + control.variance / control.n);
  return alwaysValidDifference(
    { difference: treatment.mean - control.mean, standardError },
    options,
  );
};

/**
 * Difference of shares, always valid, with the unpooled standard error
 * √(p̂t(1 − p̂t)/nt + p̂c(1 − p̂c)/nc); the interval is clipped to [−1, 1], where a difference of
 * shares lives. While both arms are at 0% or 100% the spread is unknown and the look says nothing.
 */
export const sequentialProportions = (
  treatment: ArmCounts,
  control: ArmCounts,
  options: SequentialOptions,
): SequentialResult => {
  checkCounts(treatment, 'treatment');
  checkCounts(control, 'control');
  const p1 = treatment.successes / treatment.n;
  const p2 = control.successes / control.n;
  const standardError = Math.sqrt((p1 * (1 - p1)) / treatment.n + (p2 * (1 - p2)) / control.n);
  const result = alwaysValidDifference({ difference: p1 - p2, standardError }, options);
  return {
    ...result,
    interval: {
      lower: Math.max(-1, result.interval.lower),
      upper: Math.min(1, result.interval.upper),
    },
  };
};

export interface AlwaysValidSoFar {
  /** The smallest p of the looks so far: once below α, it stays there. */
  pValue: number;
  /**
   * The intersection of the looks' intervals. Null when it is empty: no single constant effect
   * fits every look — the effect moved during the experiment (e.g. novelty wearing off), or the
   * α chance of a miss happened.
   */
  interval: Interval | null;
  looks: number;
}

/**
 * What the looks so far, oldest first, say together. They must share τ² and the confidence, the
 * condition under which the running minimum and the intersection keep the guarantee.
 */
export const alwaysValidSoFar = (looks: readonly SequentialResult[]): AlwaysValidSoFar => {
  if (looks.length === 0) throw invalidStatisticInput('looks', 'at least one look is needed');
  const first = looks[0]!;
  let pValue = 1;
  let lower = -Infinity;
  let upper = Infinity;
  looks.forEach((look, i) => {
    if (look.mixingVariance !== first.mixingVariance) {
      throw invalidStatisticInput(`looks.${i}.mixingVariance`, 'must be the same at every look');
    }
    if (look.confidence !== first.confidence) {
      throw invalidStatisticInput(`looks.${i}.confidence`, 'must be the same at every look');
    }
    pValue = Math.min(pValue, look.pValue);
    lower = Math.max(lower, look.interval.lower);
    upper = Math.min(upper, look.interval.upper);
  });
  return { pValue, interval: lower <= upper ? { lower, upper } : null, looks: looks.length };
};

/**
 * τ² for an experiment whose difference will have standard error `plannedStandardError` at its
 * planned end (e.g. √(2p(1 − p)/n) for a rate p with n per arm, √(2/n)·sd for a mean).
 *
 * With r = τ²/V, the test rejects when |d|/SE ≥ √((1 + 1/r)(ln(1 + r) − 2 ln α)). Taking r at
 * the planned end to minimise that threshold makes the test as sensitive as it can be where a
 * fixed-horizon test would decide; setting the derivative to zero gives r = ln(1 + r) − 2 ln α
 * (8.21 at α = 0.05, a threshold of √(1 + r) = 3.04 standard errors instead of 1.96), solved here
 * by fixed-point iteration, which contracts because d/dr ln(1 + r) < 1. τ = √r · SE ≈ 2.87 SE is
 * close to the minimum detectable effect at 80% power (2.80 SE), which is the usual advice:
 * mix over effects of the size one hopes to find.
 */
export const mixingVarianceForPlan = (
  plannedStandardError: number,
  confidence = DEFAULT_CONFIDENCE,
): number => {
  if (!Number.isFinite(plannedStandardError) || plannedStandardError <= 0) {
    throw invalidStatisticInput('plannedStandardError', 'must be a finite number above 0');
  }
  checkConfidence(confidence);
  return optimalVarianceRatio(1 - confidence) * plannedStandardError ** 2;
};

/** The r > 0 with r = ln(1 + r) − 2 ln α. */
export const optimalVarianceRatio = (alpha: number): number => {
  let r = -2 * Math.log(alpha);
  for (let step = 0; step < 200; step += 1) {
    const next = Math.log(1 + r) - 2 * Math.log(alpha);
    if (Math.abs(next - r) < 1e-13 * next) return next;
    r = next;
  }
  return r;
};
