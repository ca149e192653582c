/**
 * Fits as people read them. The models work in minor units (integers, as all money here), so
 * Gamma-Gamma's γ and log-likelihood come out in cents: γ = 1544 for CDNOW's published $15.44,
 * ln L = −8412.4 where Fader & Hardie (and BTYD, CLVTools) report −4055.9 on the same dollars.
 * Reported, γ (and its standard error) is in major units of the input currency, and ln L is the
 * density of the mean spends in major units: each customer's density of z̄ in major units is
 * 10^digits times that in minor units, so ln L(major) = ln L(minor) + n · digits · ln 10
 * (CDNOW: −8412.41 + 946 · ln 100 = −4055.92).
 */
import type { ModelFit } from './clv.js';

export interface MoneyUnit {
  /** ISO 4217 code. */
  currency: string;
  /** Digits after the decimal point of the currency's major unit (USD 2, JPY 0, BHD 3). */
  minorDigits: number;
}

/** The parameters of each model that are amounts of money (the others have no unit or are in weeks). */
const MONEY_PARAMETERS: Record<ModelFit['model'], readonly string[]> = {
  bgnbd: [],
  'pareto-nbd': [],
  mbgnbd: [],
  'gamma-gamma': ['gamma'],
};

export const LOG_LIKELIHOOD_IN_MAJOR_UNITS =
  'density of mean repeat spend in major units of the currency (as BTYD and CLVTools report it)';

export interface ReportedFit extends ModelFit {
  /**
   * For a model with money in it (gamma-gamma): the currency its money parameters and their
   * standard errors are given in (major units), and the convention of logLikelihood. Null for
   * the models of purchase counts, whose parameters are in weeks or have no unit.
   */
  money: {
    currency: string;
    minorDigits: number;
    parameters: string[];
    logLikelihood: typeof LOG_LIKELIHOOD_IN_MAJOR_UNITS;
  } | null;
}

const toMajor = (values: Record<string, number>, names: readonly string[], factor: number) =>
  Object.fromEntries(
    Object.entries(values).map(([name, v]) => [name, names.includes(name) ? v / factor : v]),
  );

/** The fit with its money parameters in major units of `unit` and ln L to match (see above). */
export const inMajorUnits = (fit: ModelFit, unit: MoneyUnit): ReportedFit => {
  const names = MONEY_PARAMETERS[fit.model];
  if (names.length === 0) return { ...fit, money: null };
  const factor = 10 ** unit.minorDigits;
  return {
    ...fit,
    params: toMajor(fit.params, names, factor),
    standardErrors: fit.standardErrors && toMajor(fit.standardErrors, names, factor),
    logLikelihood: fit.logLikelihood + fit.customers * unit.minorDigits * Math.LN10,
    money: {
      currency: unit.currency,
      minorDigits: unit.minorDigits,
      parameters: [...names],
      logLikelihood: LOG_LIKELIHOOD_IN_MAJOR_UNITS,
    },
  };
};
