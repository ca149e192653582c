/** The experiments' statistics, one import for callers; each method lives in its own file. */
export {
  cuped,
  cupedFromMoments,
  cupedFromSums,
  type CovariateMoments,
  type CovariateSums,
  type CovariatePair,
  type CupedResult,
} from './cuped.js';
export { incrementalTotal, type IncrementalTotal } from './incremental.js';
export { DEFAULT_CONFIDENCE, type Interval } from './interval.js';
export { welchDifference, type ArmSummary, type MeanDifference } from './means.js';
export {
  proportionDifference,
  wilsonInterval,
  type ArmCounts,
  type ProportionDifference,
} from './proportions.js';
export {
  alwaysValidDifference,
  alwaysValidSoFar,
  mixingVarianceForPlan,
  sequentialMeans,
  sequentialProportions,
  type AlwaysValidSoFar,
  type SequentialOptions,
  type SequentialResult,
} from './sequential.js';
