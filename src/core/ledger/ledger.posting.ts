import type { Clock } from '../shared/clock.js';
import { addDays } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { LedgerRepository, NewLedgerEntry } from './ledger.js';

/**
 * Use cases of the ledger. Every function that moves points expects to run inside a transaction
 * (the repository it is given is bound to one) and starts by locking the member's accounts, so
 * concurrent writers for one customer queue up and can never overspend.
 */
export interface LedgerDeps {
  ledger: LedgerRepository;
  clock: Clock;
}

export interface ExpiryPolicy {
  expiryDays: number | null;
}

export const entry = (
  fields: Partial<NewLedgerEntry> &
    Pick<
      NewLedgerEntry,
      | 'customerId'
      | 'debitAccount'
      | 'creditAccount'
      | 'points'
      | 'code'
      | 'idempotencyKey'
      | 'effectiveAt'
    >,
): NewLedgerEntry => ({
  id: newId('entry'),
  orderId: null,
  returnId: null,
  pendingEntryId: null,
  releaseAt: null,
  reason: null,
  actor: null,
  ...fields,
});

export const creditPoints = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  newEntry: NewLedgerEntry,
): Promise<void> => {
  await deps.ledger.appendEntry(newEntry);
  await deps.ledger.appendLot({
    id: newId('lot'),
    customerId: newEntry.customerId,
    entryId: newEntry.id,
    points: newEntry.points,
    expiresAt: policy.expiryDays === null ? null : addDays(newEntry.effectiveAt, policy.expiryDays),
    createdAt: newEntry.effectiveAt,
  });
};
