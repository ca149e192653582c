/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a
 * customer buys as a Poisson process of rate λ ~ Gamma(r, α); after each repeat purchase they drop
 * out with probability p ~ Beta(a, b).
 */
import type { CustomerSummary } from './clv.js';
import { betaGeometricLogLikelihood } from './beta-geometric-likelihood.js';
import { crudeRepeatRate, type GroupedHistories } from './grouped-histories.js';
import { betaGeometricGrowth } from './special-functions.js';

export const BG_NBD_PARAMS = ['r', 'alpha', 'a', 'b'] as const;
export interface BetaGeometricParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** ln L over grouped histories as a function of (r, α, a, b), with its gradient. */
export const bgNbdLogLikelihood = (data: GroupedHistories) => betaGeometricLogLikelihood(data, 0);

/** Starting points, data-driven first: purchase rate r/α at the crude repeat rate. */
export const betaGeometricStarts = (data: GroupedHistories): number[][] => {
  const perRate = 1 / crudeRepeatRate(data);
  return [
    [1, perRate, 1, 1],
    [0.25, 0.25 * perRate, 0.5, 2],
    [1, 1, 1, 1],
    [4, 4 * perRate, 2, 8],
    [0.5, 5 * perRate, 0.2, 0.5],
    [2, 0.5 * perRate, 5, 5],
  ];
};

/** ln of the odds that a BG/NBD customer dropped out after their last purchase. */
const logDeadOdds = (p: BetaGeometricParams, c: CustomerSummary): number =>
  c.frequency === 0
    ? -Infinity
    : Math.log(p.a / (p.b + c.frequency - 1)) +
      (p.r + c.frequency) * (Math.log(p.alpha + c.age) - Math.log(p.alpha + c.recency));

/** 1 / (1 + e^logOdds), without overflow. */
export const oddsToProbability = (logOdds: number): number =>
  logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));

export const bgNbdProbabilityAlive = (p: BetaGeometricParams, c: CustomerSummary): number =>
  oddsToProbability(logDeadOdds(p, c));

/**
 * E[purchases in (T, T + t] | x, t_x, T] (FHL 2005 eq. 10):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive),
 * computed through betaGeometricGrowth so that a near 1 is no 0/0.
 */
export const bgNbdExpectedPurchases = (
  p: BetaGeometricParams,
  c: CustomerSummary,
  weeks: number,
): number => {
  if (weeks <= 0) return 0;
  const x = c.frequency;
  const shape = p.a + p.b + x - 1;
  const z = weeks / (p.alpha + c.age + weeks);
  const growth = betaGeometricGrowth(p.a, shape, shape - p.r - x, z);
  return Math.max(0, shape * growth * bgNbdProbabilityAlive(p, c));
};
