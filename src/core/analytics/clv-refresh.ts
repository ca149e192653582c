import { z } from 'zod';
import { addDaysToDate } from '../shared/calendar-date.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import {
  customerLifetimeValue,
  expectedMeanSpendMinor,
  expectedPurchases,
  fitModel,
  ModelFitError,
  probabilityAlive,
  TRANSACTION_MODEL_NAMES,
  trackingCurveFromWeeklyActuals,
  validateHoldout,
  type CustomerSummary,
  type HoldoutCounts,
  type ModelFit,
  type TrackingPoint,
} from './clv/index.js';

/** How the stored CLV figures are produced; every field has a default a shop can live with. */
export const ClvSettingsSchema = z.object({
  model: z.enum(TRANSACTION_MODEL_NAMES).default('bgnbd'),
  /** How far ahead expected purchases and CLV look. */
  horizonWeeks: z.number().min(1).max(520).default(52),
  /** Yearly discount rate for CLV (0.1 = money a year away is worth 10% less). */
  annualDiscountRate: z.number().min(0).max(1).default(0.1),
  /**
   * The validation report refits on all but the last `holdoutWeeks` and compares its forecast with
   * what those weeks brought; 0 skips the report.
   */
  holdoutWeeks: z.number().int().min(0).max(104).default(26),
});
export type ClvSettings = z.infer<typeof ClvSettingsSchema>;

export interface ClvPrediction {
  customerId: string;
  pAlive: number;
  expectedPurchases: number;
  expectedSpendMinor: number | null;
  clvMinor: number | null;
}

export interface ClvValidation {
  calibrationEnd: string;
  holdoutEnd: string;
  fit: ModelFit;
  report: ReturnType<typeof validateHoldout>;
  /** Cumulative repeat purchases of the calibration customers, actual and expected, per week. */
  tracking: TrackingPoint[];
}

export interface ClvRun {
  id: string;
  settings: ClvSettings;
  calibrationEnd: string;
  transactions: ModelFit;
  /** Null when no Gamma-Gamma fit was possible: predictions then carry no money figures. */
  spend: ModelFit | null;
  spendProblem: string | null;
  customers: number;
  repeatBuyers: number;
  validation: ClvValidation | null;
  validationProblem: string | null;
  durationMs: number;
  fittedAt: Date;
}

/** What the refresh needs from storage: per-customer summaries computed where the data lives. */
export interface ClvSource {
  summaries(options: { calibrationEnd: string; holdoutEnd?: string }): Promise<{
    customers: CustomerSummary[];
    holdout: HoldoutCounts[] | null;
  }>;
  /** Repeat purchase days per week from `start` to `end` of customers first seen by `calibrationEnd`. */
  weeklyRepeatPurchases(options: {
    calibrationEnd: string;
    start: string;
    end: string;
  }): Promise<number[]>;
  saveRun(run: ClvRun, predictions: readonly ClvPrediction[]): Promise<void>;
}

const tryFit = <T>(fit: () => T): { fit: T; problem: null } | { fit: null; problem: string } => {
  try {
    return { fit: fit(), problem: null };
  } catch (error) {
    if (error instanceof DomainError) return { fit: null, problem: error.message };
    throw error;
  }
};

const predict = (
  transactions: ModelFit,
  spend: ModelFit | null,
  customer: CustomerSummary,
  settings: ClvSettings,
): ClvPrediction => ({
  customerId: customer.customerId,
  pAlive: probabilityAlive(transactions, customer),
  expectedPurchases: expectedPurchases(transactions, customer, settings.horizonWeeks),
  expectedSpendMinor: spend ? expectedMeanSpendMinor(spend, customer) : null,
  clvMinor: spend
    ? Math.round(
        customerLifetimeValue({
          transactions,
          spend,
          customer,
          horizonWeeks: settings.horizonWeeks,
          annualDiscountRate: settings.annualDiscountRate,
        }),
      )
    : null,
});

const validate = async (
  source: ClvSource,
  settings: ClvSettings,
  today: string,
): Promise<{ validation: ClvValidation | null; problem: string | null }> => {
  if (settings.holdoutWeeks === 0) return { validation: null, problem: 'holdout disabled' };
  const calibrationEnd = addDaysToDate(today, -7 * settings.holdoutWeeks);
  const { customers, holdout } = await source.summaries({ calibrationEnd, holdoutEnd: today });
  const attempt = tryFit(() => fitModel(settings.model, customers));
  if (!attempt.fit || !holdout) return { validation: null, problem: attempt.problem };
  const fit = attempt.fit;
  const doubt = fit.identifiable
    ? ''
    : `the holdout refit is not identifiable (${fit.notIdentifiableReason}): `;
  const start = customers.reduce((min, c) => (c.firstDay < min ? c.firstDay : min), calibrationEnd);
  const actualPerWeek = await source.weeklyRepeatPurchases({ calibrationEnd, start, end: today });
  // A validation the model cannot answer is reported, not fatal: the main fit may still stand.
  const checked = tryFit(() => ({
    report: validateHoldout(fit, customers, holdout),
    tracking: trackingCurveFromWeeklyActuals(fit, customers, actualPerWeek, { start, end: today }),
  }));
  if (!checked.fit) return { validation: null, problem: `${doubt}${checked.problem}` };
  return {
    validation: { calibrationEnd, holdoutEnd: today, fit, ...checked.fit },
    problem: null,
  };
};

/**
 * A spend fit the data do not identify gives no money figures (as one that cannot be fitted):
 * its γ or q may be anywhere along a ridge, and every CLV would inherit that.
 */
const trustedSpend = (attempt: ReturnType<typeof tryFit<ModelFit>>) =>
  attempt.fit && !attempt.fit.identifiable
    ? { fit: null, problem: `not identifiable: ${attempt.fit.notIdentifiableReason}` }
    : attempt;

/**
 * Predictions for everyone. A transaction fit that is not identifiable is kept and flagged (its
 * limit, say no dropout, still forecasts), unless it cannot forecast at all: then the refresh
 * stops with both reasons rather than a bare "not finite".
 */
const predictAll = (
  transactions: ModelFit,
  spend: ModelFit | null,
  customers: readonly CustomerSummary[],
  settings: ClvSettings,
) => {
  try {
    return customers.map((c) => predict(transactions, spend, c, settings));
  } catch (error) {
    if (transactions.identifiable || !(error instanceof DomainError)) throw error;
    throw new ModelFitError(
      `${transactions.model}: not identifiable (${transactions.notIdentifiableReason}), and ` +
        `it cannot predict: ${error.message}`,
      { model: transactions.model },
    );
  }
};

/**
 * Fits the transaction model (and Gamma-Gamma for spend) on every customer's history up to
 * `today`, predicts each customer's P(alive), purchases and value over the horizon, and stores
 * the run. A transaction model that cannot be fitted stops the refresh with its reason; a spend
 * model that cannot be fitted, or is not identifiable, only leaves the money figures empty.
 */
export const refreshClv = async (
  source: ClvSource,
  input: { settings: ClvSettings; today: string; now: Date },
): Promise<ClvRun> => {
  const started = performance.now();
  const { settings, today } = input;
  const { customers } = await source.summaries({ calibrationEnd: today });
  const transactions = fitModel(settings.model, customers);
  const spendAttempt = trustedSpend(tryFit(() => fitModel('gamma-gamma', customers)));
  const { validation, problem: validationProblem } = await validate(source, settings, today);
  const predictions = predictAll(transactions, spendAttempt.fit, customers, settings);
  const run: ClvRun = {
    id: newId('clvRun'),
    settings,
    calibrationEnd: today,
    transactions,
    spend: spendAttempt.fit,
    spendProblem: spendAttempt.problem,
    customers: customers.length,
    repeatBuyers: customers.filter((c) => c.frequency > 0).length,
    validation,
    validationProblem,
    durationMs: Math.round(performance.now() - started),
    fittedAt: input.now,
  };
  await source.saveRun(run, predictions);
  return run;
};
