/**
 * Customer lifetime value: purchase summaries, the BG/NBD, Pareto/NBD, MBG/NBD and Gamma-Gamma
 * models fitted by maximum likelihood, and what they predict per customer. Pure: no I/O.
 */
export {
  CLV_MODEL_NAMES,
  TRANSACTION_MODEL_NAMES,
  isClvModelName,
  type ClvModelName,
  type CustomerSummary,
  type HoldoutCounts,
  type ModelFit,
  type PurchaseDay,
  type TransactionModelName,
} from './clv.js';
export { ModelFitError } from './clv.errors.js';
export { summarisePurchases, type PurchaseSummary, type SummaryOptions } from './summary.js';
export { DEFAULT_STARTS, fitModel, logLikelihoodAt } from './models.js';
export {
  customerLifetimeValue,
  expectedMeanSpendMinor,
  expectedPurchases,
  probabilityAlive,
  type LifetimeValueInput,
} from './lifetime-value.js';
export {
  trackingCurve,
  trackingCurveFromWeeklyActuals,
  validateHoldout,
  type HoldoutReport,
  type HoldoutRow,
  type TrackingPoint,
} from './validation.js';
export {
  inMajorUnits,
  LOG_LIKELIHOOD_IN_MAJOR_UNITS,
  type MoneyUnit,
  type ReportedFit,
} from './money-units.js';
