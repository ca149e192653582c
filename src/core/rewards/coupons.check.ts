import type { Basket, Coupon } from './coupons.js';

/**
 * Checkout's questions about a coupon and a basket, answered without touching anything: may it be
 * used, and how much does it take off. Every reason is reported, not only the first, with the
 * request field it concerns. Money is integer minor units; a percentage is rounded down.
 */
export type CouponReasonCode =
  | 'unknown_code'
  | 'void'
  | 'not_yet_valid'
  | 'expired'
  | 'used_up'
  | 'customer_required'
  | 'bound_to_another_customer'
  | 'already_used_by_customer'
  | 'currency_mismatch'
  | 'below_minimum_basket'
  | 'product_not_in_basket';

export interface CouponReason {
  code: CouponReasonCode;
  message: string;
  /** The request field at fault. */
  path: string;
}

export interface CheckoutContext {
  now: Date;
  customerId: string | null;
  basket: Basket;
  /** The customer already has a redemption in force of another code of a one-per-customer batch. */
  customerUsedBatch: boolean;
  /** The batch allows one code per customer (known only for batch codes). */
  onePerCustomer: boolean;
}

export interface CouponCheck {
  reasons: CouponReason[];
  /** What the coupon takes off this basket when it may be used; 0 otherwise. */
  discountMinor: number;
}

export const UNKNOWN_CODE: CouponReason = {
  code: 'unknown_code',
  message: 'no coupon has this code',
  path: 'code',
};

export const basketTotalMinor = (basket: Basket): number =>
  basket.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);

/** The cheapest unit of `sku` in the basket, or null when it is not there. */
const unitPriceOf = (basket: Basket, sku: string): number | null => {
  const prices = basket.lines.filter((l) => l.sku === sku).map((l) => l.unitPriceMinor);
  return prices.length > 0 ? Math.min(...prices) : null;
};

/** What the coupon's benefit takes off the basket, never more than the basket. */
export const discountFor = (coupon: Coupon, basket: Basket): number => {
  const total = basketTotalMinor(basket);
  const b = coupon.benefit;
  switch (b.kind) {
    case 'percent_discount':
      return Number((BigInt(total) * BigInt(b.value)) / 100n);
    case 'fixed_discount':
      return Math.min(b.valueMinor, total);
    case 'free_product':
    case 'sample':
      return unitPriceOf(basket, b.sku) ?? 0;
    case 'gift':
      return 0;
  }
};

/** Money is involved: a discount off the basket or a minimum it must reach. */
const concernsMoney = (coupon: Coupon) =>
  coupon.minBasketMinor !== null ||
  (coupon.benefit.kind !== 'gift' && coupon.benefit.kind !== 'sample');

const customerReasons = (coupon: Coupon, ctx: CheckoutContext): CouponReason[] => {
  const needsCustomer = coupon.customerId !== null || ctx.onePerCustomer;
  if (needsCustomer && ctx.customerId === null) {
    return [
      {
        code: 'customer_required',
        message: 'this code needs the customer: send customerId',
        path: 'customerId',
      },
    ];
  }
  if (coupon.customerId !== null && coupon.customerId !== ctx.customerId) {
    return [
      {
        code: 'bound_to_another_customer',
        message: 'this code belongs to another customer',
        path: 'customerId',
      },
    ];
  }
  if (ctx.onePerCustomer && ctx.customerUsedBatch) {
    return [
      {
        code: 'already_used_by_customer',
        message: 'the customer already used a code of this promotion (one per customer)',
        path: 'customerId',
      },
    ];
  }
  return [];
};

const basketReasons = (coupon: Coupon, basket: Basket): CouponReason[] => {
  if (concernsMoney(coupon) && basket.currency !== coupon.currency) {
    return [
      {
        code: 'currency_mismatch',
        message: `the coupon is in ${coupon.currency}, the basket in ${basket.currency}`,
        path: 'basket.currency',
      },
    ];
  }
  const reasons: CouponReason[] = [];
  const total = basketTotalMinor(basket);
  if (coupon.minBasketMinor !== null && total < coupon.minBasketMinor) {
    reasons.push({
      code: 'below_minimum_basket',
      message: `the basket is ${total}, the minimum ${coupon.minBasketMinor} (minor units)`,
      path: 'basket.lines',
    });
  }
  if (coupon.benefit.kind === 'free_product' && unitPriceOf(basket, coupon.benefit.sku) === null) {
    reasons.push({
      code: 'product_not_in_basket',
      message: `the free product ${coupon.benefit.sku} is not in the basket`,
      path: 'basket.lines',
    });
  }
  return reasons;
};

export const checkCoupon = (coupon: Coupon, ctx: CheckoutContext): CouponCheck => {
  const reasons: CouponReason[] = [];
  if (coupon.status === 'void') {
    reasons.push({
      code: 'void',
      message: `the coupon was voided${coupon.voidReason ? `: ${coupon.voidReason}` : ''}`,
      path: 'code',
    });
  }
  if (coupon.validFrom && ctx.now < coupon.validFrom) {
    reasons.push({
      code: 'not_yet_valid',
      message: `valid from ${coupon.validFrom.toISOString()}`,
      path: 'code',
    });
  }
  if (coupon.validUntil && ctx.now >= coupon.validUntil) {
    reasons.push({
      code: 'expired',
      message: `expired at ${coupon.validUntil.toISOString()}`,
      path: 'code',
    });
  }
  if (coupon.usesCount >= coupon.usesAllowed) {
    reasons.push({
      code: 'used_up',
      message: `all ${coupon.usesAllowed} uses are taken`,
      path: 'code',
    });
  }
  reasons.push(...customerReasons(coupon, ctx), ...basketReasons(coupon, ctx.basket));
  return { reasons, discountMinor: reasons.length > 0 ? 0 : discountFor(coupon, ctx.basket) };
};
