import type { EntryPage, PointsSummary } from './ledger.js';
import { sortLotsForConsumption } from './ledger.plan.js';
import type { ExpiryPolicy, LedgerDeps } from './ledger.posting.js';
import { settleMember } from './ledger.settle.js';

// The ledger's use cases: settling, earning and spending have their own files; the reads are here.
export { adjustPoints, redeemPoints, type AdjustInput, type DebitInput } from './ledger.spend.js';
export {
  creditAward,
  earnForOrder,
  reverseAward,
  reverseForReturn,
  type AwardInput,
  type EarnInput,
  type ReverseInput,
  type ReverseResult,
} from './ledger.earn.js';
export type { ExpiryPolicy, LedgerDeps } from './ledger.posting.js';
export { settleMember } from './ledger.settle.js';

export const getPointsSummary = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  customerId: string,
): Promise<PointsSummary> => {
  const balances = await deps.ledger.lockMember(customerId);
  const settled = await settleMember(deps, policy, customerId);
  const { points, pending } = settled > 0 ? await deps.ledger.lockMember(customerId) : balances;
  const lots = sortLotsForConsumption(await deps.ledger.openLots(customerId)).filter(
    (l) => l.expiresAt,
  );
  const firstLot = lots[0];
  const nextExpiring = firstLot?.expiresAt
    ? {
        expiresAt: firstLot.expiresAt,
        points: lots
          .filter((l) => l.expiresAt?.getTime() === firstLot.expiresAt?.getTime())
          .reduce((sum, l) => sum + l.remaining, 0),
      }
    : null;
  const pendings = (await deps.ledger.openPendings(customerId)).sort(
    (a, b) => a.releaseAt.getTime() - b.releaseAt.getTime(),
  );
  const firstPending = pendings[0];
  const totals = await deps.ledger.lifetimeTotals(customerId);
  return {
    customerId,
    balance: points,
    pending,
    nextPendingRelease: firstPending
      ? { points: firstPending.remaining, releaseAt: firstPending.releaseAt }
      : null,
    nextExpiring,
    lifetime: {
      earned: totals['earn.order'] + totals['pending.post'] + totals['earn.award'],
      redeemed: totals.redeem,
      expired: totals.expire,
      adjusted: totals['adjust.credit'] - totals['adjust.debit'],
      reversed: totals['reverse.return'] + totals['reverse.award'],
    },
  };
};

export const listLedgerEntries = (
  deps: Pick<LedgerDeps, 'ledger'>,
  customerId: string,
  limit: number,
  cursor: string | null,
): Promise<EntryPage> => deps.ledger.listEntries(customerId, limit, cursor);
