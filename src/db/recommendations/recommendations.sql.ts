import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  RecommendationSettings,
  RefreshRecommendationsInput,
} from '../../core/recommendations/recommendations.js';
import type { DB } from '../schema.js';

/**
 * The recommender as SQL: every step is set-based, so one statement scores every customer and the
 * work grows with the pairs of products bought together, not with round trips from Node.
 *
 * 1. lines: order lines placed before asOf, less what was returned of them (kept_qty).
 * 2. Co-purchase: baskets (orders, or whole customer histories) × their distinct kept SKUs; pairs
 *    sharing at least minSupport baskets; cosine similarity co / √(n_a × n_b); the `neighbours`
 *    most similar products kept per product.
 * 3. Item-based scores: a candidate's co-purchase score for a customer is the sum of its
 *    similarities to the products they kept; the reason is its most similar bought product.
 * 4. Category affinity: the customer's share of spend (programme currency) per category, times
 *    the candidate's popularity in that category (buyers ÷ the category's top seller's buyers).
 * 5. score = (1 − w) × co-purchase ÷ the customer's best co-purchase score + w × affinity part;
 *    best sellers fill what is left (score 0, reason "popular").
 * 6. Exclusion: whatever the customer bought (returned or not) ever, or in the last
 *    excludeWindowDays; excluded SKUs are dropped everywhere.
 * 7. Rank by score (rounded to 6 decimals, so float summation order cannot reorder ties), then
 *    by global popularity, then by SKU; keep `limit` per customer.
 */

/** Where clause fragment dropping the excluded SKUs (none: always true). */
const skuAllowed = (column: RawBuilder<unknown>, skus: string[]) =>
  skus.length === 0 ? sql`true` : sql`${column} not in (${sql.join(skus.map((s) => sql`${s}`))})`;

/** The common CTEs: kept lines, product facts and global popularity, all before asOf. */
const baseCtes = (asOf: Date, s: RecommendationSettings) => sql`
  returned as (
    select r.order_id, r.line_no, sum(r.quantity) as qty
      from order_return_line r group by r.order_id, r.line_no
  ),
  lines as (
    select l.customer_id, l.order_id, o.placed_at, o.currency, l.sku, l.name, l.category,
           l.unit_price_minor, l.quantity - coalesce(r.qty, 0) as kept_qty
      from order_line l
      join sales_order o on o.id = l.order_id
      left join returned r on r.order_id = l.order_id and r.line_no = l.line_no
     where o.placed_at < ${asOf}::timestamptz and ${skuAllowed(sql`l.sku`, s.excludeSkus)}
  ),
  kept as (select * from lines where kept_qty > 0),
  products as (
    select k.sku,
           (array_agg(k.name order by k.placed_at desc) filter (where k.name is not null))[1] as name,
           (array_agg(k.category order by k.placed_at desc)
              filter (where k.category is not null))[1] as category,
           count(distinct k.customer_id)::int as buyers
      from kept k group by k.sku
  ),
  popular as (
    select p.sku, p.buyers,
           row_number() over (order by p.buyers desc, p.sku) as pop_rank
      from products p
  )
`;

const basketKey = (s: RecommendationSettings) =>
  s.basket === 'order' ? sql`k.order_id` : sql`k.customer_id`;

/** Per customer and candidate SKU: co-purchase, category and popularity signals. */
const candidateCtes = (asOf: Date, currency: string, s: RecommendationSettings) => sql`
  basket_items as (select distinct ${basketKey(s)} as basket, k.sku from kept k),
  item_baskets as (select sku, count(*) as n from basket_items group by sku),
  pairs as (
    select a.sku as a, b.sku as b, count(*) as co
      from basket_items a join basket_items b on b.basket = a.basket and b.sku <> a.sku
     group by a.sku, b.sku
    having count(*) >= ${s.minSupport}::int
  ),
  neighbour as (
    select x.a, x.b, x.sim from (
      select p.a, p.b, p.co / sqrt(na.n::float8 * nb.n::float8) as sim,
             row_number() over (partition by p.a
                                order by p.co / sqrt(na.n::float8 * nb.n::float8) desc, p.b) as k
        from pairs p
        join item_baskets na on na.sku = p.a
        join item_baskets nb on nb.sku = p.b
    ) x where x.k <= ${s.neighbours}::int
  ),
  history as (
    select k.customer_id, k.sku,
           sum(case when k.currency = ${currency} then k.kept_qty * k.unit_price_minor else 0 end)
             as spend
      from kept k group by k.customer_id, k.sku
  ),
  co_purchase as (
    select h.customer_id, s.b as sku, round(sum(s.sim)::numeric, 9)::float8 as co_score,
           (array_agg(s.a order by s.sim desc, s.a))[1] as because_of
      from history h join neighbour s on s.a = h.sku
     group by h.customer_id, s.b
  ),
  affinity as (
    select h.customer_id, p.category,
           sum(h.spend)::float8 / nullif(sum(sum(h.spend)) over (partition by h.customer_id), 0)
             as share
      from history h join products p on p.sku = h.sku
     group by h.customer_id, p.category
  ),
  in_category as (
    select p.sku, p.category,
           p.buyers::float8 / max(p.buyers) over (partition by p.category) as popularity,
           row_number() over (partition by p.category order by p.buyers desc, p.sku) as k
      from products p where p.category is not null
  ),
  by_category as (
    select a.customer_id, c.sku, a.share * c.popularity as cat_score
      from affinity a join in_category c on c.category = a.category
     where a.category is not null and a.share > 0 and c.k <= ${s.limit * 3}::int
  ),
  buyers as (select distinct customer_id from history),
  fill as (
    select b.customer_id, p.sku from buyers b
      cross join popular p where p.pop_rank <= ${s.limit * 3}::int
  ),
  signals as (
    select customer_id, sku, max(co_score) as co_score, max(because_of) as because_of,
           max(cat_score) as cat_score
      from (select customer_id, sku, co_score, because_of, 0::float8 as cat_score from co_purchase
            union all
            select customer_id, sku, 0, null, cat_score from by_category
            union all
            select customer_id, sku, 0, null, 0 from fill) u
     group by customer_id, sku
  ),
  owned as (
    select l.customer_id, l.sku from lines l
     where ${
       s.excludeWindowDays === null
         ? sql`true`
         : sql`l.placed_at >= ${asOf}::timestamptz - make_interval(days => ${s.excludeWindowDays}::int)`
     }
     group by l.customer_id, l.sku
  ),
  scored as (
    select g.customer_id, g.sku, g.because_of,
           coalesce(${1 - s.categoryWeight}::float8 * g.co_score
             / nullif(max(g.co_score) over (partition by g.customer_id), 0), 0) as co_part,
           ${s.categoryWeight}::float8 * g.cat_score as cat_part
      from signals g
     where not exists (select 1 from owned o where o.customer_id = g.customer_id and o.sku = g.sku)
  ),
  ranked as (
    select c.*, round(c.co_part::numeric + c.cat_part::numeric, 6)::float8 as score,
           row_number() over (partition by c.customer_id
             order by round(c.co_part::numeric + c.cat_part::numeric, 6) desc,
                      p.pop_rank, c.sku) as rank
      from scored c join popular p on p.sku = c.sku
  )
`;

const stats = async (db: Kysely<DB>) => {
  const row = await db
    .selectFrom('recommendation')
    .select((eb) => [
      eb.fn.countAll<number>().as('suggestions'),
      eb.fn.count<number>('customer_id').distinct().as('customers'),
    ])
    .executeTakeFirstOrThrow();
  return { suggestions: Number(row.suggestions), customers: Number(row.customers) };
};

/**
 * Replaces every stored suggestion and the best-seller list with those as of `asOf`. Runs in the
 * caller's transaction: readers see the old rows until it commits.
 */
export const writeRecommendations = async (
  trx: Kysely<DB>,
  input: RefreshRecommendationsInput,
): Promise<{ customers: number; suggestions: number; popular: number }> => {
  const { asOf, settings: s, currency, computedAt } = input;
  await sql`delete from recommendation`.execute(trx);
  await sql`delete from recommendation_popular`.execute(trx);
  await sql`
    with ${baseCtes(asOf, s)}, ${candidateCtes(asOf, currency, s)}
    insert into recommendation (customer_id, rank, sku, name, category, score, reason, reason_sku,
           reason_name, reason_category, as_of, computed_at)
    select r.customer_id, r.rank, r.sku, p.name, p.category, r.score,
           case when r.co_part > 0 and r.co_part >= r.cat_part then 'bought_with'
                when r.cat_part > 0 then 'popular_in_category'
                else 'popular' end,
           case when r.co_part > 0 and r.co_part >= r.cat_part then r.because_of end,
           case when r.co_part > 0 and r.co_part >= r.cat_part then b.name end,
           case when not (r.co_part > 0 and r.co_part >= r.cat_part) and r.cat_part > 0
                then p.category end,
           ${asOf}::timestamptz, ${computedAt}::timestamptz
      from ranked r
      join products p on p.sku = r.sku
      left join products b on b.sku = r.because_of
     where r.rank <= ${s.limit}::int
  `.execute(trx);
  const popular = await sql`
    with ${baseCtes(asOf, s)}
    insert into recommendation_popular (rank, sku, name, category, buyers, score, as_of,
           computed_at)
    select q.pop_rank, q.sku, p.name, p.category, q.buyers,
           round(q.buyers::numeric / max(q.buyers) over (), 6)::float8,
           ${asOf}::timestamptz, ${computedAt}::timestamptz
      from popular q join products p on p.sku = q.sku
     where q.pop_rank <= 50
  `.execute(trx);
  return { ...(await stats(trx)), popular: Number(popular.numAffectedRows ?? 0) };
};
