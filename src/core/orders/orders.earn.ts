import { proportion } from '../shared/points.js';

import type { ProgrammeSettings } from '../programme/programme.js';

/**
 * Points an order earns under the programme's base rate: whole points per whole currency unit,
 * floored. Orders in another currency earn nothing (no exchange rates are kept).
 */
export const basePointsForAmount = (
  programme: Pick<ProgrammeSettings, 'currency' | 'pointsPerCurrencyUnit'>,
  currency: string,
  amountMinor: number,
  currencyExponent: number,
): number => {
  if (currency !== programme.currency) return 0;
  // In BigInt: a large order times a generous rate can pass 2^53 before the division.
  const points =
    (BigInt(amountMinor) * BigInt(programme.pointsPerCurrencyUnit)) /
    10n ** BigInt(currencyExponent);
  return Number(points);
};

/**
 * Points to take back after a return, so that the total taken back over every return of an order
 * is the order's points times the share of its value returned: cumulative, so rounding never
 * drifts and returning everything takes back exactly what was earned.
 */
export const pointsToReverse = (
  pointsEarned: number,
  orderTotalMinor: number,
  returnedBeforeMinor: number,
  returnedNowMinor: number,
): number => {
  const before = proportion(pointsEarned, returnedBeforeMinor, orderTotalMinor);
  const after = proportion(pointsEarned, returnedBeforeMinor + returnedNowMinor, orderTotalMinor);
  return after - before;
};
