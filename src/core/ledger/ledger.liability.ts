import type { ProgrammeSettings } from '../programme/programme.js';
import { SYSTEM_ACCOUNTS, type LedgerRepository } from './ledger.js';

export interface LiabilityReport {
  currency: string;
  outstandingPoints: number;
  pendingPoints: number;
  pointValueMilliMinor: number;
  /** What the outstanding points are worth, in minor units of the programme currency, floored. */
  liabilityMinor: number;
  /** Same for pending points: a liability once their return windows close. */
  pendingLiabilityMinor: number;
  totals: { issued: number; redeemed: number; expired: number; adjusted: number };
}

const worth = (points: number, milliMinor: number) =>
  Number((BigInt(points) * BigInt(milliMinor)) / 1000n);

/**
 * The programme's outstanding points and what they are worth. Double entry makes it checkable:
 * what was issued (net of returns) plus adjustments equals what is outstanding, pending, spent
 * and expired.
 */
export const liabilityReport = async (
  deps: { ledger: LedgerRepository },
  programme: Pick<ProgrammeSettings, 'currency' | 'pointValueMilliMinor'>,
): Promise<LiabilityReport> => {
  const totals = await deps.ledger.totals();
  const balance = (id: keyof typeof SYSTEM_ACCOUNTS) => totals.systemBalances[SYSTEM_ACCOUNTS[id]];
  return {
    currency: programme.currency,
    outstandingPoints: totals.memberPoints,
    pendingPoints: totals.memberPending,
    pointValueMilliMinor: programme.pointValueMilliMinor,
    liabilityMinor: worth(totals.memberPoints, programme.pointValueMilliMinor),
    pendingLiabilityMinor: worth(totals.memberPending, programme.pointValueMilliMinor),
    totals: {
      issued: -balance('issued'),
      redeemed: balance('redeemed'),
      expired: balance('expired'),
      adjusted: -balance('adjusted'),
    },
  };
};
