import { addDays } from '../shared/clock.js';
import {
  SYSTEM_ACCOUNTS,
  pendingAccountOf,
  pointsAccountOf,
  type LedgerEntry,
  type LedgerRepository,
} from './ledger.js';
import { planConsumption } from './ledger.plan.js';
import { creditPoints, entry, type ExpiryPolicy, type LedgerDeps } from './ledger.posting.js';
import { settleMember } from './ledger.settle.js';

/** Earning: points for an order (pending first when there is a return window), for a rule’s award, and their reversal. */

export interface EarnInput {
  customerId: string;
  orderId: string;
  points: number;
  placedAt: Date;
  returnWindowDays: number;
  /**
   * True when the caller has just inserted the order in this transaction: no earn entry can exist
   * for it yet, so the lookup of the earn key is skipped (its unique index still guards it).
   */
  orderIsNew?: boolean;
}

/**
 * Records the points an order earned: pending until the return window ends, or posted at once.
 * It does not settle the member's other due points: every read, spend and the settle job do that
 * first, and here it cost two aggregates over the member's whole history on every order.
 */
export const earnForOrder = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  input: EarnInput,
): Promise<LedgerEntry | null> => {
  if (input.points <= 0) return null;
  await deps.ledger.lockMember(input.customerId);
  const key = `earn:${input.orderId}`;
  const existing = input.orderIsNew
    ? null
    : await deps.ledger.findEntryByKey(input.customerId, key);
  if (existing) return existing;
  const now = deps.clock.now();
  const releaseAt = addDays(input.placedAt, input.returnWindowDays);
  const pending = releaseAt.getTime() > now.getTime();
  const earned = entry({
    customerId: input.customerId,
    debitAccount: SYSTEM_ACCOUNTS.issued,
    creditAccount: pending ? pendingAccountOf(input.customerId) : pointsAccountOf(input.customerId),
    points: input.points,
    code: pending ? 'earn.order.pending' : 'earn.order',
    idempotencyKey: key,
    orderId: input.orderId,
    releaseAt: pending ? releaseAt : null,
    effectiveAt: pending ? now : releaseAt,
  });
  if (pending) await deps.ledger.appendEntry(earned);
  else await creditPoints(deps, policy, earned);
  return { ...earned, createdAt: now };
};

export interface ReverseInput {
  customerId: string;
  orderId: string;
  returnId: string;
  points: number;
}

export interface ReverseResult {
  voidedPending: number;
  reversedPosted: number;
  /** Points that could not be taken back because the customer had already spent them. */
  unrecovered: number;
}

/**
 * Takes back points for a return: first from the order's points still pending, then from the
 * posted balance (the order's own lot first). The balance never goes below zero; what cannot be
 * recovered is reported, not hidden.
 */
export const reverseForReturn = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  input: ReverseInput,
): Promise<ReverseResult> => {
  const result: ReverseResult = { voidedPending: 0, reversedPosted: 0, unrecovered: 0 };
  if (input.points <= 0) return result;
  await deps.ledger.lockMember(input.customerId);
  await settleMember(deps, policy, input.customerId);
  const now = deps.clock.now();
  let left = input.points;

  const pending = (await deps.ledger.openPendings(input.customerId)).find(
    (p) => p.orderId === input.orderId && p.remaining > 0,
  );
  if (pending) {
    const voided = Math.min(pending.remaining, left);
    await deps.ledger.appendEntry(
      entry({
        customerId: input.customerId,
        debitAccount: pendingAccountOf(input.customerId),
        creditAccount: SYSTEM_ACCOUNTS.issued,
        points: voided,
        code: 'pending.void',
        idempotencyKey: `void:${input.returnId}`,
        orderId: input.orderId,
        returnId: input.returnId,
        pendingEntryId: pending.entryId,
        effectiveAt: now,
      }),
    );
    result.voidedPending = voided;
    left -= voided;
  }
  if (left === 0) return result;

  const lots = await deps.ledger.openLots(input.customerId);
  const available = lots.reduce((sum, lot) => sum + lot.remaining, 0);
  const take = Math.min(available, left);
  result.unrecovered = left - take;
  if (take === 0) return result;
  const orderLots = await orderLotIds(deps, input.customerId, input.orderId, lots);
  const plan = planConsumption(lots, take, orderLots);
  if (!plan) throw new Error('lot plan failed for an amount within the balance');
  const reversal = entry({
    customerId: input.customerId,
    debitAccount: pointsAccountOf(input.customerId),
    creditAccount: SYSTEM_ACCOUNTS.issued,
    points: take,
    code: 'reverse.return',
    idempotencyKey: `reverse:${input.returnId}`,
    orderId: input.orderId,
    returnId: input.returnId,
    effectiveAt: now,
  });
  await deps.ledger.appendEntry(reversal);
  await deps.ledger.appendConsumptions(input.customerId, reversal.id, plan);
  result.reversedPosted = take;
  return result;
};

const orderLotIds = async (
  deps: LedgerDeps,
  customerId: string,
  orderId: string,
  lots: Awaited<ReturnType<LedgerRepository['openLots']>>,
): Promise<Set<string>> => {
  const entryIds = new Set<string>();
  for (const key of [`earn:${orderId}`]) {
    const earned = await deps.ledger.findEntryByKey(customerId, key);
    if (earned) {
      entryIds.add(earned.id);
      const posted = await deps.ledger.findEntryByKey(customerId, `post:${earned.id}`);
      if (posted) entryIds.add(posted.id);
    }
  }
  return new Set(lots.filter((lot) => entryIds.has(lot.entryId)).map((lot) => lot.id));
};

export interface AwardInput {
  customerId: string;
  points: number;
  /** Deterministic (`activity:<id>`, `referral:<id>:referrer`): a second award is a no-op. */
  idempotencyKey: string;
  reason: string;
  orderId?: string | null;
}

/** Credits points for something other than an order's value (a rule's award): posted at once. */
export const creditAward = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  input: AwardInput,
): Promise<{ entry: LedgerEntry; created: boolean } | null> => {
  if (input.points <= 0) return null;
  await deps.ledger.lockMember(input.customerId);
  const key = `award:${input.idempotencyKey}`;
  const existing = await deps.ledger.findEntryByKey(input.customerId, key);
  if (existing) return { entry: existing, created: false };
  const now = deps.clock.now();
  const credited = entry({
    customerId: input.customerId,
    debitAccount: SYSTEM_ACCOUNTS.issued,
    creditAccount: pointsAccountOf(input.customerId),
    points: input.points,
    code: 'earn.award',
    idempotencyKey: key,
    orderId: input.orderId ?? null,
    reason: input.reason,
    effectiveAt: now,
  });
  await creditPoints(deps, policy, credited);
  return { entry: { ...credited, createdAt: now }, created: true };
};

/**
 * Takes back an award made by `creditAward` under `awardKey`: from its own lot first, then the
 * balance, never below zero; what the member already spent is reported as unrecovered.
 */
export const reverseAward = async (
  deps: LedgerDeps,
  policy: ExpiryPolicy,
  input: { customerId: string; awardKey: string; reason: string },
): Promise<{ reversed: number; unrecovered: number }> => {
  await deps.ledger.lockMember(input.customerId);
  const award = await deps.ledger.findEntryByKey(input.customerId, `award:${input.awardKey}`);
  if (!award) return { reversed: 0, unrecovered: 0 };
  const key = `reverse:award:${input.awardKey}`;
  const done = await deps.ledger.findEntryByKey(input.customerId, key);
  if (done) return { reversed: done.points, unrecovered: award.points - done.points };
  await settleMember(deps, policy, input.customerId);
  const lots = await deps.ledger.openLots(input.customerId);
  const available = lots.reduce((sum, lot) => sum + lot.remaining, 0);
  const take = Math.min(available, award.points);
  if (take === 0) return { reversed: 0, unrecovered: award.points };
  const own = new Set(lots.filter((l) => l.entryId === award.id).map((l) => l.id));
  const plan = planConsumption(lots, take, own);
  if (!plan) throw new Error('lot plan failed for an amount within the balance');
  const reversal = entry({
    customerId: input.customerId,
    debitAccount: pointsAccountOf(input.customerId),
    creditAccount: SYSTEM_ACCOUNTS.issued,
    points: take,
    code: 'reverse.award',
    idempotencyKey: key,
    orderId: award.orderId,
    reason: input.reason,
    effectiveAt: deps.clock.now(),
  });
  await deps.ledger.appendEntry(reversal);
  await deps.ledger.appendConsumptions(input.customerId, reversal.id, plan);
  return { reversed: take, unrecovered: award.points - take };
};
