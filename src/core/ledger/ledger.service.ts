import type { Clock } from '../shared/clock.js';
import { addDays } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { idempotencyMismatch, insufficientPoints } from './ledger.errors.js';
import {
  SYSTEM_ACCOUNTS,
  pendingAccountOf,
  pointsAccountOf,
  type EntryCode,
  type EntryPage,
  type LedgerEntry,
  type LedgerRepository,
  type NewLedgerEntry,
  type PointsSummary,
} from './ledger.js';
import { dueSettlements, planConsumption, sortLotsForConsumption } from './ledger.plan.js';

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

const entry = (
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

const creditPoints = async (
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
  const existing = input.orderIsNew ? null : await deps.ledger.findEntryByKey(key);
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
  const orderLots = await orderLotIds(deps, input.orderId, lots);
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
  orderId: string,
  lots: Awaited<ReturnType<LedgerRepository['openLots']>>,
): Promise<Set<string>> => {
  const entryIds = new Set<string>();
  for (const key of [`earn:${orderId}`]) {
    const earned = await deps.ledger.findEntryByKey(key);
    if (earned) {
      entryIds.add(earned.id);
      const posted = await deps.ledger.findEntryByKey(`post:${earned.id}`);
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
  const existing = await deps.ledger.findEntryByKey(key);
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
  const award = await deps.ledger.findEntryByKey(`award:${input.awardKey}`);
  if (!award) return { reversed: 0, unrecovered: 0 };
  const key = `reverse:award:${input.awardKey}`;
  const done = await deps.ledger.findEntryByKey(key);
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
  const existing = await deps.ledger.findEntryByKey(key);
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
  const existing = await deps.ledger.findEntryByKey(key);
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
