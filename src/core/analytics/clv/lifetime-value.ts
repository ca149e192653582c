import { DomainError } from '../../shared/errors.js';
import {
  WEEKS_PER_YEAR,
  type ClvModelName,
  type CustomerSummary,
  type ModelFit,
  type TransactionModelName,
} from './clv.js';
import { ModelFitError } from './clv.errors.js';
import {
  BG_NBD_PARAMS,
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  type BetaGeometricParams,
} from './bg-nbd.js';
import { GAMMA_GAMMA_PARAMS, gammaGammaExpectedMeanSpend } from './gamma-gamma.js';
import { MBG_NBD_PARAMS, mbgNbdExpectedPurchases, mbgNbdProbabilityAlive } from './mbg-nbd.js';
import {
  PARETO_NBD_PARAMS,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  type ParetoNbdParams,
} from './pareto-nbd.js';

/** A fit's parameters by name, each present, positive and finite. */
const paramsOf = <K extends string>(fit: ModelFit, names: readonly K[]): Record<K, number> => {
  const out = {} as Record<K, number>;
  for (const name of names) {
    const value = fit.params[name];
    if (value === undefined || !(value > 0) || value === Infinity)
      throw new ModelFitError(`${fit.model} fit has no valid parameter ${name}`, {
        model: fit.model,
        params: fit.params,
      });
    out[name] = value;
  }
  return out;
};

interface TransactionPredictions {
  probabilityAlive(fit: ModelFit, c: CustomerSummary): number;
  expectedPurchases(fit: ModelFit, c: CustomerSummary, weeks: number): number;
}

const betaGeometric = (
  names: readonly (keyof BetaGeometricParams)[],
  alive: (p: BetaGeometricParams, c: CustomerSummary) => number,
  expected: (p: BetaGeometricParams, c: CustomerSummary, weeks: number) => number,
): TransactionPredictions => ({
  probabilityAlive: (fit, c) => alive(paramsOf(fit, names), c),
  expectedPurchases: (fit, c, weeks) => expected(paramsOf(fit, names), c, weeks),
});

const paretoNames = PARETO_NBD_PARAMS as readonly (keyof ParetoNbdParams)[];

const TRANSACTION_PREDICTIONS: Record<TransactionModelName, TransactionPredictions> = {
  bgnbd: betaGeometric(BG_NBD_PARAMS, bgNbdProbabilityAlive, bgNbdExpectedPurchases),
  mbgnbd: betaGeometric(MBG_NBD_PARAMS, mbgNbdProbabilityAlive, mbgNbdExpectedPurchases),
  'pareto-nbd': {
    probabilityAlive: (fit, c) => paretoNbdProbabilityAlive(paramsOf(fit, paretoNames), c),
    expectedPurchases: (fit, c, weeks) =>
      paretoNbdExpectedPurchases(paramsOf(fit, paretoNames), c, weeks),
  },
};

const isTransactionModel = (model: ClvModelName): model is TransactionModelName =>
  model !== 'gamma-gamma';

const transactionsOf = (fit: ModelFit) => {
  if (!isTransactionModel(fit.model))
    throw new DomainError(
      'invalid',
      'wrong_model',
      `${fit.model} models spend, not purchases: use bgnbd, pareto-nbd or mbgnbd`,
      { model: fit.model },
    );
  return TRANSACTION_PREDICTIONS[fit.model];
};

/** Never hand back NaN: a prediction that is not a number is a model that cannot answer. */
const finite = (value: number, what: string, fit: ModelFit, c: CustomerSummary): number => {
  if (Number.isFinite(value)) return value;
  throw new ModelFitError(`${fit.model}: ${what} is not finite for customer ${c.customerId}`, {
    model: fit.model,
    customerId: c.customerId,
  });
};

/** P(the customer is still alive at the end of calibration | their history). */
export const probabilityAlive = (fit: ModelFit, c: CustomerSummary): number =>
  finite(transactionsOf(fit).probabilityAlive(fit, c), 'P(alive)', fit, c);

/** Expected repeat purchases in the `weeks` after the end of calibration, given the history. */
export const expectedPurchases = (fit: ModelFit, c: CustomerSummary, weeks: number): number =>
  finite(transactionsOf(fit).expectedPurchases(fit, c, weeks), 'expected purchases', fit, c);

/** Expected value of one future purchase (minor units), from a gamma-gamma fit. */
export const expectedMeanSpendMinor = (spendFit: ModelFit, c: CustomerSummary): number => {
  if (spendFit.model !== 'gamma-gamma')
    throw new DomainError('invalid', 'wrong_model', `${spendFit.model} does not model spend`, {
      model: spendFit.model,
    });
  return finite(
    gammaGammaExpectedMeanSpend(paramsOf(spendFit, GAMMA_GAMMA_PARAMS), c),
    'expected spend',
    spendFit,
    c,
  );
};

export interface LifetimeValueInput {
  transactions: ModelFit;
  spend: ModelFit;
  customer: CustomerSummary;
  horizonWeeks: number;
  /** e.g. 0.1 for 10 % a year. */
  annualDiscountRate: number;
  /** Length of one step of the discounted sum; default a month (52/12 weeks). */
  stepWeeks?: number;
}

const checkLifetimeInput = (input: LifetimeValueInput, step: number) => {
  const problem =
    !(input.horizonWeeks >= 0) || input.horizonWeeks === Infinity
      ? 'horizonWeeks must be a finite number ≥ 0'
      : !(input.annualDiscountRate > -1) || input.annualDiscountRate === Infinity
        ? 'annualDiscountRate must be a finite number > −1'
        : !(step > 0) || step === Infinity
          ? 'stepWeeks must be a finite number > 0'
          : null;
  if (problem) throw new DomainError('invalid', 'invalid_clv_input', problem);
};

/**
 * Discounted expected revenue (minor units) over the horizon: the expected purchases of each
 * step, E(t_k) − E(t_k−1), times the expected spend per purchase, discounted to today at the end
 * of the step's month, so a longer horizon never lowers the value and a higher rate always does.
 */
export const customerLifetimeValue = (input: LifetimeValueInput): number => {
  const step = input.stepWeeks ?? WEEKS_PER_YEAR / 12;
  checkLifetimeInput(input, step);
  const spend = expectedMeanSpendMinor(input.spend, input.customer);
  const steps = Math.ceil(input.horizonWeeks / step - 1e-12);
  const logDiscount = Math.log1p(input.annualDiscountRate);
  let previous = 0;
  let value = 0;
  for (let k = 1; k <= steps; k++) {
    const until = Math.min(k * step, input.horizonWeeks);
    const purchases = expectedPurchases(input.transactions, input.customer, until);
    const discount = Math.exp((-logDiscount * (k * step)) / WEEKS_PER_YEAR);
    value += Math.max(0, purchases - previous) * discount;
    previous = Math.max(previous, purchases);
  }
  return value * spend;
};
