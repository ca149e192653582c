import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile';
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf';
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile';

/**
 * The one place the statistics touch stdlib, so the rest of the module speaks in standard-normal
 * and Student-t terms and a swap of library changes one file.
 */
export const standardNormalCdf = (x: number): number => normalCdfImpl(x, 0, 1);
export const standardNormalQuantile = (p: number): number => normalQuantileImpl(p, 0, 1);
export const studentTCdf = (x: number, df: number): number => tCdfImpl(x, df);
export const studentTQuantile = (p: number, df: number): number => tQuantileImpl(p, df);

/** z such that P(|Z| ≤ z) = confidence. */
export const twoSidedZ = (confidence: number): number =>
  standardNormalQuantile(1 - (1 - confidence) / 2);
