import { invalidStatisticInput } from './experiments.errors.js';
import type { Interval } from './interval.js';

export interface IncrementalTotal {
  total: number;
  interval: Interval;
}

/**
 * What the treatment added over a population: the per-customer difference times the number of
 * treated customers. The count is fixed, not estimated, so the interval scales by the same
 * factor and keeps its coverage. Units are the difference's (e.g. minor units of revenue);
 * rounding for display is the caller's.
 */
export const incrementalTotal = (
  perCustomer: { difference: number; interval: Interval },
  treatedCustomers: number,
): IncrementalTotal => {
  if (!Number.isInteger(treatedCustomers) || treatedCustomers < 0) {
    throw invalidStatisticInput('treatedCustomers', 'must be a whole number of at least 0');
  }
  return {
    total: perCustomer.difference * treatedCustomers,
    interval: {
      lower: perCustomer.interval.lower * treatedCustomers,
      upper: perCustomer.interval.upper * treatedCustomers,
    },
  };
};
