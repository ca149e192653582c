/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007; Wagner & Hoppe 2008 erratum): BG/NBD, except that a
 * customer may also drop out right after the first purchase, so one-time buyers need not be alive.
 */
import { type BetaGeometricParams, betaGeometricStarts, oddsToProbability } from './bg-nbd.js';
import type { CustomerSummary } from './clv.js';
import { betaGeometricLogLikelihood } from './beta-geometric-likelihood.js';
import type { GroupedHistories } from './grouped-histories.js';
import { betaGeometricGrowth } from './special-functions.js';

export const MBG_NBD_PARAMS = ['r', 'alpha', 'a', 'b'] as const;

/** ln L over grouped histories as a function of (r, α, a, b), with its gradient. */
export const mbgNbdLogLikelihood = (data: GroupedHistories) => betaGeometricLogLikelihood(data, 1);

export const mbgNbdStarts = betaGeometricStarts;

export const mbgNbdProbabilityAlive = (p: BetaGeometricParams, c: CustomerSummary): number => {
  const x = c.frequency;
  const recency = x > 0 ? c.recency : 0;
  return oddsToProbability(
    Math.log(p.a / (p.b + x)) +
      (p.r + x) * (Math.log(p.alpha + c.age) - Math.log(p.alpha + recency)),
  );
};

/**
 * E[purchases in (T, T + t] | x, t_x, T] (Wagner & Hoppe 2008):
 * (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).
 */
export const mbgNbdExpectedPurchases = (
  p: BetaGeometricParams,
  c: CustomerSummary,
  weeks: number,
): number => {
  if (weeks <= 0) return 0;
  const x = c.frequency;
  const shape = p.a + p.b + x;
  const z = weeks / (p.alpha + c.age + weeks);
  const growth = betaGeometricGrowth(p.a, shape, shape - p.r - x, z);
  return Math.max(0, shape * growth * mbgNbdProbabilityAlive(p, c));
};
