import { z } from 'zod';
import { minorAmount, type Benefit } from './rewards.js';

/**
 * Coupons: one record per code, whether a member got it for a reward (bound to that member) or it
 * came from a promotional batch (unbound, or bound when a rule issued it). A coupon carries its
 * own copy of the benefit, minimum basket and currency; uses are counted on the coupon row, which
 * checkout locks, and each use is a redemption keyed by (coupon, order).
 */

export type CouponStatus = 'active' | 'void';

export interface Coupon {
  id: string;
  /** `XXXX-XXXX-XXXX-XXXX` (coupon-code.ts). */
  code: string;
  /** Only this customer may use it; null = anyone with the code. */
  customerId: string | null;
  rewardId: string | null;
  batchId: string | null;
  benefit: Benefit;
  /** The programme currency when it was issued: baskets in another currency do not qualify. */
  currency: string;
  minBasketMinor: number | null;
  validFrom: Date | null;
  validUntil: Date | null;
  usesAllowed: number;
  usesCount: number;
  status: CouponStatus;
  voidedAt: Date | null;
  voidReason: string | null;
  createdAt: Date;
}

/** A coupon before it has a code. */
export type CouponDraft = Omit<Coupon, 'code'>;

export const BATCH_KINDS = ['percent_discount', 'fixed_discount', 'free_product'] as const;

export interface CouponBatch {
  id: string;
  name: string;
  benefit: Extract<Benefit, { kind: (typeof BATCH_KINDS)[number] }>;
  currency: string;
  minBasketMinor: number | null;
  validFrom: Date | null;
  validUntil: Date | null;
  usesPerCode: number;
  /** A customer may redeem at most one code of the batch. */
  onePerCustomer: boolean;
  createdAt: Date;
}

export interface BatchCounts {
  /** Codes in the batch (those generated with it and those rules issued later). */
  issued: number;
  /** Redemptions in force (not released). */
  redeemed: number;
  /** Codes used at least once. */
  codesUsed: number;
  released: number;
}

export type RedemptionStatus = 'redeemed' | 'released';

export interface CouponRedemption {
  id: string;
  couponId: string;
  code: string;
  batchId: string | null;
  customerId: string | null;
  orderExternalId: string;
  discountMinor: number;
  currency: string;
  status: RedemptionStatus;
  redeemedAt: Date;
  releasedAt: Date | null;
}

/** What a rule's `issue.*` effect led to: a coupon, or the reason none was given. */
export interface CouponIssue {
  sourceKey: string;
  customerId: string;
  kind: 'reward' | 'coupon';
  ref: string;
  couponId: string | null;
  skippedReason: string | null;
  createdAt: Date;
}

const sku = z.string().trim().min(1).max(100);

export const BasketSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP'),
    lines: z
      .array(
        z
          .object({
            sku,
            category: z.string().trim().min(1).max(100).optional(),
            quantity: z.number().int().min(1).max(100_000),
            unitPriceMinor: z.number().int().min(0).max(1_000_000_000),
          })
          .strict(),
      )
      .max(1000),
  })
  .strict()
  .refine(
    (b) => b.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0) <= 1e15,
    'the basket total is too large',
  );
export type Basket = z.infer<typeof BasketSchema>;

/** A batch's discount: the benefits a till can apply to a basket. */
export const BatchDiscountSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('percent_discount'), value: z.number().int().min(1).max(100) })
    .strict(),
  z
    .object({
      kind: z.literal('fixed_discount'),
      valueMinor: z.number().int().positive().max(1_000_000_000_000),
      /** Defaults to, and must be, the programme currency. */
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
    })
    .strict(),
  z.object({ kind: z.literal('free_product'), sku }).strict(),
]);

export const MAX_BATCH_CODES = 100_000;

export const BatchInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    count: z.number().int().min(1).max(MAX_BATCH_CODES),
    discount: BatchDiscountSchema,
    minBasketMinor: minorAmount.nullable().default(null),
    validFrom: z.iso.datetime({ offset: true }).nullable().default(null),
    validUntil: z.iso.datetime({ offset: true }).nullable().default(null),
    usesPerCode: z.number().int().min(1).max(1_000_000).default(1),
    onePerCustomer: z.boolean().default(false),
  })
  .strict()
  .refine(
    (b) => !b.validFrom || !b.validUntil || Date.parse(b.validFrom) < Date.parse(b.validUntil),
    { path: ['validUntil'], message: 'must be after validFrom' },
  );
export type BatchInput = z.input<typeof BatchInputSchema>;

export interface CouponRepository {
  /**
   * Inserts the coupons (in multi-row statements) with their codes; one whose code already exists
   * is skipped. Returns the ids of those skipped, so the caller can draw them new codes. Must run
   * in a transaction: the code and its coupon are written by two statements.
   */
  insertMany(coupons: Coupon[]): Promise<string[]>;
  findByCode(code: string, options?: { lock?: boolean }): Promise<Coupon | null>;
  findById(id: string): Promise<Coupon | null>;
  listForCustomer(customerId: string): Promise<Coupon[]>;
  /** One use more (+1) or given back (-1); the table refuses more uses than allowed. */
  addUse(couponId: string, delta: 1 | -1): Promise<void>;
  voidCoupon(couponId: string, at: Date, reason: string): Promise<void>;

  findRedemption(couponId: string, orderExternalId: string): Promise<CouponRedemption | null>;
  insertRedemption(redemption: CouponRedemption): Promise<void>;
  releaseRedemption(couponId: string, redemptionId: string, at: Date): Promise<void>;
  /** True when the customer has a redemption in force of any code of the batch. */
  customerUsedBatch(batchId: string, customerId: string): Promise<boolean>;

  insertBatch(batch: CouponBatch): Promise<void>;
  /** `lock` serialises one-per-customer redemptions of the batch. */
  findBatch(id: string, options?: { lock?: boolean }): Promise<CouponBatch | null>;
  listBatches(): Promise<CouponBatch[]>;
  batchCounts(batchId: string): Promise<BatchCounts>;
  batchCodes(batchId: string): Promise<Coupon[]>;

  /** A source key names a customer's own order or activity: it is found with its customer. */
  findIssue(customerId: string, sourceKey: string): Promise<CouponIssue | null>;
  recordIssue(issue: CouponIssue): Promise<void>;
}
