import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from './column-types.js';

/** The rewards catalogue, coupons and their batches, and their redemptions. */
export interface RewardsTables {
  reward: RewardTable;
  coupon_batch: CouponBatchTable;
  coupon: CouponTable;
  coupon_code: CouponCodeTable;
  reward_redemption: RewardRedemptionTable;
  coupon_redemption: CouponRedemptionTable;
  coupon_issue: CouponIssueTable;
}

export interface RewardTable {
  id: string;
  name: string;
  description: string | null;
  kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
  percent_off: number | null;
  value_minor: number | null;
  currency: string | null;
  sku: string | null;
  points_cost: number;
  stock: number | null;
  per_member_limit: number | null;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  tier_codes: ColumnType<string[] | null, string | null, string | null>;
  coupon_validity_days: number | null;
  uses_per_coupon: number;
  min_basket_minor: number | null;
  active: boolean;
  translations: ColumnType<unknown, string | undefined, string>;
  archived_at: NullableTimestamp;
  issued_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouponBatchTable {
  id: string;
  name: string;
  kind: string;
  benefit: Json<unknown>;
  currency: string;
  min_basket_minor: number | null;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  uses_per_code: number;
  one_per_customer: boolean;
  created_at: Timestamp;
}

export interface CouponTable {
  id: string;
  code: string;
  customer_id: string | null;
  reward_id: string | null;
  batch_id: string | null;
  kind: string;
  benefit: Json<unknown>;
  currency: string;
  min_basket_minor: number | null;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  uses_allowed: number;
  uses_count: Generated<number>;
  status: 'active' | 'void';
  voided_at: NullableTimestamp;
  void_reason: string | null;
  created_at: Timestamp;
}

/**
 * The lookup of coupon codes: a code is unique across all coupons, and coupons are distributed by
 * id on Citus, so the code's uniqueness lives here (distributed by code), written with the coupon.
 */
export interface CouponCodeTable {
  code: string;
  coupon_id: string;
}

export interface RewardRedemptionTable {
  id: string;
  reward_id: string;
  customer_id: string;
  coupon_id: string;
  points_spent: number;
  entry_id: string | null;
  idempotency_key: string;
  actor: string | null;
  created_at: Timestamp;
}

export interface CouponRedemptionTable {
  id: string;
  coupon_id: string;
  batch_id: string | null;
  customer_id: string | null;
  order_external_id: string;
  discount_minor: number;
  currency: string;
  status: 'redeemed' | 'released';
  redeemed_at: Timestamp;
  released_at: NullableTimestamp;
}

export interface CouponIssueTable {
  source_key: string;
  customer_id: string;
  kind: 'reward' | 'coupon';
  ref: string;
  coupon_id: string | null;
  skipped_reason: string | null;
  created_at: Timestamp;
}
