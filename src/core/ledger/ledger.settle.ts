import { SYSTEM_ACCOUNTS, pendingAccountOf, pointsAccountOf } from './ledger.js';
import { dueSettlements } from './ledger.plan.js';
import { creditPoints, entry, type ExpiryPolicy, type LedgerDeps } from './ledger.posting.js';

/**
 * Posts every pending entry whose return window has ended and expires every lot past its expiry,
 * each at the instant it fell due. Deterministic idempotency keys make a second run a no-op.
 */
export const settleMember = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  customerId: string,
): Promise<number> => {
  const now = deps.clock.now();
  let applied = 0;
  for (;;) {
    const due = dueSettlements(
      await deps.ledger.openPendings(customerId),
      await deps.ledger.openLots(customerId),
      now,
    );
    if (due.length === 0) return applied;
    for (const item of due) {
      if (item.kind === 'post') {
        await creditPoints(
          deps,
          policy,
          entry({
            customerId,
            debitAccount: pendingAccountOf(customerId),
            creditAccount: pointsAccountOf(customerId),
            points: item.pending.remaining,
            code: 'pending.post',
            idempotencyKey: `post:${item.pending.entryId}`,
            orderId: item.pending.orderId,
            pendingEntryId: item.pending.entryId,
            effectiveAt: item.at,
          }),
        );
      } else {
        const lot = (await deps.ledger.openLots(customerId)).find((l) => l.id === item.lotId);
        if (!lot || lot.remaining === 0) continue;
        const expiry = entry({
          customerId,
          debitAccount: pointsAccountOf(customerId),
          creditAccount: SYSTEM_ACCOUNTS.expired,
          points: lot.remaining,
          code: 'expire',
          idempotencyKey: `expire:${lot.id}`,
          effectiveAt: item.at,
        });
        await deps.ledger.appendEntry(expiry);
        await deps.ledger.appendConsumptions(customerId, expiry.id, [
          { lotId: lot.id, points: lot.remaining },
        ]);
      }
      applied += 1;
    }
  }
};
