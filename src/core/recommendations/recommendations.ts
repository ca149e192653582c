import { z } from 'zod';

/**
 * Personal offers: which products to suggest to whom, from purchase history alone. The scores are
 * computed in the database by the refresh (src/db/recommendations/); this file holds the module's
 * types, its settings and the small pure rules that read the stored results.
 */

export const MAX_SUGGESTIONS = 50;

/**
 * How a refresh scores products. Defaults are the ones documented in docs/recommendations.md and
 * measured in bench/recommendations.bench.ts.
 */
export const RecommendationSettingsSchema = z.object({
  /** Suggestions stored per customer. */
  limit: z.number().int().min(1).max(MAX_SUGGESTIONS).default(10),
  /** Items count as bought together when they share an order, or a customer's whole history. */
  basket: z.enum(['order', 'customer']).default('order'),
  /** Baskets a pair must share before it counts at all. */
  minSupport: z.number().int().min(1).max(1_000).default(2),
  /** Nearest neighbours kept per product (by cosine similarity). */
  neighbours: z.number().int().min(1).max(200).default(20),
  /** Weight of category affinity against co-purchase, 0..1 (0: co-purchase only). */
  categoryWeight: z.number().min(0).max(1).default(0.3),
  /**
   * Products the customer bought in this many days before asOf are not suggested; null: nothing
   * they ever bought is suggested (the default: offers are for discovery, not re-orders).
   */
  excludeWindowDays: z.number().int().min(1).max(36_500).nullable().default(null),
  /** SKUs never suggested nor counted (postage, fees, gift wrap…). */
  excludeSkus: z.array(z.string().min(1).max(200)).max(1_000).default([]),
});

export type RecommendationSettings = z.output<typeof RecommendationSettingsSchema>;
export type RecommendationSettingsInput = z.input<typeof RecommendationSettingsSchema>;

export const DEFAULT_RECOMMENDATION_SETTINGS: RecommendationSettings =
  RecommendationSettingsSchema.parse({});

/** Why a product is suggested: the strongest of its signals. */
export type SuggestionReason =
  | { kind: 'bought_with'; sku: string; name: string | null }
  | { kind: 'popular_in_category'; category: string }
  | { kind: 'popular' };

export interface ProductSuggestion {
  rank: number;
  sku: string;
  name: string | null;
  category: string | null;
  /** 0..1: (1 − w) × co-purchase (scaled to the customer's best) + w × affinity × popularity. */
  score: number;
  reason: SuggestionReason;
}

/** A reward the member can redeem now, or the next one within reach. */
export interface RewardOffer {
  id: string;
  name: string;
  description: string | null;
  kind: string;
  pointsCost: number;
}

export interface RewardsWithinReach {
  balance: number;
  /** Rewards redeemable now (every check passes), cheapest first. */
  affordable: RewardOffer[];
  /** The reward that only lacks points and needs the fewest more; null when none. */
  next: (RewardOffer & { pointsMissing: number }) | null;
}

export interface Suggestions {
  customerId: string;
  /**
   * personal: computed for this customer by the last refresh; popular: the shop's best sellers
   * (no history at the last refresh, or created since); none: no refresh has run.
   */
  source: 'personal' | 'popular' | 'none';
  computedAt: Date | null;
  products: ProductSuggestion[];
  rewards: RewardsWithinReach;
}

/**
 * The port other modules (e-mails, the member page) read suggestions through. Throws the
 * customers module's not-found error for an unknown customer.
 */
export interface SuggestionSource {
  suggestionsFor(customerId: string, limit?: number): Promise<Suggestions>;
}

export interface RefreshRecommendationsInput {
  /** Only orders placed before this instant count; default now. */
  asOf: Date;
  settings: RecommendationSettings;
  /** Programme currency: category spend shares never mix currencies. */
  currency: string;
  computedAt: Date;
}

export interface RecommendationsRefreshed {
  asOf: Date;
  computedAt: Date;
  settings: RecommendationSettings;
  /** Customers with at least one stored suggestion. */
  customers: number;
  suggestions: number;
  popular: number;
  durationMs: number;
}

/** Stored suggestions: what the refresh writes and readers read. */
export interface RecommendationStore {
  refresh(input: RefreshRecommendationsInput): Promise<Omit<RecommendationsRefreshed, 'settings'>>;
  forCustomer(
    customerId: string,
    limit: number,
  ): Promise<{ computedAt: Date; products: ProductSuggestion[] } | null>;
  popular(limit: number): Promise<{ computedAt: Date; products: ProductSuggestion[] } | null>;
}

/** One sentence per reason, for e-mails and the member page. */
export const reasonText = (reason: SuggestionReason): string => {
  switch (reason.kind) {
    case 'bought_with':
      return `Bought with ${reason.name ?? reason.sku}`;
    case 'popular_in_category':
      return `Popular in your favourite category, ${reason.category}`;
    case 'popular':
      return 'Popular with our customers';
  }
};
