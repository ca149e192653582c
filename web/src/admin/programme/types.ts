/** The shapes of the programme endpoints, as the server presents them (see src/http/*.routes.ts). */

export interface ProgrammeSettings {
  currency: string;
  pointsPerCurrencyUnit: number;
  returnWindowDays: number;
  expiryDays: number | null;
  pointValueMilliMinor: number;
  timeZone: string;
}

export const RULE_TRIGGERS = [
  'order.placed',
  'customer.enrolled',
  'customer.birthday',
  'review.submitted',
  'survey.answered',
  'referral.converted',
  'custom',
] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

export const RULE_STATUSES = ['draft', 'active', 'archived'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export type RuleDocument = Record<string, unknown>;

export interface Rule {
  id: string;
  version: number;
  name: string;
  trigger: RuleTrigger;
  status: RuleStatus;
  document: RuleDocument;
  createdAt: string;
  updatedAt: string;
}

export interface RuleVersion {
  version: number;
  status: RuleStatus;
  document: RuleDocument;
  actor: string | null;
  createdAt: string;
}

export interface RuleSimulation {
  from: string;
  to: string;
  ordersEvaluated: number;
  ordersMatched: number;
  customersAffected: number;
  pointsIssued: number;
  pointsBeforeCaps: number;
  currency: string;
  costMinor: number;
  skippedReasons: { reason: string; orders: number }[];
  pointsByDay: { day: string; points: number; orders: number }[];
}

export interface RulePerformance {
  ruleId: string;
  since: string;
  points: number;
  customers: number;
  awards: number;
  costMinor: number;
  currency: string;
}

export type TierMetric = 'points' | 'spend' | 'orders';
export type TierWindow = { kind: 'rolling'; days: number } | { kind: 'calendarYear' };

export interface TierPolicy {
  metric: TierMetric;
  window: TierWindow;
  graceDays: number;
}

export interface Tier {
  code: string;
  name: string;
  rank: number;
  threshold: number;
  earnMultiplierPercent: number;
  benefits: string[];
}

export interface TierConfig {
  policy: TierPolicy | null;
  tiers: Tier[];
}

export interface TierCounts {
  counts: { code: string; name: string; rank: number; members: number }[];
}

export const REWARD_KINDS = [
  'percent_discount',
  'fixed_discount',
  'free_product',
  'sample',
  'gift',
] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

export interface Reward {
  id: string;
  name: string;
  description: string | null;
  kind: RewardKind;
  value: number | null;
  valueMinor: number | null;
  currency: string | null;
  sku: string | null;
  pointsCost: number;
  stock: number | null;
  perMemberLimit: number | null;
  validFrom: string | null;
  validUntil: string | null;
  tierCodes: string[] | null;
  couponValidityDays: number | null;
  usesPerCoupon: number;
  minBasketMinor: number | null;
  active: boolean;
  archivedAt: string | null;
  issuedCount: number;
}

/** What a coupon or a batch gives, as flat fields: only those of its kind are set. */
export interface BenefitFields {
  kind: RewardKind;
  value: number | null;
  valueMinor: number | null;
  sku: string | null;
}

export interface CouponBatch extends BenefitFields {
  id: string;
  name: string;
  currency: string;
  minBasketMinor: number | null;
  validFrom: string | null;
  validUntil: string | null;
  usesPerCode: number;
  onePerCustomer: boolean;
  createdAt: string;
  counts: { issued: number; redeemed: number; codesUsed: number; released: number };
}

export interface Coupon extends BenefitFields {
  id: string;
  code: string;
  customerId: string | null;
  rewardId: string | null;
  batchId: string | null;
  description: string | null;
  currency: string;
  minBasketMinor: number | null;
  validFrom: string | null;
  validUntil: string | null;
  usesAllowed: number;
  usesCount: number;
  usesLeft: number;
  status: 'active' | 'void';
  voidReason: string | null;
}

export interface CouponValidation {
  valid: boolean;
  discountMinor: number;
  currency: string;
  reasons: { code: string; message: string; path: string }[];
  coupon: Coupon | null;
}

export interface ReferralSettings {
  enabled: boolean;
  referrerPoints: number;
  friendPoints: number;
  minOrderMinor: number;
  currency: string;
  maxConversionsPerReferrer: number | null;
  linkBaseUrl: string;
  linkBaseUrlIsDefault: boolean;
  updatedAt: string | null;
}

export const REFERRAL_STATUSES = ['pending', 'converted', 'reversed', 'refused'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export interface Referral {
  id: string;
  code: string;
  referrerId: string | null;
  referredId: string;
  status: ReferralStatus;
  reason: string | null;
  source: 'signup' | 'api';
  referrerPoints: number;
  friendPoints: number;
  createdAt: string;
  convertedAt: string | null;
}
