import { z } from 'zod';
import { translated, translationsSchema, type Translations } from '../shared/translations.js';

/**
 * VIP tiers: levels a member reaches by points, spend or orders in a qualification window. A
 * member moves up as soon as they qualify and down only when their period has ended and been
 * reviewed (see tiers.periods.ts for the dates, tiers.decide.ts for the decisions).
 */

export const TIER_METRICS = ['points', 'spend', 'orders'] as const;
export type TierMetric = (typeof TIER_METRICS)[number];

const MAX_DAYS = 3660;
const MAX_THRESHOLD = 1_000_000_000_000;
const MAX_TIERS = 20;

export const TierWindowSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rolling'),
    /** The last `days` days, up to the moment of evaluation. */
    days: z.number().int().min(1).max(MAX_DAYS),
  }),
  /** 1 January to 31 December in the programme's time zone. */
  z.object({ kind: z.literal('calendarYear') }),
]);
export type TierWindow = z.infer<typeof TierWindowSchema>;

export const TierPolicySchema = z.object({
  /** points: earned minus reversed; spend: programme currency net of returns; orders: not fully returned. */
  metric: z.enum(TIER_METRICS),
  window: TierWindowSchema,
  /** Days after a qualification period ends before its review may downgrade anyone. */
  graceDays: z.number().int().min(0).max(MAX_DAYS),
});
export type TierPolicy = z.infer<typeof TierPolicySchema>;

/** What members of a tier are told they get, as short texts ("Free delivery"). */
export const TierBenefitsSchema = z.array(z.string().trim().min(1).max(200)).max(50);

/** A tier's name and benefits in one language; benefits, when given, replace the whole list. */
export const TierTranslationSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    benefits: TierBenefitsSchema.optional(),
  })
  .strict();
export type TierTranslation = z.infer<typeof TierTranslationSchema>;
export const TierTranslationsSchema = translationsSchema(TierTranslationSchema);

export const TierInputSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$/, 'must be 1 to 50 letters, digits, _ or -'),
  name: z.string().trim().min(1).max(100),
  /** Metric value needed in the window: points, minor units of the currency, or orders. */
  threshold: z.number().int().min(0).max(MAX_THRESHOLD),
  /** 150 = half as many points again on orders (100 = no bonus). */
  earnMultiplierPercent: z.number().int().min(100).max(10_000).default(100),
  benefits: TierBenefitsSchema.default([]),
  /** Per locale code (de, et…): the name and benefits members of that language see. */
  translations: TierTranslationsSchema.default({}),
});

/** The whole configuration, as an admin sends it: tiers from lowest to highest. */
export const TierConfigInputSchema = z
  .object({
    policy: TierPolicySchema,
    tiers: z.array(TierInputSchema).max(MAX_TIERS),
  })
  .superRefine((config, ctx) => {
    const firstIndexOf = new Map<string, number>();
    config.tiers.forEach((tier, index) => {
      const key = tier.code.toLowerCase();
      const first = firstIndexOf.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'code'],
          message: `duplicates tiers.${first}.code`,
        });
      } else firstIndexOf.set(key, index);
      const previous = config.tiers[index - 1];
      if (previous && tier.threshold <= previous.threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'threshold'],
          message: `must exceed tiers.${index - 1}.threshold`,
        });
      }
    });
  });
export type TierConfigInput = z.infer<typeof TierConfigInputSchema>;

export interface TierDefinition {
  code: string;
  name: string;
  /** 1 = lowest; the position in the configured list. */
  rank: number;
  threshold: number;
  earnMultiplierPercent: number;
  benefits: string[];
  translations: Translations<TierTranslation>;
}

/** The tier as a member of `locale` reads it: translated name and benefits where given. */
export const localizeTier = (tier: TierDefinition, locale: string | null): TierDefinition => ({
  ...tier,
  ...translated({ name: tier.name, benefits: tier.benefits }, tier.translations, locale),
});

export interface TierConfig {
  policy: TierPolicy;
  /** Lowest rank first. */
  tiers: TierDefinition[];
}

/** Whether a programme has tiers at all: without them, no event needs a member's tier. */
export const hasTiers = (config: TierConfig | null): boolean => (config?.tiers.length ?? 0) > 0;

/** The tier a member holds now. `reviewAt` null: never reviewed (set by hand). */
export interface MemberTier {
  customerId: string;
  tierCode: string;
  since: Date;
  reviewAt: Date | null;
}

/** A half-open span [start, end) of the metric; end null = up to now. */
export interface MetricWindow {
  start: Date;
  end: Date | null;
}

export type TierChangeReason =
  'upgrade' | 'placement' | 'review.upgrade' | 'review.downgrade' | 'review.removed';

/** One row of a member's tier history (append-only). */
export interface TierChange {
  customerId: string;
  from: string | null;
  to: string | null;
  reason: TierChangeReason;
  metric: TierMetric;
  /** The metric value the decision was made on, over the window below. */
  value: number;
  windowStart: Date;
  windowEnd: Date;
  /** The new review date (null when the tier was removed). */
  reviewAt: Date | null;
  at: Date;
}

export interface TierCount {
  code: string;
  name: string;
  rank: number;
  members: number;
}

export interface MetricRequest {
  customerId: string;
  window: MetricWindow;
}

/** A member's metric over a window, with the tier they hold. */
export interface MemberStanding {
  customerId: string;
  value: number;
  member: MemberTier | null;
}

/** One keyset batch of placement: the customers measured, and those who might move up. */
export interface PlacementBatch {
  /** Customers measured in this batch (those with no activity included). */
  measured: number;
  /** The batch's last customer id: where the next batch starts; null when none was left. */
  last: string | null;
  /** The measured customers whose value reaches a tier above the one they hold, by customer id. */
  standings: MemberStanding[];
}

export interface TierRepository {
  /** Policy and tiers; null when no policy was ever saved. */
  config(): Promise<TierConfig | null>;
  /** Replaces the policy and the tiers (codes absent from `tiers` are deleted). */
  saveConfig(config: TierConfig, at: Date): Promise<void>;
  /** Members holding each of these tiers (codes nobody holds are absent). */
  holders(codes: string[]): Promise<Record<string, number>>;
  /** Moves every scheduled review by whole local days (after the grace period changed). */
  shiftReviews(days: number, timeZone: string): Promise<void>;
  /** The metric over each window, in request order, in one query. */
  metricValues(metric: TierMetric, currency: string, requests: MetricRequest[]): Promise<number[]>;
  /** The metric over one window together with the member's current tier, in one query. */
  standing(
    metric: TierMetric,
    currency: string,
    request: MetricRequest,
  ): Promise<{ value: number; member: MemberTier | null }>;
  /**
   * Placement's measurement, in one statement: the next `limit` customers by id after `after`
   * (null: from the first), each over `window`, keeping those whose value reaches a tier ranked
   * above the one they hold (as read: the caller decides again on the locked rows).
   */
  measureBatch(
    metric: TierMetric,
    currency: string,
    window: MetricWindow,
    batch: { after: string | null; limit: number },
  ): Promise<PlacementBatch>;
  /** Locks these members' tier rows (in customer id order) and returns them as committed now. */
  lockTiers(customerIds: string[]): Promise<MemberTier[]>;
  memberTier(customerId: string): Promise<MemberTier | null>;
  /**
   * Gives the member `tier` unless they already hold one of at least its rank (checked against
   * the committed row, so a concurrent change is never undone). True when it was written.
   */
  raiseTo(member: MemberTier, rank: number, at: Date): Promise<boolean>;
  /** raiseTo for many members in one statement (each tier's rank read from its definition); the ids written. */
  raiseAll(members: MemberTier[], at: Date): Promise<Set<string>>;
  /** Sets a later review date, if the member still holds `tierCode` and it is later. */
  extendReview(customerId: string, tierCode: string, reviewAt: Date, at: Date): Promise<void>;
  /** Replaces the member's tier and dates (the caller holds the row's lock). */
  replace(member: MemberTier, at: Date): Promise<void>;
  remove(customerId: string): Promise<void>;
  /** Members whose review is due, not locked: the caller locks them and checks again. */
  dueForReview(now: Date, limit: number): Promise<MemberTier[]>;
  recordChange(change: TierChange): Promise<void>;
  /** recordChange for many, in one statement. */
  recordChanges(changes: TierChange[]): Promise<void>;
  history(customerId: string, limit: number): Promise<TierChange[]>;
  counts(): Promise<TierCount[]>;
  /** Members by customer id, after `after`; of one tier when `tierCode` is given. */
  members(tierCode: string | null, limit: number, after: string | null): Promise<MemberTier[]>;
}
