/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999): a
 * customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, so the
 * mean of x values, z̄, has density
 *   Γ(px+q) / (Γ(px) Γ(q)) · γ^q z̄^(px−1) x^(px) / (γ + x z̄)^(px+q).
 * Money is in minor units, so γ is too (CDNOW's published γ = 15.44 dollars is 1544 cents).
 *
 * Zero-value purchases: only customers with repeat purchases (x > 0) whose mean repeat spend is
 * positive enter the fit, because the model's values are positive by construction. Everyone else
 * (one-time buyers, customers whose repeat purchases were worth nothing) gets the population mean
 * pγ/(q − 1) as their expected spend. Their purchase days still count in the transaction models.
 */
import type { CustomerSummary } from './clv.js';
import { ModelFitError } from './clv.errors.js';
import { logGamma } from './special-functions.js';

export const GAMMA_GAMMA_PARAMS = ['p', 'q', 'gamma'] as const;
export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

/**
 * Customers with repeat purchases of positive mean value, grouped by (x, z̄), with money divided by
 * `scale` (their mean z̄): the fit runs on amounts near 1 whatever the currency's size, so that
 * γ stays well inside the optimiser's range and the likelihood keeps its digits (at about 1e10
 * minor units per purchase the unscaled fit stopped on a false optimum 20.9 LL units low).
 * Fitted on the scaled amounts u = z̄/scale, γ in money is scale · γ_u, and since each customer's
 * density of z̄ is that of u divided by scale, ln L in money = ln L_u − customers · ln(scale).
 */
export interface SpendGroups {
  groups: number;
  customers: number;
  weight: Float64Array;
  /** Minor units of money per unit of the scaled amounts below. */
  scale: number;
  /** Index into distinctFrequencies. */
  frequencyIndex: Int32Array;
  distinctFrequencies: Float64Array;
  /** ln(z̄/scale). */
  logMean: Float64Array;
  /** x · z̄/scale. */
  total: Float64Array;
}

export const spendsModelled = (c: CustomerSummary): boolean =>
  c.frequency > 0 && c.meanRepeatSpendMinor > 0 && Number.isFinite(c.meanRepeatSpendMinor);

export const groupSpends = (customers: readonly CustomerSummary[]): SpendGroups => {
  const frequencyIndex = new Map<number, number>();
  const groupOf = new Map<string, number>();
  const weight: number[] = [];
  const fIndex: number[] = [];
  const mean: number[] = [];
  const frequency: number[] = [];
  let customersIn = 0;
  let spend = 0;
  for (const c of customers) {
    if (!spendsModelled(c)) continue;
    if (!Number.isInteger(c.frequency))
      throw new ModelFitError(`customer ${c.customerId}: frequency must be a whole number`);
    customersIn++;
    spend += c.meanRepeatSpendMinor;
    let fi = frequencyIndex.get(c.frequency);
    if (fi === undefined) {
      fi = frequency.length;
      frequencyIndex.set(c.frequency, fi);
      frequency.push(c.frequency);
    }
    const key = `${c.frequency}|${c.meanRepeatSpendMinor}`;
    const g = groupOf.get(key);
    if (g !== undefined) {
      weight[g] = weight[g]! + 1;
      continue;
    }
    groupOf.set(key, weight.length);
    weight.push(1);
    fIndex.push(fi);
    mean.push(c.meanRepeatSpendMinor);
  }
  const scale = customersIn > 0 ? spend / customersIn : 1;
  return {
    groups: weight.length,
    customers: customersIn,
    scale,
    weight: Float64Array.from(weight),
    frequencyIndex: Int32Array.from(fIndex),
    distinctFrequencies: Float64Array.from(frequency),
    logMean: Float64Array.from(mean, (m) => Math.log(m / scale)),
    total: Float64Array.from(mean, (m, g) => (m / scale) * frequency[fIndex[g]!]!),
  };
};

/**
 * The log-likelihood of the scaled amounts as a function of (p, q, γ_u), γ_u in units of
 * data.scale; gamma functions once per distinct x.
 */
export const gammaGammaLogLikelihood = (data: SpendGroups) => {
  const perFrequency = new Float64Array(data.distinctFrequencies.length);
  return (params: Float64Array): number => {
    const [p = NaN, q = NaN, gamma = NaN] = params;
    const constant = q * Math.log(gamma) - logGamma(q);
    for (let i = 0; i < perFrequency.length; i++) {
      const x = data.distinctFrequencies[i]!;
      perFrequency[i] = logGamma(p * x + q) - logGamma(p * x) + p * x * Math.log(x) + constant;
    }
    let total = 0;
    for (let g = 0; g < data.groups; g++) {
      const fi = data.frequencyIndex[g]!;
      const px = p * data.distinctFrequencies[fi]!;
      const ll =
        perFrequency[fi]! +
        (px - 1) * data.logMean[g]! -
        (px + q) * Math.log(gamma + data.total[g]!);
      total += data.weight[g]! * ll;
    }
    return total;
  };
};

/** In scaled units (mean spend 1), data-driven first: population mean pγ/(q − 1) at 1. */
export const gammaGammaStarts = (): number[][] => [
  [1, 2, 1],
  [5, 3, 2 / 5],
  [1, 1, 1],
  [0.5, 1.5, 1],
  [10, 5, 4 / 10],
  [2, 10, 9 / 2],
];

/** pγ/(q − 1): what a customer about whom nothing is known is expected to spend per purchase. */
export const populationMeanSpend = (p: GammaGammaParams): number => {
  if (!(p.q > 1))
    throw new ModelFitError(
      `the Gamma-Gamma fit has q = ${p.q} ≤ 1, so its mean spend per purchase is unbounded`,
      { q: p.q },
    );
  return (p.p * p.gamma) / (p.q - 1);
};

/**
 * E[spend per purchase | x, z̄] = p(γ + x z̄)/(px + q − 1), a weighted average of the population mean
 * and the customer's own mean; the population mean for customers the fit left out.
 */
export const gammaGammaExpectedMeanSpend = (p: GammaGammaParams, c: CustomerSummary): number => {
  if (!spendsModelled(c)) return populationMeanSpend(p);
  const x = c.frequency;
  const denominator = p.p * x + p.q - 1;
  if (!(denominator > 0)) return populationMeanSpend(p);
  return (p.p * (p.gamma + x * c.meanRepeatSpendMinor)) / denominator;
};
