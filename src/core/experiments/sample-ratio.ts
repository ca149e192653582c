import chiSquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import type { FieldIssue } from '../shared/errors.js';
import { exposuresInvalid } from './experiments.errors.js';

/**
 * The sample-ratio mismatch (SRM) check: are the arms' exposure counts what the weights promise?
 * A chi-square goodness-of-fit test of the counts against the weights' shares. A mismatch means
 * the assignment or the logging of exposures is broken (a bot filter, a redirect that loses one
 * arm, a crash on one path), and then no metric of the experiment can be trusted.
 */

/**
 * p < 0.001, the threshold the SRM literature uses (Kohavi, Tang and Xu, "Trustworthy Online
 * Controlled Experiments", 2020; Fabijan et al., KDD 2019): the check runs on every experiment,
 * often many times while it runs, so 0.05 would cry wolf on one healthy experiment in twenty,
 * while real SRMs from broken pipelines are gross and still fall far below 0.001.
 */
export const SRM_P_VALUE_THRESHOLD = 0.001;

export interface SampleRatioResult {
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  /** The counts are too unlikely under the weights: the experiment's results are not to be trusted. */
  mismatch: boolean;
  expected: number[];
}

const inputIssues = (exposures: readonly number[], weights: readonly number[]): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  if (weights.length < 2) issues.push({ path: 'weights', message: 'needs two or more arms' });
  if (exposures.length !== weights.length) {
    issues.push({
      path: 'exposures',
      message: `has ${exposures.length} counts for ${weights.length} arms`,
    });
  }
  exposures.forEach((count, i) => {
    if (!Number.isSafeInteger(count) || count < 0) {
      issues.push({ path: `exposures.${i}`, message: 'must be a whole number ≥ 0' });
    }
  });
  weights.forEach((weight, i) => {
    if (!Number.isFinite(weight) || weight <= 0) {
      issues.push({ path: `weights.${i}`, message: 'must be a positive finite number' });
    }
  });
  return issues;
};

/** Pearson's chi-square of the arms' exposure counts against the shares their weights promise. */
export const sampleRatioCheck = (
  exposures: readonly number[],
  weights: readonly number[],
): SampleRatioResult => {
  const issues = inputIssues(exposures, weights);
  if (issues.length > 0) throw exposuresInvalid(issues);
  const n = exposures.reduce((sum, c) => sum + c, 0);
  const degreesOfFreedom = weights.length - 1;
  if (n === 0) {
    // Nothing exposed yet: nothing can be out of line.
    return {
      chiSquare: 0,
      degreesOfFreedom,
      pValue: 1,
      mismatch: false,
      expected: weights.map(() => 0),
    };
  }
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const expected = weights.map((w) => (n * w) / totalWeight);
  const chiSquare = exposures.reduce(
    (sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!,
    0,
  );
  const pValue = 1 - chiSquareCdf(chiSquare, degreesOfFreedom);
  return {
    chiSquare,
    degreesOfFreedom,
    pValue,
    mismatch: pValue < SRM_P_VALUE_THRESHOLD,
    expected,
  };
};
