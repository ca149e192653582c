import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COUPON_CODE_ALPHABET,
  COUPON_CODE_PATTERN,
  encodeCouponCode,
  newCouponCode,
  normaliseCouponCode,
} from './coupon-code.js';
import { checkCoupon, discountFor, type CheckoutContext } from './coupons.check.js';
import type { Basket, Coupon } from './coupons.js';
import { rewardEligibility, type MemberStanding } from './rewards.eligibility.js';
import { RewardInputSchema, type Reward } from './rewards.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describe('coupon codes', () => {
  it('encode 80 bits as four groups of Crockford base32', () => {
    expect(encodeCouponCode(new Uint8Array(10))).toBe('0000-0000-0000-0000');
    expect(encodeCouponCode(new Uint8Array(10).fill(255))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(encodeCouponCode(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 33]))).toBe(
      '0000-0000-0000-0011',
    );
    expect(() => encodeCouponCode(new Uint8Array(9))).toThrow();
    expect(COUPON_CODE_ALPHABET).not.toMatch(/[ILOU]/);
  });

  it('are drawn at random: 10,000 draws, no repeat, every character used', () => {
    const codes = Array.from({ length: 10_000 }, () => newCouponCode());
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes.slice(0, 100)) expect(code).toMatch(COUPON_CODE_PATTERN);
    const seen = new Set(codes.join('').replace(/-/g, ''));
    expect(seen.size).toBe(32);
  });

  it('read back however they are typed, and refuse what cannot be a code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = encodeCouponCode(bytes);
        const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
        expect(normaliseCouponCode(typed)).toBe(code);
        expect(normaliseCouponCode(code.replace(/-/g, ''))).toBe(code);
      }),
    );
    expect(normaliseCouponCode('SUMMER10')).toBeNull();
    expect(normaliseCouponCode('UUUU-UUUU-UUUU-UUUU')).toBeNull();
    expect(normaliseCouponCode('0000-0000-0000-00000')).toBeNull();
  });
});

const reward = (fields: Partial<Reward> = {}): Reward => ({
  id: 'rwd_1',
  name: 'Ten off',
  description: null,
  benefit: { kind: 'percent_discount', value: 10 },
  pointsCost: 100,
  stock: null,
  perMemberLimit: null,
  validFrom: null,
  validUntil: null,
  tierCodes: null,
  couponValidityDays: null,
  usesPerCoupon: 1,
  minBasketMinor: null,
  active: true,
  translations: {},
  archivedAt: null,
  issuedCount: 0,
  createdAt: NOW,
  updatedAt: NOW,
  ...fields,
});

describe('reward eligibility', () => {
  const standing: MemberStanding = { balance: 100, tierCode: null, redeemed: 0 };
  const codes = (r: Reward, s = standing) => rewardEligibility(r, s, NOW).map((x) => x.code);

  it('is eligible with enough points and nothing in the way', () => {
    expect(rewardEligibility(reward(), standing, NOW)).toEqual([]);
  });

  it('gives every reason, with the points missing and the tiers required', () => {
    const all = rewardEligibility(
      reward({
        active: false,
        validFrom: new Date('2026-07-01T00:00:00Z'),
        tierCodes: ['gold'],
        perMemberLimit: 1,
        stock: 0,
        pointsCost: 250,
      }),
      { balance: 100, tierCode: 'silver', redeemed: 1 },
      NOW,
    );
    expect(all.map((r) => r.code)).toEqual([
      'reward_not_available',
      'not_yet_valid',
      'tier_required',
      'reward_limit_reached',
      'out_of_stock',
      'insufficient_points',
    ]);
    expect(all.find((r) => r.code === 'insufficient_points')?.pointsMissing).toBe(150);
    expect(all.find((r) => r.code === 'tier_required')?.tierCodes).toEqual(['gold']);
  });

  it('ends at validUntil, exclusive', () => {
    expect(codes(reward({ validUntil: NOW }))).toEqual(['expired']);
    expect(codes(reward({ validFrom: NOW }))).toEqual([]);
  });

  it('leaves the points to the ledger when the balance is not given', () => {
    expect(codes(reward({ pointsCost: 10_000 }), { ...standing, balance: null })).toEqual([]);
  });

  it('a member of a listed tier may redeem', () => {
    expect(codes(reward({ tierCodes: ['gold', 'vip'] }), { ...standing, tierCode: 'vip' })).toEqual(
      [],
    );
  });
});

describe('reward definitions', () => {
  it('take the fields of their kind only', () => {
    const base = { name: 'x', pointsCost: 1 };
    expect(RewardInputSchema.safeParse({ ...base, kind: 'sample', sku: 'S' }).success).toBe(true);
    const wrong = RewardInputSchema.safeParse({ ...base, kind: 'sample', sku: 'S', value: 5 });
    expect(wrong.success).toBe(false);
    const parsed = RewardInputSchema.parse({ ...base, kind: 'gift', description: 'Tote' });
    expect(parsed).toMatchObject({ usesPerCoupon: 1, stock: null, active: true, tierCodes: null });
  });
});

const coupon = (fields: Partial<Coupon> = {}): Coupon => ({
  id: 'cpn_1',
  code: '0000-0000-0000-0000',
  customerId: null,
  rewardId: null,
  batchId: null,
  benefit: { kind: 'percent_discount', value: 10 },
  currency: 'GBP',
  minBasketMinor: null,
  validFrom: null,
  validUntil: null,
  usesAllowed: 1,
  usesCount: 0,
  status: 'active',
  voidedAt: null,
  voidReason: null,
  createdAt: NOW,
  ...fields,
});

const basket = (...lines: [string, number, number][]): Basket => ({
  currency: 'GBP',
  lines: lines.map(([sku, quantity, unitPriceMinor]) => ({ sku, quantity, unitPriceMinor })),
});

const ctx = (fields: Partial<CheckoutContext> = {}): CheckoutContext => ({
  now: NOW,
  customerId: null,
  basket: basket(['A', 2, 1000]),
  customerUsedBatch: false,
  onePerCustomer: false,
  ...fields,
});

describe('discounts', () => {
  it('percent rounds down, fixed and free products never exceed the basket', () => {
    expect(discountFor(coupon(), basket(['A', 3, 333]))).toBe(99);
    const fixed = coupon({ benefit: { kind: 'fixed_discount', valueMinor: 500, currency: 'GBP' } });
    expect(discountFor(fixed, basket(['A', 1, 300]))).toBe(300);
    expect(discountFor(fixed, basket(['A', 1, 3000]))).toBe(500);
    const free = coupon({ benefit: { kind: 'free_product', sku: 'B' } });
    expect(discountFor(free, basket(['A', 1, 300], ['B', 2, 450], ['B', 1, 400]))).toBe(400);
    expect(discountFor(free, basket(['A', 1, 300]))).toBe(0);
    expect(discountFor(coupon({ benefit: { kind: 'gift', description: 'Tote' } }), basket())).toBe(
      0,
    );
  });

  it('a percentage of any basket is at most the basket and exact in integers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1e9 })), {
          maxLength: 20,
        }),
        (value, lines) => {
          const b = basket(...lines.map(([q, p]): [string, number, number] => ['A', q, p]));
          const total = lines.reduce((s, [q, p]) => s + q * p, 0);
          const d = discountFor(coupon({ benefit: { kind: 'percent_discount', value } }), b);
          expect(Number.isInteger(d)).toBe(true);
          expect(d).toBeLessThanOrEqual(total);
          expect(BigInt(d)).toBe((BigInt(total) * BigInt(value)) / 100n);
        },
      ),
    );
  });
});

describe('checking a coupon at checkout', () => {
  const codes = (c: Coupon, x = ctx()) => checkCoupon(c, x).reasons.map((r) => r.code);

  it('valid: the discount; not valid: every reason and no discount', () => {
    expect(checkCoupon(coupon(), ctx())).toEqual({ reasons: [], discountMinor: 200 });
    const bad = checkCoupon(coupon({ validUntil: NOW, usesCount: 1, minBasketMinor: 5000 }), ctx());
    expect(bad.reasons.map((r) => [r.code, r.path])).toEqual([
      ['expired', 'code'],
      ['used_up', 'code'],
      ['below_minimum_basket', 'basket.lines'],
    ]);
    expect(bad.discountMinor).toBe(0);
  });

  it('knows whose a code is', () => {
    const bound = coupon({ customerId: 'cus_a' });
    expect(codes(bound)).toEqual(['customer_required']);
    expect(codes(bound, ctx({ customerId: 'cus_b' }))).toEqual(['bound_to_another_customer']);
    expect(codes(bound, ctx({ customerId: 'cus_a' }))).toEqual([]);
    const promo = ctx({ onePerCustomer: true, customerId: 'cus_a', customerUsedBatch: true });
    expect(codes(coupon(), promo)).toEqual(['already_used_by_customer']);
    expect(codes(coupon(), { ...promo, customerId: null })).toEqual(['customer_required']);
  });

  it('money in another currency does not qualify; a gift does not care', () => {
    const euro = ctx({ basket: { ...basket(['A', 1, 100]), currency: 'EUR' } });
    expect(codes(coupon(), euro)).toEqual(['currency_mismatch']);
    expect(codes(coupon({ benefit: { kind: 'gift', description: 'Tote' } }), euro)).toEqual([]);
  });

  it('a void coupon, a future one, a free product missing', () => {
    expect(codes(coupon({ status: 'void', voidedAt: NOW, voidReason: 'leak' }))).toEqual(['void']);
    expect(codes(coupon({ validFrom: new Date('2026-06-02T00:00:00Z') }))).toEqual([
      'not_yet_valid',
    ]);
    expect(codes(coupon({ benefit: { kind: 'free_product', sku: 'Z' } }))).toEqual([
      'product_not_in_basket',
    ]);
  });
});
