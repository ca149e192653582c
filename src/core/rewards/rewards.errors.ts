import { DomainError, type FieldIssue } from '../shared/errors.js';
import type { CouponReason } from './coupons.check.js';
import type { IneligibleReason } from './rewards.eligibility.js';

export const rewardNotFound = (id: string, path = 'id') =>
  new DomainError('not_found', 'reward_not_found', `No reward ${id}`, { rewardId: id }, [
    { path, message: `no reward ${id}` },
  ]);

export const rewardArchived = (id: string) =>
  new DomainError('conflict', 'reward_archived', `Reward ${id} is archived`, { rewardId: id });

export const invalidReward = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'invalid_reward',
    `The reward is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    {},
    issues,
  );

export const currencyNotProgramme = (given: string, programme: string, path: string) =>
  new DomainError(
    'invalid',
    'currency_mismatch',
    `Discounts are in the programme currency ${programme}, not ${given}`,
    { currency: given },
    [{ path, message: `must be the programme currency ${programme}` }],
  );

/**
 * The codes of a refused redemption. State that may change (the balance, stock, limits) is a
 * conflict (409; insufficient_points comes from the ledger, which checks the balance); a reward
 * not offered to this member, or not now, is unprocessable (422). Codes are stable: clients
 * translate them.
 */
export const REDEMPTION_CONFLICT_CODES = [
  'insufficient_points',
  'out_of_stock',
  'reward_limit_reached',
] as const;
export const REDEMPTION_INVALID_CODES = [
  'tier_required',
  'reward_not_available',
  'reward_not_offered',
] as const;
export type RedemptionRefusalCode =
  (typeof REDEMPTION_CONFLICT_CODES)[number] | (typeof REDEMPTION_INVALID_CODES)[number];

const refusalCodeOf = (reason: IneligibleReason): RedemptionRefusalCode =>
  reason.code === 'not_yet_valid' || reason.code === 'expired'
    ? 'reward_not_available'
    : reason.code;

export const rewardRefused = (rewardId: string, reason: IneligibleReason) => {
  const code = refusalCodeOf(reason);
  const conflict = (REDEMPTION_CONFLICT_CODES as readonly string[]).includes(code);
  return new DomainError(
    conflict ? 'conflict' : 'invalid',
    code,
    `Reward ${rewardId} cannot be redeemed: ${reason.message}`,
    { rewardId, reason: reason.code },
    [{ path: 'rewardId', message: reason.message }],
  );
};

export const rewardKeyReused = (key: string) =>
  new DomainError(
    'conflict',
    'idempotency_key_reused',
    `Idempotency key ${key} was already used to redeem another reward or for another customer`,
    { idempotencyKey: key },
    [{ path: 'header.Idempotency-Key', message: 'already used for a different redemption' }],
  );

export const couponBatchNotFound = (id: string) =>
  new DomainError('not_found', 'coupon_batch_not_found', `No coupon batch ${id}`, { batchId: id }, [
    { path: 'id', message: `no coupon batch ${id}` },
  ]);

export const couponNotFound = () =>
  new DomainError('not_found', 'coupon_not_found', 'No coupon has this code', {}, [
    { path: 'code', message: 'no coupon has this code' },
  ]);

/**
 * A coupon that cannot be used on this order. The code is the first reason's (`coupon_expired`,
 * `coupon_used_up` …); every reason is listed in `errors` with the field it concerns. A used-up
 * code is a conflict (409: another order took it), the rest are unprocessable (422).
 */
export const couponNotApplicable = (reasons: CouponReason[]) => {
  const first = reasons[0]!;
  return new DomainError(
    first.code === 'used_up' ? 'conflict' : 'invalid',
    `coupon_${first.code}`,
    `The coupon cannot be used: ${reasons.map((r) => `${r.code} (${r.message})`).join('; ')}`,
    { reasons: reasons.map((r) => r.code) },
    reasons.map((r) => ({ path: r.path, message: `${r.code}: ${r.message}` })),
  );
};

export const redemptionNotFound = (orderExternalId: string) =>
  new DomainError(
    'not_found',
    'coupon_redemption_not_found',
    `The coupon was not redeemed for order ${orderExternalId}`,
    { orderExternalId },
    [{ path: 'orderExternalId', message: 'no redemption of this code for this order' }],
  );

export const redemptionReleased = (orderExternalId: string) =>
  new DomainError(
    'conflict',
    'coupon_redemption_released',
    `The coupon's redemption for order ${orderExternalId} was released; redeem it for a new order id`,
    { orderExternalId },
    [{ path: 'orderExternalId', message: 'this order released the coupon' }],
  );
