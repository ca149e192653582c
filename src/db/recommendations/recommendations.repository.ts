import type { Kysely, Selectable } from 'kysely';
import type {
  ProductSuggestion,
  RecommendationStore,
  SuggestionReason,
} from '../../core/recommendations/recommendations.js';
import { inTransaction } from '../repositories.js';
import type { DB, RecommendationTable } from '../schema.js';
import { writeRecommendations } from './recommendations.sql.js';

type Row = Selectable<RecommendationTable>;

const reasonOf = (r: Row): SuggestionReason => {
  if (r.reason === 'bought_with' && r.reason_sku)
    return { kind: 'bought_with', sku: r.reason_sku, name: r.reason_name };
  if (r.reason === 'popular_in_category' && r.reason_category)
    return { kind: 'popular_in_category', category: r.reason_category };
  return { kind: 'popular' };
};

const toSuggestion = (r: Row): ProductSuggestion => ({
  rank: r.rank,
  sku: r.sku,
  name: r.name,
  category: r.category,
  score: r.score,
  reason: reasonOf(r),
});

/** Stored suggestions; the refresh is one set-based rewrite in the caller's transaction or its own. */
export const recommendationStore = (db: Kysely<DB>): RecommendationStore => ({
  refresh: (input) =>
    inTransaction(db, async (trx) => {
      const started = performance.now();
      const counts = await writeRecommendations(trx, input);
      return {
        asOf: input.asOf,
        computedAt: input.computedAt,
        ...counts,
        durationMs: Math.round(performance.now() - started),
      };
    }),
  forCustomer: async (customerId, limit) => {
    const rows = await db
      .selectFrom('recommendation')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('rank')
      .limit(limit)
      .execute();
    if (rows.length === 0) return null;
    return { computedAt: rows[0]!.computed_at, products: rows.map(toSuggestion) };
  },
  popular: async (limit) => {
    const rows = await db
      .selectFrom('recommendation_popular')
      .selectAll()
      .orderBy('rank')
      .limit(limit)
      .execute();
    if (rows.length === 0) return null;
    return {
      computedAt: rows[0]!.computed_at,
      products: rows.map((r) => ({
        rank: r.rank,
        sku: r.sku,
        name: r.name,
        category: r.category,
        score: r.score,
        reason: { kind: 'popular' as const },
      })),
    };
  },
});

/**
 * The products e-mail templates suggest (`{{#each suggestions}}`): the customer's own from the
 * last refresh, or the shop's best sellers when they had no history then; read on `db`.
 */
export const emailSuggestions = async (
  db: Kysely<DB>,
  customerId: string,
  limit = 5,
): Promise<{ sku: string; name: string | null; category: string | null }[]> => {
  const store = recommendationStore(db);
  const found = (await store.forCustomer(customerId, limit)) ?? (await store.popular(limit));
  return (found?.products ?? []).map((p) => ({ sku: p.sku, name: p.name, category: p.category }));
};
