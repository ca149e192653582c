import { isDomainError } from '../shared/errors.js';
import { meanAndVariance, type Sums } from './metric-sums.js';
import {
  durationDays as daysToFill,
  minimumDetectableEffectForMean,
  minimumDetectableEffectForProportion,
  sampleSizeForMean,
  sampleSizeForProportion,
} from './power.js';

/**
 * Power before start, from the population's own history: the baseline repeat rate and revenue
 * spread over the last horizon, then the smallest effect the planned experiment can detect, or
 * how long a chosen effect takes. Arms of unequal weight are planned as if every arm were the
 * smallest one (power.ts assumes equal arms), which errs on the side of too long.
 */

/** Sums over the population's customers in the last `windowDays` (one horizon). */
export interface PopulationBaseline {
  customers: number;
  /** Customers who bought at least once in the window. */
  converted: number;
  /** Net revenue per customer, minor units. */
  netRevenue: Sums;
  /** Customers who joined the population in the window. */
  newcomers: number;
  windowDays: number;
}

export interface PowerPlanInput {
  baseline: PopulationBaseline;
  entry: 'fixed' | 'open';
  weights: readonly number[];
  horizonDays: number;
  /** Days new customers are let in (open populations); default one horizon. */
  durationDays?: number;
  effect?: { metric: 'converted' | 'netRevenue'; relative: number };
}

export interface Detectable {
  /** Absolute: a share for converted (0.02 = 2 pp), minor units per customer for netRevenue. */
  absolute: number;
  /** absolute / baseline; null when the baseline is 0. */
  relative: number | null;
}

export interface PowerPlan {
  baseline: {
    customers: number;
    convertedRate: number;
    netRevenueMean: number;
    netRevenueStandardDeviation: number;
    newEntrantsPerDay: number;
    windowDays: number;
  };
  alpha: 0.05;
  power: 0.8;
  smallestArmShare: number;
  durationDays: number;
  /** Customers in the smallest arm at the end of the planned duration. */
  customersPerArm: number;
  minimumDetectableEffect: {
    converted: Detectable | { unavailable: string };
    netRevenue: Detectable | { unavailable: string };
  };
  effect: {
    metric: 'converted' | 'netRevenue';
    relative: number;
    absolute: number;
    customersPerArm: number;
    /** Days of entry until the smallest arm has them; 0 when the population already does. */
    entryDays: number | null;
    /** Entry days plus one horizon: when the fixed-horizon result is in. */
    daysToResult: number | null;
    note: string;
  } | null;
}

/** A power answer that has no number (a rate of 0, no spread) says why instead of failing. */
const orReason = <T>(run: () => T): T | { unavailable: string } => {
  try {
    return run();
  } catch (error) {
    if (isDomainError(error)) return { unavailable: error.message };
    throw error;
  }
};

export const powerPlan = (input: PowerPlanInput): PowerPlan => {
  const { baseline: b, weights, horizonDays } = input;
  const durationDays = input.durationDays ?? horizonDays;
  const rate = b.customers === 0 ? 0 : b.converted / b.customers;
  const revenue = meanAndVariance(b.customers, b.netRevenue);
  const sd = Math.sqrt(revenue.variance);
  const perDay = input.entry === 'open' ? b.newcomers / b.windowDays : 0;
  const share = Math.min(...weights) / weights.reduce((sum, w) => sum + w, 0);
  const perArmAt = (days: number) => Math.floor((b.customers + perDay * days) * share);
  const customersPerArm = perArmAt(durationDays);

  const mde = {
    converted: orReason(() => {
      const absolute = minimumDetectableEffectForProportion({
        baselineRate: rate,
        nPerArm: customersPerArm,
      });
      return { absolute, relative: absolute / rate };
    }),
    netRevenue: orReason(() => {
      const absolute = minimumDetectableEffectForMean({
        standardDeviation: sd,
        nPerArm: customersPerArm,
      });
      return { absolute, relative: revenue.mean === 0 ? null : absolute / revenue.mean };
    }),
  };

  return {
    baseline: {
      customers: b.customers,
      convertedRate: rate,
      netRevenueMean: revenue.mean,
      netRevenueStandardDeviation: sd,
      newEntrantsPerDay: perDay,
      windowDays: b.windowDays,
    },
    alpha: 0.05,
    power: 0.8,
    smallestArmShare: share,
    durationDays,
    customersPerArm,
    minimumDetectableEffect: mde,
    effect: input.effect ? effectPlan(input, rate, revenue.mean, sd, perDay, share) : null,
  };
};

const effectPlan = (
  input: PowerPlanInput,
  rate: number,
  mean: number,
  sd: number,
  perDay: number,
  share: number,
): NonNullable<PowerPlan['effect']> => {
  const { metric, relative } = input.effect!;
  const absolute = relative * (metric === 'converted' ? rate : mean);
  const needed =
    metric === 'converted'
      ? sampleSizeForProportion({ baselineRate: rate, effect: absolute })
      : sampleSizeForMean({ standardDeviation: sd, effect: absolute });
  const already = Math.floor(input.baseline.customers * share);
  let entryDays: number | null = 0;
  let note = 'the population at start already has enough customers in every arm';
  if (needed > already) {
    if (perDay > 0) {
      entryDays = daysToFill({
        nPerArm: needed - already,
        newExposuresPerDay: perDay,
        weights: input.weights,
      });
      note = `newcomers (${perDay.toFixed(1)} a day) fill the smallest arm in ${entryDays} days`;
    } else {
      entryDays = null;
      note =
        input.entry === 'fixed'
          ? 'a fixed population this size cannot detect this effect; choose a larger population or effect'
          : 'no customers joined in the last horizon, so waiting adds none';
    }
  }
  return {
    metric,
    relative,
    absolute,
    customersPerArm: needed,
    entryDays,
    daysToResult: entryDays === null ? null : entryDays + input.horizonDays,
    note,
  };
};
