import { sql, type Kysely, type RawBuilder } from 'kysely';
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
const DAY_MS = 86_400_000;

/** The first and last exposure before asOf: every window the statement reads lies between them. */
interface ExposureSpan {
  first: Date;
  last: Date;
}

/**
 * The time ranges every customer's windows fall in, as constants, so the planner reads orders and
 * ledger entries by range (an index or a partial scan) instead of joining every row of each table.
 */
const readRanges = (q: MetricQuery, span: ExposureSpan) => {
  const { horizonDays, churnDays, preDays } = q.metrics;
  const cap = (t: number) => new Date(Math.min(t, q.asOf.getTime()));
  return {
    ordersFrom: new Date(span.first.getTime() - preDays * DAY_MS),
    ordersTo: cap(span.last.getTime() + Math.max(horizonDays, churnDays) * DAY_MS),
    windowFrom: span.first,
    windowTo: cap(span.last.getTime() + horizonDays * DAY_MS),
  };
};

/** Below this magnitude the product of two bigints cannot overflow (⌊√(2⁶³ − 1)⌋). */
const SAFE_FACTOR = 3_037_000_499;

/**
 * Σ a·b, exact: bigint products (summed by PostgreSQL in 128 bits) for customers whose values are
 * all small, numeric ones only for the rare customer whose products could overflow (numeric
 * throughout cost about 2 of 17 s at a million exposures).
 */
const sumOfProducts = (a: string, b: string) => {
  const [x, y] = [sql.ref(a), sql.ref(b)];
  return sql`(coalesce(sum(${x} * ${y}) filter (where small), 0)
              + coalesce(sum(${x}::numeric * ${y}) filter (where not small), 0))::text`;
};

/** The per-customer values whose sums of products the statement returns. */
const VALUES = ['orders', 'revenue', 'points', 'cost', 'profit', 'pre_orders', 'pre_revenue'];

/** Per customer: every value is small enough for bigint products (see sumOfProducts). */
const allSmall = sql`greatest(${sql.join(VALUES.map((v) => sql`abs(${sql.ref(v)})`))})
                     < ${SAFE_FACTOR}`;

/**
 * The amount returned against an order by asOf. sales_order.returned_minor holds every return so
 * far; returns made after asOf (only when results are asked for a past date) are taken back off.
 */
const returnedByAsOf = (lateReturns: boolean) =>
  lateReturns ? sql`(o.returned_minor - coalesce(late.amount, 0))` : sql`o.returned_minor`;

/**
 * One statement, grouped down to arm × cohort × RFM segment × lifecycle stage; only sums leave
 * the database. Steps:
 *  - x: the exposures before asOf, each with its window [exposed_at, window_end), window_end the
 *    horizon's end cut at asOf, whether the horizon (and the churn period) has passed, and the
 *    RFM segment and lifecycle stage the customer had when exposed (stored with the exposure). Not
 *    materialized: a CTE scan would keep PostgreSQL from reading the big tables in parallel;
 *  - purchase: the customers' orders in the programme currency from preDays before exposure to
 *    the end of what is read, net of what was returned by asOf; an order returned in full is not
 *    a purchase (as purchasesOf says). The constant range (readRanges) lets the planner skip the
 *    orders no window reaches;
 *  - bought / earned / reacted (unsubscribed from e-mail, complained): per customer, what
 *    happened in each window (joins, not a subquery per customer, so a million customers cost
 *    one pass each);
 *  - the per-customer values, then Σy, Σy² and the CUPED cross-products per group.
 * Points cost and profit are in thousandths of a minor unit, so everything stays an integer.
 */
const statement = (q: MetricQuery, span: ExposureSpan, lateReturns: boolean) => {
  const { horizonDays, churnDays, preDays } = q.metrics;
  const asOf = q.asOf;
  const value = sql`${q.pointValueMilliMinor}::bigint`;
  const range = readRanges(q, span);
  const within = (column: string) =>
    sql`${sql.ref(column)} >= ${range.windowFrom}::timestamptz
        and ${sql.ref(column)} < ${range.windowTo}::timestamptz`;
  const returned = returnedByAsOf(lateReturns);
  const late = lateReturns
    ? sql`left join (select r.order_id, sum(r.amount_minor) as amount
                       from order_return r
                      where r.created_at >= ${asOf}::timestamptz
                      group by r.order_id) late on late.order_id = o.id`
    : sql``;
  return sql<Row>`
    with x as not materialized (
      select e.customer_id, e.variant, e.exposed_at, e.rfm_segment, e.lifecycle_stage,
             least(e.exposed_at + ${days(horizonDays)}, ${asOf}::timestamptz) as window_end,
             e.exposed_at + ${days(horizonDays)} <= ${asOf}::timestamptz as complete,
             e.exposed_at + ${days(churnDays)} <= ${asOf}::timestamptz as churn_eligible,
             e.exposed_at - ${days(preDays)} as pre_start,
             least(e.exposed_at + ${days(Math.max(horizonDays, churnDays))},
                   ${asOf}::timestamptz) as read_end
        from experiment_exposure e
       where e.experiment_id = ${q.experimentId} and e.exposed_at < ${asOf}::timestamptz
    ),
    purchase as (
      select x.customer_id, o.placed_at, x.exposed_at, x.window_end,
             o.total_minor - ${returned} as net
        from x
        join sales_order o
          on o.customer_id = x.customer_id and o.currency = ${q.currency}
         and o.placed_at >= x.pre_start and o.placed_at < x.read_end
        ${late}
       where o.placed_at >= ${range.ordersFrom}::timestamptz
         and o.placed_at < ${range.ordersTo}::timestamptz
         and not (o.total_minor > 0 and ${returned} >= o.total_minor)
    ),
    bought as (
      select p.customer_id,
             count(*) filter (where p.placed_at >= p.exposed_at and p.placed_at < p.window_end)
               as orders,
             coalesce(sum(p.net) filter (where p.placed_at >= p.exposed_at
                                           and p.placed_at < p.window_end), 0)::bigint as revenue,
             count(*) filter (where p.placed_at < p.exposed_at) as pre_orders,
             coalesce(sum(p.net) filter (where p.placed_at < p.exposed_at), 0)::bigint
               as pre_revenue,
             bool_or(p.placed_at >= p.exposed_at
                     and p.placed_at < p.exposed_at + ${days(churnDays)}) as stayed
        from purchase p
       group by p.customer_id
    ),
    earned as (
      select x.customer_id, sum(l.points)::bigint as points
        from x
        join ledger_entry l
          on l.customer_id = x.customer_id and l.code in (${sql.join(ISSUED_CODES)})
         and l.effective_at >= x.exposed_at and l.effective_at < x.window_end
       where ${within('l.effective_at')}
       group by x.customer_id
    ),
    reacted as (
      select x.customer_id,
             bool_or(v.unsubscribed) as unsubscribed,
             bool_or(not v.unsubscribed) as complained
        from x
        join (select c.customer_id, c.given_at as at, true as unsubscribed
                from customer_consent c
               where c.channel = 'email' and not c.granted and ${within('c.given_at')}
              union all
              select k.customer_id, k.opened_at, false
                from complaint k
               where ${within('k.opened_at')}) v
          on v.customer_id = x.customer_id and v.at >= x.exposed_at and v.at < x.window_end
       group by x.customer_id
    ),
    per_customer as (
      select x.variant, x.complete,
             coalesce(x.rfm_segment, 'unknown') as rfm_segment,
             coalesce(x.lifecycle_stage, 'unknown') as lifecycle_stage,
             x.churn_eligible,
             x.churn_eligible and not coalesce(b.stayed, false) as churned,
             coalesce(b.orders, 0) as orders,
             coalesce(b.revenue, 0) as revenue,
             coalesce(e.points, 0) as points,
             coalesce(e.points, 0) * ${value} as cost,
             coalesce(b.revenue, 0) * 1000 - coalesce(e.points, 0) * ${value} as profit,
             coalesce(b.pre_orders, 0) as pre_orders,
             coalesce(b.pre_revenue, 0) as pre_revenue,
             coalesce(u.unsubscribed, false) as unsubscribed,
             coalesce(u.complained, false) as complained
        from x
        left join bought b on b.customer_id = x.customer_id
        left join earned e on e.customer_id = x.customer_id
        left join reacted u on u.customer_id = x.customer_id
    )
    select variant, complete, rfm_segment, lifecycle_stage,
           count(*)::int as n,
           (count(*) filter (where orders > 0))::int as converted,
           (count(*) filter (where pre_orders > 0))::int as pre_buyers,
           (count(*) filter (where churn_eligible))::int as churn_eligible,
           (count(*) filter (where churned))::int as churned,
           (count(*) filter (where unsubscribed))::int as unsubscribed,
           (count(*) filter (where complained))::int as complained,
           sum(orders)::text as orders_s, ${sumOfProducts('orders', 'orders')} as orders_ss,
           sum(revenue)::text as revenue_s, ${sumOfProducts('revenue', 'revenue')} as revenue_ss,
           sum(points)::text as points_s, ${sumOfProducts('points', 'points')} as points_ss,
           sum(cost)::text as cost_s, ${sumOfProducts('cost', 'cost')} as cost_ss,
           sum(profit)::text as profit_s, ${sumOfProducts('profit', 'profit')} as profit_ss,
           sum(pre_revenue)::text as pre_revenue_s,
           ${sumOfProducts('pre_revenue', 'pre_revenue')} as pre_revenue_ss,
           sum(pre_orders)::text as pre_orders_s,
           ${sumOfProducts('pre_orders', 'pre_orders')} as pre_orders_ss,
           ${sumOfProducts('pre_revenue', 'revenue')} as revenue_by_revenue,
           ${sumOfProducts('pre_revenue', 'profit')} as revenue_by_profit,
           ${sumOfProducts('pre_orders', 'orders')} as orders_by_orders
      -- offset 0 keeps the subquery whole, so each customer's flag is computed once, not per sum.
      from (select *, ${allSmall} as small from per_customer offset 0) c
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

const exposureSpan = async (db: Kysely<DB>, q: MetricQuery): Promise<ExposureSpan | null> => {
  const { rows } = await sql<{ first: Date | null; last: Date | null }>`
    select min(exposed_at) as first, max(exposed_at) as last
      from experiment_exposure
     where experiment_id = ${q.experimentId} and exposed_at < ${q.asOf}::timestamptz
  `.execute(db);
  const { first, last } = rows[0] ?? {};
  return first && last ? { first: new Date(first), last: new Date(last) } : null;
};

/** Whether any return was made after asOf, so the statement must take it back off. */
const returnsAfter = async (db: Kysely<DB>, asOf: Date): Promise<boolean> => {
  const { rows } = await sql<{ found: boolean }>`
    select exists (select 1 from order_return where created_at >= ${asOf}::timestamptz) as found
  `.execute(db);
  return rows[0]?.found === true;
};

/**
 * Settings for this statement alone. Hash joins and per-customer aggregates over a million
 * exposures need more than PostgreSQL's default 4 MB of work memory, or they spill to disk in
 * batches. JIT compilation is off: at a million exposures its inlining and optimisation took
 * 3.6 of 18 s (bench/experiment-results.bench.ts) and saved less than that.
 */
const STATEMENT_SETTINGS = [`set local work_mem = '256MB'`, `set local jit = off`];

/** Runs `work` on the statement in a transaction with the statement's own settings. */
const withStatement = <T>(
  db: Kysely<DB>,
  query: MetricQuery,
  work: (trx: Kysely<DB>, statement: RawBuilder<Row>) => Promise<T>,
  none: T,
): Promise<T> =>
  db.transaction().execute(async (trx) => {
    const span = await exposureSpan(trx, query);
    if (!span) return none;
    const late = await returnsAfter(trx, query.asOf);
    for (const setting of STATEMENT_SETTINGS) await sql.raw(setting).execute(trx);
    return work(trx, statement(query, span, late));
  });

/** The experiment's outcomes per arm × cohort × RFM segment × lifecycle stage, as of `asOf`. */
export const experimentMetricCells = (db: Kysely<DB>, query: MetricQuery): Promise<MetricCell[]> =>
  withStatement(
    db,
    query,
    async (trx, statement) => (await statement.execute(trx)).rows.map(toCell),
    [],
  );

/** EXPLAIN ANALYZE of the statement as experimentMetricCells runs it, for the benchmark. */
export const explainExperimentMetrics = (db: Kysely<DB>, query: MetricQuery): Promise<string> =>
  withStatement(
    db,
    query,
    async (trx, statement) => {
      const { rows } = await sql<{
        'QUERY PLAN': string;
      }>`explain (analyze, buffers) ${statement}`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    },
    'no exposures',
  );
