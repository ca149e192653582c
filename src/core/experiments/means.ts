import { studentTCdf, studentTQuantile, twoSidedZ } from './distributions.js';
import { invalidStatisticInput, sampleTooSmall } from './experiments.errors.js';
import { checkConfidence, DEFAULT_CONFIDENCE, type Interval } from './interval.js';

/** Summary of one arm; `variance` is the sample variance (divisor n − 1). */
export interface ArmSummary {
  n: number;
  mean: number;
  variance: number;
}

export interface MeanDifference {
  /** treatment mean − control mean */
  difference: number;
  interval: Interval;
  standardError: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  t: number;
  pValue: number;
  /** difference / control mean; null when the control mean is 0. */
  relativeLift: number | null;
  relativeLiftInterval: Interval | null;
}

export const checkArm = (arm: ArmSummary, name: string): void => {
  if (!Number.isInteger(arm.n)) throw invalidStatisticInput(`${name}.n`, 'must be an integer');
  if (arm.n < 2) throw sampleTooSmall(`${name}.n`, arm.n);
  if (!Number.isFinite(arm.mean)) throw invalidStatisticInput(`${name}.mean`, 'must be finite');
  if (!Number.isFinite(arm.variance) || arm.variance < 0) {
    throw invalidStatisticInput(`${name}.variance`, 'must be finite and not negative');
  }
};

/**
 * Welch's unequal-variance t interval and test for treatment − control. Arms of a loyalty test
 * rarely share a variance (a reward changes who spends big), so the pooled t-test is not used.
 */
export const welchDifference = (
  treatment: ArmSummary,
  control: ArmSummary,
  confidence = DEFAULT_CONFIDENCE,
): MeanDifference => {
  checkArm(treatment, 'treatment');
  checkArm(control, 'control');
  checkConfidence(confidence);
  const difference = treatment.mean - control.mean;
  const vt = treatment.variance / treatment.n;
  const vc = control.variance / control.n;
  const standardError = Math.sqrt(vt + vc);
  const lift = relativeLift(treatment, control, confidence);
  if (standardError === 0) {
    // No spread at all: the difference is known exactly, and any non-zero one is certain.
    return {
      difference,
      interval: { lower: difference, upper: difference },
      standardError,
      df: treatment.n + control.n - 2,
      t: difference === 0 ? 0 : Math.sign(difference) * Infinity,
      pValue: difference === 0 ? 1 : 0,
      ...lift,
    };
  }
  const df = (vt + vc) ** 2 / (vt ** 2 / (treatment.n - 1) + vc ** 2 / (control.n - 1));
  const t = difference / standardError;
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return {
    difference,
    interval: { lower: difference - half, upper: difference + half },
    standardError,
    df,
    t,
    pValue: Math.min(1, 2 * studentTCdf(-Math.abs(t), df)),
    ...lift,
  };
};

/**
 * Lift = mean_t / mean_c − 1. Its interval comes from the delta method on the ratio of two
 * independent means: Var(R) ≈ (1/μc²)·Var(x̄t) + (μt²/μc⁴)·Var(x̄c), with a normal quantile,
 * which is adequate at experiment sizes but not for a handful of customers.
 */
const relativeLift = (
  treatment: ArmSummary,
  control: ArmSummary,
  confidence: number,
): Pick<MeanDifference, 'relativeLift' | 'relativeLiftInterval'> => {
  if (control.mean === 0) return { relativeLift: null, relativeLiftInterval: null };
  const ratio = treatment.mean / control.mean;
  const variance =
    treatment.variance / treatment.n / control.mean ** 2 +
    (treatment.mean ** 2 * (control.variance / control.n)) / control.mean ** 4;
  const half = twoSidedZ(confidence) * Math.sqrt(variance);
  return {
    relativeLift: ratio - 1,
    relativeLiftInterval: { lower: ratio - 1 - half, upper: ratio - 1 + half },
  };
};
