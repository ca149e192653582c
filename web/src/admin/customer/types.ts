/**
 * The JSON shapes the Customer 360 reads, as the API documents them (src/http/*.routes.ts,
 * GET /openapi.json). Times are ISO 8601 strings; money is integer minor units; points integers.
 */
export interface Consent {
  channel: 'email' | 'sms';
  granted: boolean;
  source: string;
  at: string;
}

export interface Customer {
  id: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  birthday: string | null;
  locale: string | null;
  attributes: Record<string, string | number | boolean | null>;
  externalIds: { source: string; id: string }[];
  consents: Consent[];
  createdAt: string;
  updatedAt: string;
}

export interface CustomerPage {
  customers: Customer[];
  nextCursor: string | null;
}

export interface Points {
  customerId: string;
  balance: number;
  pending: number;
  nextPendingRelease: { points: number; releaseAt: string } | null;
  nextExpiring: { points: number; expiresAt: string } | null;
  lifetime: {
    earned: number;
    redeemed: number;
    expired: number;
    adjusted: number;
    reversed: number;
  };
}

export type TierMetric = 'points' | 'spend' | 'orders';

export interface TierProgress {
  tier: { code: string; name: string; rank: number; threshold: number; benefits: string[] } | null;
  since: string | null;
  reviewAt: string | null;
  metric: TierMetric | null;
  windowStart: string | null;
  windowEnd: string | null;
  value: number;
  next: {
    code: string;
    name: string;
    threshold: number;
    remaining: number;
    percent: number;
  } | null;
  toKeep: {
    threshold: number;
    value: number;
    remaining: number;
    windowStart: string;
    windowEnd: string;
  } | null;
}

export interface CustomerAnalytics {
  customerId: string;
  status: 'computed' | 'not_computed';
  currency: string;
  asOf: string | null;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  recencyDays: number | null;
  frequency: number | null;
  monetaryMinor: number | null;
  scores: { r: number; f: number; m: number } | null;
  segment: string | null;
  lifecycleStage: string | null;
  clv: {
    pAlive: number;
    expectedPurchases: number;
    expectedSpendMinor: number | null;
    clvMinor: number | null;
    computedAt: string | null;
  } | null;
}

export const TIMELINE_KINDS = [
  'order',
  'return',
  'points',
  'reward',
  'coupon',
  'tier',
  'activity',
  'survey',
  'review',
  'complaint',
  'message',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineItem {
  at: string;
  kind: TimelineKind;
  id: string;
  title: string;
  detail: Record<string, unknown>;
}

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

export interface Coupon {
  id: string;
  code: string;
  kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
  value: number | null;
  valueMinor: number | null;
  sku: string | null;
  description: string | null;
  currency: string;
  validUntil: string | null;
  usesLeft: number;
  status: 'active' | 'void';
}

export interface Referral {
  code: string;
  link: string;
  stats: { invited: number; converted: number; reversed: number; pointsEarned: number };
}

export interface MemberCard {
  cardId: string;
  issuedAt: string;
  memberPageUrl: string;
  qrSvgUrl: string;
}

export interface Programme {
  currency: string;
  timeZone: string;
}
