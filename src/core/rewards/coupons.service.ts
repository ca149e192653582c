import { getCustomer } from '../customers/customers.service.js';
import type { CustomerRepository } from '../customers/customers.js';
import type { EventSink } from '../events/events.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import { addDays, type Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { newCouponCode, normaliseCouponCode } from './coupon-code.js';
import { checkCoupon, UNKNOWN_CODE, type CouponCheck } from './coupons.check.js';
import type {
  Basket,
  BatchCounts,
  BatchInputSchema,
  Coupon,
  CouponBatch,
  CouponDraft,
  CouponRedemption,
  CouponRepository,
} from './coupons.js';
import {
  couponBatchNotFound,
  couponNotApplicable,
  couponNotFound,
  currencyNotProgramme,
  redemptionNotFound,
  redemptionReleased,
} from './rewards.errors.js';
import type { Reward } from './rewards.js';
import type { z } from 'zod';

/**
 * Use cases of coupons: promotional batches, and checkout's validate → redeem → release. Each runs
 * in the caller's transaction; redeem and release lock the coupon row first, so concurrent uses
 * of one code queue up and its use count can never pass what it allows.
 */
export interface CouponDeps {
  coupons: CouponRepository;
  customers: CustomerRepository;
  clock: Clock;
  events: EventSink;
  programme: Pick<ProgrammeSettings, 'currency'>;
}

// Drawing an 80-bit code that exists already is next to impossible; failing this often is a bug.
const MAX_CODE_DRAWS = 5;

/** Gives each draft a fresh code and inserts them all; a code that exists already is drawn again. */
export const insertWithCodes = async (
  coupons: CouponRepository,
  drafts: CouponDraft[],
  newCode: () => string = newCouponCode,
): Promise<Coupon[]> => {
  let pending: Coupon[] = drafts.map((d) => ({ ...d, code: newCode() }));
  const inserted: Coupon[] = [];
  for (let draw = 1; pending.length > 0; draw += 1) {
    if (draw > MAX_CODE_DRAWS) throw new Error('could not draw unique coupon codes');
    const skipped = new Set(await coupons.insertMany(pending));
    inserted.push(...pending.filter((c) => !skipped.has(c.id)));
    pending = pending.filter((c) => skipped.has(c.id)).map((c) => ({ ...c, code: newCode() }));
  }
  const order = new Map(drafts.map((d, i) => [d.id, i]));
  return inserted.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
};

const draft = (
  fields: Omit<CouponDraft, 'id' | 'usesCount' | 'status' | 'voidedAt' | 'voidReason'>,
) =>
  ({
    id: newId('coupon'),
    usesCount: 0,
    status: 'active',
    voidedAt: null,
    voidReason: null,
    ...fields,
  }) satisfies CouponDraft;

/** A reward's coupon for a member: valid from now for the reward's coupon validity. */
export const couponForReward = (
  reward: Reward,
  customerId: string,
  now: Date,
  currency: string,
): CouponDraft =>
  draft({
    customerId,
    rewardId: reward.id,
    batchId: null,
    benefit: reward.benefit,
    currency: reward.benefit.kind === 'fixed_discount' ? reward.benefit.currency : currency,
    minBasketMinor: reward.minBasketMinor,
    validFrom: now,
    validUntil: reward.couponValidityDays === null ? null : addDays(now, reward.couponValidityDays),
    usesAllowed: reward.usesPerCoupon,
    createdAt: now,
  });

export const couponForBatch = (
  batch: CouponBatch,
  customerId: string | null,
  now: Date,
): CouponDraft =>
  draft({
    customerId,
    rewardId: null,
    batchId: batch.id,
    benefit: batch.benefit,
    currency: batch.currency,
    minBasketMinor: batch.minBasketMinor,
    validFrom: batch.validFrom,
    validUntil: batch.validUntil,
    usesAllowed: batch.usesPerCode,
    createdAt: now,
  });

export type BatchDefinition = z.output<typeof BatchInputSchema>;

export interface BatchView {
  batch: CouponBatch;
  counts: BatchCounts;
}

/** Creates a batch and its `count` unique codes, all in the caller's transaction. */
export const createBatch = async (deps: CouponDeps, input: BatchDefinition): Promise<BatchView> => {
  const currency = deps.programme.currency;
  const d = input.discount;
  if (d.kind === 'fixed_discount' && d.currency !== undefined && d.currency !== currency) {
    throw currencyNotProgramme(d.currency, currency, 'discount.currency');
  }
  const now = deps.clock.now();
  const batch: CouponBatch = {
    id: newId('couponBatch'),
    name: input.name,
    benefit: d.kind === 'fixed_discount' ? { ...d, currency } : d,
    currency,
    minBasketMinor: input.minBasketMinor,
    validFrom: input.validFrom ? new Date(input.validFrom) : null,
    validUntil: input.validUntil ? new Date(input.validUntil) : null,
    usesPerCode: input.usesPerCode,
    onePerCustomer: input.onePerCustomer,
    createdAt: now,
  };
  await deps.coupons.insertBatch(batch);
  const drafts = Array.from({ length: input.count }, () => couponForBatch(batch, null, now));
  await insertWithCodes(deps.coupons, drafts);
  return { batch, counts: await deps.coupons.batchCounts(batch.id) };
};

export const getBatch = async (deps: Pick<CouponDeps, 'coupons'>, id: string) => {
  const batch = await deps.coupons.findBatch(id);
  if (!batch) throw couponBatchNotFound(id);
  return { batch, counts: await deps.coupons.batchCounts(batch.id) };
};

export const listBatches = async (deps: Pick<CouponDeps, 'coupons'>): Promise<BatchView[]> => {
  const views: BatchView[] = [];
  for (const batch of await deps.coupons.listBatches()) {
    views.push({ batch, counts: await deps.coupons.batchCounts(batch.id) });
  }
  return views;
};

export const batchCodes = async (deps: Pick<CouponDeps, 'coupons'>, id: string) => {
  const { batch } = await getBatch(deps, id);
  return { batch, codes: await deps.coupons.batchCodes(batch.id) };
};

export interface CheckoutInput {
  code: string;
  customerId: string | null;
  basket: Basket;
}

const customerIdOf = async (deps: CouponDeps, id: string | null) =>
  id === null ? null : (await getCustomer(deps, id)).id;

const check = async (
  deps: CouponDeps,
  coupon: Coupon,
  customerId: string | null,
  basket: Basket,
  lock: boolean,
): Promise<CouponCheck> => {
  const batch = coupon.batchId ? await deps.coupons.findBatch(coupon.batchId) : null;
  const onePerCustomer = batch?.onePerCustomer ?? false;
  // Locking a one-per-customer batch serialises its redemptions: two codes, one customer, one wins.
  // The codes are different coupons (on Citus, on different shards): the batch's row, not theirs,
  // is what makes the count below exact.
  if (onePerCustomer && lock) await deps.coupons.findBatch(batch!.id, { lock });
  const customerUsedBatch =
    onePerCustomer && customerId !== null
      ? await deps.coupons.customerUsedBatch(batch!.id, customerId)
      : false;
  return checkCoupon(coupon, {
    now: deps.clock.now(),
    customerId,
    basket,
    onePerCustomer,
    customerUsedBatch,
  });
};

export interface Validation extends CouponCheck {
  coupon: Coupon | null;
  valid: boolean;
}

/** May this code be used on this basket, and for how much; writes nothing. */
export const validateCoupon = async (
  deps: CouponDeps,
  input: CheckoutInput,
): Promise<Validation> => {
  const customerId = await customerIdOf(deps, input.customerId);
  const code = normaliseCouponCode(input.code);
  const coupon = code ? await deps.coupons.findByCode(code) : null;
  if (!coupon) return { coupon: null, valid: false, reasons: [UNKNOWN_CODE], discountMinor: 0 };
  const result = await check(deps, coupon, customerId, input.basket, false);
  return { coupon, valid: result.reasons.length === 0, ...result };
};

export interface RedeemCouponInput extends CheckoutInput {
  orderExternalId: string;
}

/**
 * Uses the coupon on an order. The same code and order again return the first redemption
 * (`created: false`), whatever the basket says now; a code whose uses are taken is a conflict.
 */
export const redeemCoupon = async (
  deps: CouponDeps,
  input: RedeemCouponInput,
): Promise<{ redemption: CouponRedemption; created: boolean }> => {
  const customerId = await customerIdOf(deps, input.customerId);
  const code = normaliseCouponCode(input.code);
  const coupon = code ? await deps.coupons.findByCode(code, { lock: true }) : null;
  if (!coupon) throw couponNotApplicable([UNKNOWN_CODE]);
  const existing = await deps.coupons.findRedemption(coupon.id, input.orderExternalId);
  if (existing?.status === 'released') throw redemptionReleased(input.orderExternalId);
  if (existing) return { redemption: existing, created: false };

  const result = await check(deps, coupon, customerId, input.basket, true);
  if (result.reasons.length > 0) throw couponNotApplicable(result.reasons);
  const now = deps.clock.now();
  const redemption: CouponRedemption = {
    id: newId('couponRedemption'),
    couponId: coupon.id,
    code: coupon.code,
    batchId: coupon.batchId,
    customerId: coupon.customerId ?? customerId,
    orderExternalId: input.orderExternalId,
    discountMinor: result.discountMinor,
    currency: input.basket.currency,
    status: 'redeemed',
    redeemedAt: now,
    releasedAt: null,
  };
  await deps.coupons.insertRedemption(redemption);
  await deps.coupons.addUse(coupon.id, 1);
  deps.events.emit({
    type: 'coupon.redeemed',
    customerId: redemption.customerId,
    occurredAt: now,
    data: {
      couponId: coupon.id,
      orderExternalId: input.orderExternalId,
      discountMinor: redemption.discountMinor,
    },
  });
  return { redemption, created: true };
};

/**
 * The order was cancelled: its redemption is released and the use given back. Releasing again
 * changes nothing (`released: false`).
 */
export const releaseCoupon = async (
  deps: CouponDeps,
  input: { code: string; orderExternalId: string },
): Promise<{ redemption: CouponRedemption; released: boolean }> => {
  const code = normaliseCouponCode(input.code);
  const coupon = code ? await deps.coupons.findByCode(code, { lock: true }) : null;
  if (!coupon) throw couponNotFound();
  const existing = await deps.coupons.findRedemption(coupon.id, input.orderExternalId);
  if (!existing) throw redemptionNotFound(input.orderExternalId);
  if (existing.status === 'released') return { redemption: existing, released: false };
  const now = deps.clock.now();
  await deps.coupons.releaseRedemption(coupon.id, existing.id, now);
  await deps.coupons.addUse(coupon.id, -1);
  deps.events.emit({
    type: 'coupon.released',
    customerId: existing.customerId,
    occurredAt: now,
    data: { couponId: coupon.id, orderExternalId: input.orderExternalId },
  });
  return { redemption: { ...existing, status: 'released', releasedAt: now }, released: true };
};

/** Withdraws a coupon for good (support, fraud); its past redemptions stay. Idempotent. */
export const voidCoupon = async (
  deps: CouponDeps,
  input: { code: string; reason: string },
): Promise<Coupon> => {
  const code = normaliseCouponCode(input.code);
  const coupon = code ? await deps.coupons.findByCode(code, { lock: true }) : null;
  if (!coupon) throw couponNotFound();
  if (coupon.status === 'void') return coupon;
  const now = deps.clock.now();
  await deps.coupons.voidCoupon(coupon.id, now, input.reason);
  return { ...coupon, status: 'void', voidedAt: now, voidReason: input.reason };
};

export const customerCoupons = async (deps: CouponDeps, customerId: string): Promise<Coupon[]> =>
  deps.coupons.listForCustomer((await getCustomer(deps, customerId)).id);
