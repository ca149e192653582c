import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { RecommendationSettings } from '../../core/recommendations/recommendations.js';
import {
  RECENT_POPULARITY_DAYS,
  type Suggester,
  type SuggestionQuality,
} from '../../core/recommendations/recommendations.quality.js';
import type { DB } from '../schema.js';

/**
 * Offline evaluation of suggestions with a time split, all in SQL: the suggesters see orders
 * placed before `cut`; they are judged on what customers bought in [cut, end).
 *
 * Fairness: every suggester drops what the customer bought before the cut under the settings'
 * exclusion rule (ever, or in the excludeWindowDays before the cut), and the products that rule
 * removes do not count as relevant either, so no suggester scores by predicting re-orders.
 */

export interface EvaluationWindow {
  cut: Date;
  end: Date;
}

/** Most-popular baselines compare at most this many best sellers per customer before the limit. */
const BASELINE_CANDIDATES = 500;

const skuAllowed = (column: RawBuilder<unknown>, skus: string[]) =>
  skus.length === 0 ? sql`true` : sql`${column} not in (${sql.join(skus.map((s) => sql`${s}`))})`;

/** Lines bought before the cut that the exclusion rule keeps out of the suggestions. */
const ownedBefore = (cut: Date, s: RecommendationSettings) =>
  s.excludeWindowDays === null
    ? sql`o.placed_at < ${cut}::timestamptz`
    : sql`o.placed_at < ${cut}::timestamptz
          and o.placed_at >= ${cut}::timestamptz - make_interval(days => ${s.excludeWindowDays}::int)`;

/**
 * A most-popular baseline (customer_id, sku): the best sellers before the cut by buyers, counted
 * on kept lines (returns taken off, as the refresh counts its best sellers), less what the
 * customer may not be offered. With `recentDays`, ranked by buyers in those days before the cut
 * first; all-time buyers then SKU break ties, so a list is never short for want of recent sales.
 */
export const popularSuggestionsSql = (
  cut: Date,
  s: RecommendationSettings,
  recentDays: number | null,
) => {
  const recent =
    recentDays === null
      ? sql`0`
      : sql`count(distinct k.customer_id) filter (
              where k.placed_at >= ${cut}::timestamptz - make_interval(days => ${recentDays}::int))`;
  return sql`
    with returned as (
      select r.order_id, r.line_no, sum(r.quantity) as qty
        from order_return_line r group by r.order_id, r.line_no
    ),
    kept as (
      select l.customer_id, l.sku, o.placed_at
        from order_line l
        join sales_order o on o.id = l.order_id
        left join returned r on r.order_id = l.order_id and r.line_no = l.line_no
       where o.placed_at < ${cut}::timestamptz and ${skuAllowed(sql`l.sku`, s.excludeSkus)}
         and l.quantity - coalesce(r.qty, 0) > 0
    ),
    owned as (
      select distinct l.customer_id, l.sku from order_line l join sales_order o on o.id = l.order_id
       where ${ownedBefore(cut, s)}
    ),
    best as (
      select k.sku, ${recent} as recent, count(distinct k.customer_id) as buyers
        from kept k group by k.sku
       order by 2 desc, 3 desc, k.sku limit ${BASELINE_CANDIDATES}
    )
    select customer_id, sku from (
      select c.customer_id, p.sku,
             row_number() over (partition by c.customer_id
                                order by p.recent desc, p.buyers desc, p.sku) as rank
        from (select distinct customer_id from kept) c
        cross join best p
       where not exists (select 1 from owned w where w.customer_id = c.customer_id and w.sku = p.sku)
    ) ranked where rank <= ${s.limit}::int
  `;
};

/** The suggestions (customer_id, sku) a suggester makes as of the cut. */
export const suggestionsSql = (suggester: Suggester, cut: Date, s: RecommendationSettings) => {
  switch (suggester) {
    case 'ours':
      return sql`select customer_id, sku from recommendation where rank <= ${s.limit}::int`;
    case 'popularAllTime':
      return popularSuggestionsSql(cut, s, null);
    case 'popularRecent':
      return popularSuggestionsSql(cut, s, RECENT_POPULARITY_DAYS);
  }
};

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Scores suggestions (a query of customer_id, sku) against the purchases in the test window, for
 * the customers who bought both before the cut and in the window. `settings` gives the limit (the
 * k of precision@k), the exclusion rule and the SKUs that are not products.
 */
export const evaluateSuggestions = async (
  db: Kysely<DB>,
  window: EvaluationWindow,
  s: RecommendationSettings,
  suggestions: RawBuilder<unknown>,
): Promise<SuggestionQuality> => {
  const { cut, end } = window;
  const { rows } = await sql<SuggestionQuality>`
    with lines as (
      select l.customer_id, l.sku, o.placed_at from order_line l join sales_order o on o.id = l.order_id
       where o.placed_at < ${end}::timestamptz and ${skuAllowed(sql`l.sku`, s.excludeSkus)}
    ),
    before as (select distinct customer_id from lines where placed_at < ${cut}::timestamptz),
    after as (select distinct customer_id, sku from lines where placed_at >= ${cut}::timestamptz),
    judged as (select customer_id from before intersect select customer_id from after),
    owned as (
      select distinct l.customer_id, l.sku from order_line l join sales_order o on o.id = l.order_id
       where ${ownedBefore(cut, s)}
    ),
    relevant as (
      select a.customer_id, a.sku from after a join judged j on j.customer_id = a.customer_id
       where not exists (select 1 from owned w where w.customer_id = a.customer_id and w.sku = a.sku)
    ),
    suggested as (
      select distinct r.customer_id, r.sku from (${suggestions}) r
        join judged j on j.customer_id = r.customer_id
    ),
    hits as (
      select x.customer_id, count(*) as n from suggested x
        join relevant y on y.customer_id = x.customer_id and y.sku = x.sku
       group by x.customer_id
    ),
    relevant_counts as (select customer_id, count(*) as n from relevant group by customer_id),
    per_customer as (
      select j.customer_id, coalesce(h.n, 0) as hits, coalesce(r.n, 0) as relevant
        from judged j
        left join hits h on h.customer_id = j.customer_id
        left join relevant_counts r on r.customer_id = j.customer_id
    )
    select count(*)::int as customers,
           (count(*) filter (where relevant > 0))::int as "withRelevant",
           (select count(*) from suggested)::int as suggestions,
           coalesce(avg(case when hits > 0 then 1.0 else 0.0 end), 0)::float8 as "hitRate",
           coalesce(avg(hits::float8 / ${s.limit}::int), 0)::float8 as "precisionAtK",
           coalesce(avg(hits::float8 / relevant) filter (where relevant > 0), 0)::float8
             as "recallAtK",
           (select count(distinct sku) from suggested)::int as "coverageSkus"
      from per_customer
  `.execute(db);
  const m = rows[0]!;
  return {
    ...m,
    hitRate: round(m.hitRate),
    precisionAtK: round(m.precisionAtK),
    recallAtK: round(m.recallAtK),
  };
};

/**
 * Scores the three suggesters at one split. The stored suggestions must come from a refresh as
 * of `window.cut` with the same settings.
 */
export const evaluateSuggesters = async (
  db: Kysely<DB>,
  window: EvaluationWindow,
  s: RecommendationSettings,
): Promise<Record<Suggester, SuggestionQuality>> => ({
  ours: await evaluateSuggestions(db, window, s, suggestionsSql('ours', window.cut, s)),
  popularAllTime: await evaluateSuggestions(
    db,
    window,
    s,
    suggestionsSql('popularAllTime', window.cut, s),
  ),
  popularRecent: await evaluateSuggestions(
    db,
    window,
    s,
    suggestionsSql('popularRecent', window.cut, s),
  ),
});
