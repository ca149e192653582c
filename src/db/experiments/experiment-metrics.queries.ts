import { sql, type Kysely } from 'kysely';
import { ISSUED_CODES } from '../../core/analytics/kpis.js';
import type { MetricSettings } from '../../core/experiments/experiments.js';
import type { MetricCell, Sums } from '../../core/experiments/metric-sums.js';
import type { DB } from '../schema.js';

export interface MetricQuery {
  experimentId: string;
  asOf: Date;
  metrics: MetricSettings;
  /** Only orders in this currency count, as in every analytics figure. */
  currency: string;
  /** Thousandths of a minor unit one point costs. */
  pointValueMilliMinor: number;
}

// Sums arrive as text: numeric (exact) in PostgreSQL, so no driver rounds them through a double.
type SumColumns =
  | 'orders_s'
  | 'orders_ss'
  | 'revenue_s'
  | 'revenue_ss'
  | 'points_s'
  | 'points_ss'
  | 'cost_s'
  | 'cost_ss'
  | 'profit_s'
  | 'profit_ss'
  | 'pre_revenue_s'
  | 'pre_revenue_ss'
  | 'pre_orders_s'
  | 'pre_orders_ss'
  | 'revenue_by_revenue'
  | 'revenue_by_profit'
  | 'orders_by_orders';

type Row = Record<SumColumns, string> & {
  variant: string;
  complete: boolean;
  rfm_segment: string;
  lifecycle_stage: string;
  n: number;
  converted: number;
  pre_buyers: number;
  churn_eligible: number;
  churned: number;
  unsubscribed: number;
  complained: number;
};

const days = (n: number) => sql`make_interval(days => ${n}::int)`;

/**
 * One statement, grouped down to arm × cohort × RFM segment × lifecycle stage; only sums leave
 * the database. Steps:
 *  - x: the exposures before asOf, each with its window [exposed_at, window_end), window_end the
 *    horizon's end cut at asOf, and whether the horizon (and the churn period) has passed;
 *  - purchase: the customers' orders in the programme currency from preDays before exposure to
 *    the end of what is read (the (customer_id, placed_at) index, or a hash join over all orders
 *    when the population is most of the shop: the planner's choice), less returns made by asOf;
 *    an order returned in full is not a purchase (as purchasesOf says);
 *  - bought / earned / left_email / complained: per customer, what happened in each window
 *    (joins, not a subquery per customer, so a million customers cost one pass each);
 *  - the per-customer values, then Σy, Σy² and the CUPED cross-products per group.
 * Points cost and profit are in thousandths of a minor unit, so everything stays an integer.
 */
const statement = (q: MetricQuery) => {
  const { horizonDays, churnDays, preDays } = q.metrics;
  const asOf = q.asOf;
  const value = sql`${q.pointValueMilliMinor}::bigint`;
  return sql<Row>`
    with x as materialized (
      select e.customer_id, e.variant, e.exposed_at,
             least(e.exposed_at + ${days(horizonDays)}, ${asOf}::timestamptz) as window_end,
             e.exposed_at + ${days(horizonDays)} <= ${asOf}::timestamptz as complete,
             e.exposed_at + ${days(churnDays)} <= ${asOf}::timestamptz as churn_eligible,
             e.exposed_at - ${days(preDays)} as pre_start,
             least(e.exposed_at + ${days(Math.max(horizonDays, churnDays))},
                   ${asOf}::timestamptz) as read_end
        from experiment_exposure e
       where e.experiment_id = ${q.experimentId} and e.exposed_at < ${asOf}::timestamptz
    ),
    returned as (
      select r.order_id, sum(r.amount_minor) as amount
        from order_return r
       where r.created_at < ${asOf}::timestamptz
       group by r.order_id
    ),
    purchase as (
      select x.customer_id, o.placed_at, x.exposed_at, x.window_end,
             o.total_minor - coalesce(r.amount, 0) as net
        from x
        join sales_order o
          on o.customer_id = x.customer_id and o.currency = ${q.currency}
         and o.placed_at >= x.pre_start and o.placed_at < x.read_end
        left join returned r on r.order_id = o.id
       where not (o.total_minor > 0 and coalesce(r.amount, 0) >= o.total_minor)
    ),
    bought as (
      select p.customer_id,
             count(*) filter (where p.placed_at >= p.exposed_at and p.placed_at < p.window_end)
               as orders,
             coalesce(sum(p.net) filter (where p.placed_at >= p.exposed_at
                                           and p.placed_at < p.window_end), 0) as revenue,
             count(*) filter (where p.placed_at < p.exposed_at) as pre_orders,
             coalesce(sum(p.net) filter (where p.placed_at < p.exposed_at), 0) as pre_revenue,
             bool_or(p.placed_at >= p.exposed_at
                     and p.placed_at < p.exposed_at + ${days(churnDays)}) as stayed
        from purchase p
       group by p.customer_id
    ),
    earned as (
      select x.customer_id, sum(l.points) as points
        from x
        join ledger_entry l
          on l.customer_id = x.customer_id and l.code in (${sql.join(ISSUED_CODES)})
         and l.effective_at >= x.exposed_at and l.effective_at < x.window_end
       group by x.customer_id
    ),
    left_email as (
      select distinct x.customer_id
        from x
        join customer_consent c
          on c.customer_id = x.customer_id and c.channel = 'email' and not c.granted
         and c.given_at >= x.exposed_at and c.given_at < x.window_end
    ),
    complained as (
      select distinct x.customer_id
        from x
        join complaint k
          on k.customer_id = x.customer_id
         and k.opened_at >= x.exposed_at and k.opened_at < x.window_end
    ),
    per_customer as (
      select x.variant, x.complete,
             coalesce(a.rfm_segment, 'unknown') as rfm_segment,
             coalesce(a.lifecycle_stage, 'unknown') as lifecycle_stage,
             x.churn_eligible,
             x.churn_eligible and not coalesce(b.stayed, false) as churned,
             coalesce(b.orders, 0)::numeric as orders,
             coalesce(b.revenue, 0)::numeric as revenue,
             coalesce(e.points, 0)::numeric as points,
             coalesce(e.points, 0)::numeric * ${value} as cost,
             coalesce(b.revenue, 0)::numeric * 1000 - coalesce(e.points, 0)::numeric * ${value}
               as profit,
             coalesce(b.pre_orders, 0)::numeric as pre_orders,
             coalesce(b.pre_revenue, 0)::numeric as pre_revenue,
             u.customer_id is not null as unsubscribed,
             k.customer_id is not null as complained
        from x
        left join bought b on b.customer_id = x.customer_id
        left join earned e on e.customer_id = x.customer_id
        left join left_email u on u.customer_id = x.customer_id
        left join complained k on k.customer_id = x.customer_id
        left join customer_analytics a on a.customer_id = x.customer_id
    )
    select variant, complete, rfm_segment, lifecycle_stage,
           count(*)::int as n,
           (count(*) filter (where orders > 0))::int as converted,
           (count(*) filter (where pre_orders > 0))::int as pre_buyers,
           (count(*) filter (where churn_eligible))::int as churn_eligible,
           (count(*) filter (where churned))::int as churned,
           (count(*) filter (where unsubscribed))::int as unsubscribed,
           (count(*) filter (where complained))::int as complained,
           sum(orders)::text as orders_s, sum(orders * orders)::text as orders_ss,
           sum(revenue)::text as revenue_s, sum(revenue * revenue)::text as revenue_ss,
           sum(points)::text as points_s, sum(points * points)::text as points_ss,
           sum(cost)::text as cost_s, sum(cost * cost)::text as cost_ss,
           sum(profit)::text as profit_s, sum(profit * profit)::text as profit_ss,
           sum(pre_revenue)::text as pre_revenue_s,
           sum(pre_revenue * pre_revenue)::text as pre_revenue_ss,
           sum(pre_orders)::text as pre_orders_s, sum(pre_orders * pre_orders)::text as pre_orders_ss,
           sum(pre_revenue * revenue)::text as revenue_by_revenue,
           sum(pre_revenue * profit)::text as revenue_by_profit,
           sum(pre_orders * orders)::text as orders_by_orders
      from per_customer
     group by variant, complete, rfm_segment, lifecycle_stage
     order by variant, complete, rfm_segment, lifecycle_stage
  `;
};

const sums = (row: Row, name: string): Sums => ({
  sum: BigInt(row[`${name}_s` as SumColumns]),
  sumSquares: BigInt(row[`${name}_ss` as SumColumns]),
});

const toCell = (row: Row): MetricCell => ({
  variant: row.variant,
  complete: row.complete,
  rfmSegment: row.rfm_segment,
  lifecycleStage: row.lifecycle_stage,
  n: Number(row.n),
  means: {
    orders: sums(row, 'orders'),
    netRevenue: sums(row, 'revenue'),
    pointsIssued: sums(row, 'points'),
    pointsCost: sums(row, 'cost'),
    profit: sums(row, 'profit'),
  },
  counts: {
    converted: Number(row.converted),
    churned: Number(row.churned),
    unsubscribed: Number(row.unsubscribed),
    complained: Number(row.complained),
  },
  churnEligible: Number(row.churn_eligible),
  pre: {
    buyers: Number(row.pre_buyers),
    netRevenue: sums(row, 'pre_revenue'),
    orders: sums(row, 'pre_orders'),
    revenueByRevenue: BigInt(row.revenue_by_revenue),
    revenueByProfit: BigInt(row.revenue_by_profit),
    ordersByOrders: BigInt(row.orders_by_orders),
  },
});

/** The experiment's outcomes per arm × cohort × RFM segment × lifecycle stage, as of `asOf`. */
export const experimentMetricCells = async (
  db: Kysely<DB>,
  query: MetricQuery,
): Promise<MetricCell[]> => {
  const { rows } = await statement(query).execute(db);
  return rows.map(toCell);
};

/** The statement, for EXPLAIN in the benchmark and tests. */
export const experimentMetricStatement = statement;
