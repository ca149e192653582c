/** The experiments' statistics, one import for callers; each method lives in its own file. */
export {
  cuped,
  cupedFromSums,
  type CovariatePair,
  type CovariateSums,
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
