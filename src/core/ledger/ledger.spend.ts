import { idempotencyMismatch, insufficientPoints } from './ledger.errors.js';
import { SYSTEM_ACCOUNTS, pointsAccountOf, type EntryCode, type LedgerEntry } from './ledger.js';
import { planConsumption } from './ledger.plan.js';
import { creditPoints, entry, type ExpiryPolicy, type LedgerDeps } from './ledger.posting.js';
import { settleMember } from './ledger.settle.js';

/** Spending: redemptions and manual adjustments, oldest-expiring lots first, never overdrawn. */

export interface DebitInput {
  customerId: string;
  points: number;
  idempotencyKey: string;
  reason?: string | null;
  actor?: string | null;
}

const replayOrMismatch = (existing: LedgerEntry, input: DebitInput, code: EntryCode) => {
  if (
    existing.customerId !== input.customerId ||
    existing.points !== input.points ||
    existing.code !== code
  ) {
    throw idempotencyMismatch(input.idempotencyKey);
  }
  return existing;
};

/** Spends points, oldest-expiring lots first. Never overdraws: the account lock serialises spenders. */
export const redeemPoints = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  input: DebitInput,
): Promise<LedgerEntry> => debit(deps, policy, input, 'redeem', SYSTEM_ACCOUNTS.redeemed);

const debit = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  input: DebitInput,
  code: 'redeem' | 'adjust.debit',
  creditAccount: string,
): Promise<LedgerEntry> => {
  await deps.ledger.lockMember(input.customerId);
  const key = `${code}:${input.idempotencyKey}`;
  const existing = await deps.ledger.findEntryByKey(input.customerId, key);
  if (existing) return replayOrMismatch(existing, input, code);
  await settleMember(deps, policy, input.customerId);
  const lots = await deps.ledger.openLots(input.customerId);
  const plan = planConsumption(lots, input.points);
  if (!plan) {
    const available = lots.reduce((sum, lot) => sum + lot.remaining, 0);
    throw insufficientPoints(input.customerId, input.points, available);
  }
  const now = deps.clock.now();
  const spent = entry({
    customerId: input.customerId,
    debitAccount: pointsAccountOf(input.customerId),
    creditAccount,
    points: input.points,
    code,
    idempotencyKey: key,
    reason: input.reason ?? null,
    actor: input.actor ?? null,
    effectiveAt: now,
  });
  await deps.ledger.appendEntry(spent);
  await deps.ledger.appendConsumptions(input.customerId, spent.id, plan);
  return { ...spent, createdAt: now };
};

export interface AdjustInput extends Omit<DebitInput, 'points'> {
  /** Signed: positive credits the member, negative debits. */
  points: number;
  reason: string;
  actor: string;
}

/** A manual correction by a person, always with a reason and the actor recorded. */
export const adjustPoints = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  input: AdjustInput,
): Promise<LedgerEntry> => {
  if (input.points < 0) {
    return debit(
      deps,
      policy,
      { ...input, points: -input.points },
      'adjust.debit',
      SYSTEM_ACCOUNTS.adjusted,
    );
  }
  await deps.ledger.lockMember(input.customerId);
  const key = `adjust.credit:${input.idempotencyKey}`;
  const existing = await deps.ledger.findEntryByKey(input.customerId, key);
  if (existing) return replayOrMismatch(existing, input, 'adjust.credit');
  await settleMember(deps, policy, input.customerId);
  const now = deps.clock.now();
  const credited = entry({
    customerId: input.customerId,
    debitAccount: SYSTEM_ACCOUNTS.adjusted,
    creditAccount: pointsAccountOf(input.customerId),
    points: input.points,
    code: 'adjust.credit',
    idempotencyKey: key,
    reason: input.reason,
    actor: input.actor,
    effectiveAt: now,
  });
  await creditPoints(deps, policy, credited);
  return { ...credited, createdAt: now };
};
