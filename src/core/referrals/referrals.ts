import { z } from 'zod';

/**
 * Referrals: a member shares a code; a friend who signs up with it (or is attributed to it before
 * their first order) is referred. The friend's first qualifying order converts the referral and
 * rewards both sides; returning that order below the minimum reverses both rewards.
 */

export const REFERRAL_STATUSES = ['pending', 'converted', 'reversed', 'refused'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Why an attribution was refused; also the suffix of the 422's error code. */
export const REFUSAL_REASONS = [
  'disabled',
  'unknown_code',
  'same_customer',
  'same_email',
  'same_phone',
  'already_referred',
  'has_orders',
  'circular',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Recorded on a converted referral that paid the friend but not the referrer. */
export const REFERRER_CAP_REACHED = 'referrer_cap_reached';

export const MAX_REFERRAL_POINTS = 1_000_000;

export const ReferralSettingsSchema = z.object({
  /** Off: no new attributions and no conversions (pending referrals wait); reversals still run. */
  enabled: z.boolean(),
  referrerPoints: z.number().int().min(0).max(MAX_REFERRAL_POINTS),
  friendPoints: z.number().int().min(0).max(MAX_REFERRAL_POINTS),
  /** Smallest order total, in minor units of the programme currency, that converts. */
  minOrderMinor: z.number().int().min(0).max(1_000_000_000_000),
  /** Conversions that pay the referrer per calendar year (programme time zone); null = no cap. */
  maxConversionsPerReferrer: z.number().int().min(1).max(1_000_000).nullable(),
  /** Where referral links point; null or absent = the server's public URL. */
  linkBaseUrl: z
    .url({ protocol: /^https?$/, error: 'an http or https URL' })
    .max(500)
    .nullable()
    .optional(),
});
export type ReferralSettingsInput = z.infer<typeof ReferralSettingsSchema>;

export interface ReferralSettings {
  enabled: boolean;
  referrerPoints: number;
  friendPoints: number;
  minOrderMinor: number;
  maxConversionsPerReferrer: number | null;
  /** The stored base URL; null = the server's public URL. */
  linkBaseUrl: string | null;
  updatedAt: Date | null;
}

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  enabled: true,
  referrerPoints: 500,
  friendPoints: 250,
  minOrderMinor: 2000,
  maxConversionsPerReferrer: 25,
  linkBaseUrl: null,
  updatedAt: null,
};

export const AttributeReferralSchema = z.object({
  code: z.string().trim().min(1).max(32),
  customerId: z.string().min(1).max(100),
});
export type AttributeReferralInput = z.infer<typeof AttributeReferralSchema>;

export interface ReferralCode {
  customerId: string;
  code: string;
  createdAt: Date;
}

export interface Referral {
  id: string;
  /** The code as the friend gave it, normalised. */
  code: string;
  /** Null only on a refused attempt with an unknown code. */
  referrerId: string | null;
  referredId: string;
  status: ReferralStatus;
  /** A refusal reason, or `referrer_cap_reached` on a conversion that paid only the friend. */
  reason: string | null;
  source: 'signup' | 'api';
  /** The friend's order that converted the referral. */
  orderId: string | null;
  /** The minimum in force when it converted: a return below it reverses the rewards. */
  minOrderMinor: number | null;
  referrerPoints: number;
  friendPoints: number;
  /** Points of a reversed referral the member had already spent. */
  referrerPointsUnrecovered: number;
  friendPointsUnrecovered: number;
  /** The return that reversed it. */
  returnId: string | null;
  createdAt: Date;
  convertedAt: Date | null;
  reversedAt: Date | null;
}

export interface ReferralStats {
  /** Friends attributed to the member (pending, converted or reversed). */
  invited: number;
  converted: number;
  reversed: number;
  /** Referrer points of the conversions that stand. */
  pointsEarned: number;
}

export interface ReferralQuery {
  status?: ReferralStatus;
  referrerId?: string;
  referredId?: string;
  limit: number;
  cursor?: string | null;
}

export interface ReferralPage {
  referrals: Referral[];
  nextCursor: string | null;
}

export interface ConversionUpdate {
  orderId: string;
  minOrderMinor: number;
  referrerPoints: number;
  friendPoints: number;
  reason: string | null;
  at: Date;
}

export interface ReversalUpdate {
  returnId: string;
  at: Date;
}

/** What names one referral: its id, and the friend it belongs to (whose data it is). */
export type ReferralRef = Pick<Referral, 'id' | 'referredId'>;

export interface ReferralRepository {
  settings(): Promise<ReferralSettings | null>;
  saveSettings(settings: ReferralSettings & { updatedAt: Date }): Promise<void>;
  codeOf(customerId: string): Promise<ReferralCode | null>;
  /** The member's code: the one stored, else this one; null when another member holds it. */
  insertCodeIfAbsent(code: ReferralCode): Promise<ReferralCode | null>;
  findCode(code: string): Promise<ReferralCode | null>;
  /** False when the friend already has a live (not refused) referral. */
  insert(referral: Referral): Promise<boolean>;
  /** The friend's live (not refused) referral. */
  liveForReferred(customerId: string): Promise<Referral | null>;
  /** Who referred this customer (live referrals only). */
  referrerOf(customerId: string): Promise<string | null>;
  /** The converted or reversed referral an order of the friend's converted. */
  findByOrder(referredId: string, orderId: string): Promise<Referral | null>;
  /** Pending → converted; false when it was no longer pending. */
  markConverted(referral: ReferralRef, update: ConversionUpdate): Promise<boolean>;
  /** Converted → reversed; false when it was not converted. */
  markReversed(referral: ReferralRef, update: ReversalUpdate): Promise<boolean>;
  recordUnrecovered(referral: ReferralRef, referrer: number, friend: number): Promise<void>;
  /** Conversions that paid this referrer, converted in [from, to). */
  countPaidConversions(referrerId: string, from: Date, to: Date): Promise<number>;
  stats(referrerId: string): Promise<ReferralStats>;
  list(query: ReferralQuery): Promise<ReferralPage>;
}
