import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  BuyerGroupCounts,
  CampaignEffectRequest,
  CampaignEffectSource,
} from '../../core/analytics/campaign-effect.js';
import { addDaysToDate } from '../../core/analytics/periods.js';
import type { DB } from '../schema.js';
import { filteredPurchasesOf } from './filters.sql.js';
import { dateParam } from './periods.sql.js';

type Group = 'current_new' | 'current_returning' | 'baseline_new' | 'baseline_returning';
type Row = Record<`${Group}_${'buyers' | 'orders' | 'revenue'}`, number>;

/**
 * Two steps, no join: the customers who bought in either window (an index range on placed_at),
 * then those customers' purchases up to the window's end (the (customer_id, placed_at) index),
 * grouped by customer: first purchase day, and orders and revenue in each window. A buyer is new
 * in a window when their first purchase is inside it. The buyers are materialised so that,
 * without table statistics (PGlite has no autovacuum), no step is rerun once per buyer.
 */
const statement = (r: CampaignEffectRequest) => {
  const before = addDaysToDate(r.current.to, 1);
  const cur = dateParam(r.current.from);
  const base = dateParam(r.baseline.from);
  const group = (name: Group, window: 'current' | 'baseline', isNew: RawBuilder<boolean>) => {
    const orders = sql.ref(`${window}_orders`);
    const revenue = sql.ref(`${window}_revenue`);
    const member = sql`${orders} > 0 and ${isNew}`;
    return sql`count(*) filter (where ${member}) as ${sql.ref(`${name}_buyers`)},
      coalesce(sum(${orders}) filter (where ${member}), 0) as ${sql.ref(`${name}_orders`)},
      coalesce(sum(${revenue}) filter (where ${member}), 0) as ${sql.ref(`${name}_revenue`)}`;
  };
  return sql<Row>`
    with buyer as materialized (
      select distinct p.customer_id
        from ${filteredPurchasesOf(r.scope, r.filter, { from: r.baseline.from, before })} as p
    ),
    history as (
      select q.customer_id,
             min(q.day) as first_day,
             count(*) filter (where q.day >= ${cur}) as current_orders,
             sum(q.net_minor) filter (where q.day >= ${cur}) as current_revenue,
             count(*) filter (where q.day >= ${base} and q.day < ${cur}) as baseline_orders,
             sum(q.net_minor) filter (where q.day >= ${base} and q.day < ${cur}) as baseline_revenue
        from ${filteredPurchasesOf(r.scope, r.filter, { before })} as q
       where q.customer_id in (select customer_id from buyer)
       group by q.customer_id
    )
    select ${group('current_new', 'current', sql`first_day >= ${cur}`)},
           ${group('current_returning', 'current', sql`first_day < ${cur}`)},
           ${group('baseline_new', 'baseline', sql`first_day >= ${base}`)},
           ${group('baseline_returning', 'baseline', sql`first_day < ${base}`)}
      from history
  `;
};

const counts = (row: Row | undefined, name: Group): BuyerGroupCounts => ({
  buyers: Number(row?.[`${name}_buyers`] ?? 0),
  orders: Number(row?.[`${name}_orders`] ?? 0),
  revenueMinor: Number(row?.[`${name}_revenue`] ?? 0),
});

/** Campaign-window counts computed in the database, one statement. */
export const campaignEffectQueries = (db: Kysely<DB>): CampaignEffectSource => ({
  campaignCounts: async (request) => {
    const { rows } = await statement(request).execute(db);
    const row = rows[0];
    return {
      current: { new: counts(row, 'current_new'), returning: counts(row, 'current_returning') },
      baseline: { new: counts(row, 'baseline_new'), returning: counts(row, 'baseline_returning') },
    };
  },
});
