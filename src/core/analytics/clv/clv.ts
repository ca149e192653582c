/**
 * Customer-lifetime-value models ("buy till you die"): what a customer's purchase history looks like
 * to them, and what a fitted model is. Time is in weeks (7 days, fractional), money in minor units.
 */

/** The models of how often customers buy and when they quietly stop. */
export const TRANSACTION_MODEL_NAMES = ['bgnbd', 'pareto-nbd', 'mbgnbd'] as const;
export type TransactionModelName = (typeof TRANSACTION_MODEL_NAMES)[number];
export const CLV_MODEL_NAMES = [...TRANSACTION_MODEL_NAMES, 'gamma-gamma'] as const;
export type ClvModelName = (typeof CLV_MODEL_NAMES)[number];

export const isClvModelName = (name: string): name is ClvModelName =>
  (CLV_MODEL_NAMES as readonly string[]).includes(name);

/** One purchase: several on one calendar day of one customer count as one transaction. */
export interface PurchaseDay {
  customerId: string;
  /** Calendar day, YYYY-MM-DD. */
  day: string;
  amountMinor: number;
}

/** A customer's calibration-period history: recency, frequency, age and mean repeat spend. */
export interface CustomerSummary {
  customerId: string;
  /** x: repeat purchase days in the calibration period (the first purchase day is not one). */
  frequency: number;
  /** t_x: weeks from the first purchase day to the last repeat purchase day (0 when x = 0). */
  recency: number;
  /** T: weeks from the first purchase day to the end of calibration. */
  age: number;
  /** Mean value of the repeat purchase days (0 when x = 0); may be fractional. */
  meanRepeatSpendMinor: number;
  /** YYYY-MM-DD. */
  firstDay: string;
}

/** Repeat purchase days of one calibration customer in the holdout period. */
export interface HoldoutCounts {
  customerId: string;
  repeatPurchases: number;
  /** Length of the holdout period in weeks. */
  weeks: number;
}

export interface ModelFit {
  model: ClvModelName;
  /**
   * bgnbd, mbgnbd: r, alpha, a, b. pareto-nbd: r, alpha, s, beta (alpha and beta in weeks).
   * gamma-gamma: p, q, gamma (gamma in minor units of money; inMajorUnits gives it as people read it).
   */
  params: Record<string, number>;
  /** Natural-log likelihood of the customers the model was fitted to, at params. */
  logLikelihood: number;
  /** Customers the likelihood covers (for gamma-gamma: those with repeat purchases of positive mean). */
  customers: number;
  /**
   * Whether the optimiser stopped on its tolerance rather than its iteration limit; only that.
   * Whether the optimum means anything is `identifiable`.
   */
  converged: boolean;
  /**
   * False when the data do not pin the parameters down: too few distinct histories, a parameter
   * running off to 0 or ∞ (a boundary solution), a Hessian that is not negative definite or a
   * flat likelihood (see identifiability.ts). The parameters are then the optimiser's last point,
   * not estimates.
   */
  identifiable: boolean;
  /** Why the fit is not identifiable; null when it is. */
  notIdentifiableReason: string | null;
  /**
   * Asymptotic standard errors of params (same units), from the observed information (the
   * negative Hessian of ln L at the optimum); null when the fit is not identifiable.
   */
  standardErrors: Record<string, number> | null;
  /** Optimiser iterations (BFGS or simplex) of the winning start, including its polishing. */
  iterations: number;
  durationMs: number;
  /** Likelihood evaluations over all starts. */
  evaluations: number;
  /** Starting points tried, and how many gave a finite likelihood. */
  starts: { tried: number; finite: number };
  /** Distinct histories the customers were collapsed into (each evaluated once, weighted). */
  groups: number;
  /**
   * Above SAMPLE_ABOVE_CUSTOMERS customers the starting points are explored on a sample first:
   * the likelihood evaluations that took (on the sample; `evaluations` counts the full data).
   */
  sampleEvaluations?: number;
}

export const DAYS_PER_WEEK = 7;
export const WEEKS_PER_YEAR = 365.25 / DAYS_PER_WEEK;
