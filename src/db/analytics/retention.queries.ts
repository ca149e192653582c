import { sql, type Kysely } from 'kysely';
import type { GapStats } from '../../core/analytics/active-window.js';
import type {
  GapRequest,
  RetentionCounts,
  RetentionRequest,
  RetentionSource,
} from '../../core/analytics/retention.js';
import { addDaysToDate } from '../../core/analytics/periods.js';
import type { DB } from '../schema.js';
import { filteredPurchasesOf } from './filters.sql.js';
import { dateParam, nextPeriodSql, periodSeries, periodStartSql } from './periods.sql.js';
import { lastOrderDay } from './purchases.sql.js';

interface Row {
  period_start: string;
  period_end: string;
  customers_at_start: number;
  customers_at_end: number;
  churned: number;
  reactivated: number;
  buyers: number;
  new_buyers: number;
  orders: number;
  new_orders: number;
  revenue_minor: number;
  new_revenue_minor: number;
  repeat_buyers: number;
  intervals: number;
  mean_days: number | null;
  median_days: number | null;
}

/**
 * One statement for the whole report, linear in the visits it reads (no customers × periods
 * product). The filtered purchases are reduced to visits (customer, local day) from `cutoff` =
 * first period start − activeDays on. Older history matters only through each customer's first
 * and last purchase day before the cutoff, so it is folded into one pseudo-visit per customer
 * (day: the last of them; first_day: the first), grouped under the key day cutoff − 1 so that one
 * sort serves both the grouping and the windows. A visit before the cutoff is outside every active
 * window of the report, so base, churn and reactivation come out the same; the pseudo-visit's
 * orders and revenue are never read (it lies before the first period).
 *
 * Window functions over (customer, key day) give every visit the previous, second-previous and
 * next visit, the first day ever, and the last visit before its own period (`entered_after`):
 *
 * - The active base at a boundary b holds the customers whose last visit v before b has
 *   v ≥ b − activeDays, i.e. b ∈ (v, min(next, v + activeDays)]: one interval per visit,
 *   disjoint per customer, so base(b) is a running sum of +1/−1 events by day.
 * - A customer churns in the period containing v + activeDays, where v is their last visit before
 *   that period's end, when they were in the base at its start.
 * - Everything else is a count over the visits of each period, in one grouping.
 */
const statement = (r: RetentionRequest) => {
  const g = r.granularity;
  const first = r.periods[0]!.start;
  const last = r.periods[r.periods.length - 1]!.end;
  const cutoff = addDaysToDate(first, -r.activeDays);
  const active = sql<number>`${r.activeDays}::int`;
  const lapseDay = sql`day + ${active}`;
  const lapsePeriod = periodStartSql(g, lapseDay);
  const periodEnd = nextPeriodSql(g, sql`period_start`);
  const firstInPeriod = sql`(prev_day is null or prev_day < period_start)`;
  const isNew = sql`first_day >= period_start`;
  return sql<Row>`
    with visit as materialized (
      select customer_id, day, orders, revenue_minor, period_start, prev_day, prev2_day, next_day,
             first_day,
             max(case when prev_day < period_start then prev_day end) over (
               partition by customer_id order by key_day rows between unbounded preceding and current row
             ) as entered_after
        from (select customer_id, key_day, day, orders, revenue_minor,
                     ${periodStartSql(g, sql`day`)} as period_start,
                     lag(day) over w as prev_day,
                     lag(day, 2) over w as prev2_day,
                     lead(day) over w as next_day,
                     first_value(first_day) over w as first_day
                from (select p.customer_id,
                             case when p.day < ${dateParam(cutoff)} then ${dateParam(cutoff)} - 1
                                  else p.day end as key_day,
                             max(p.day) as day,
                             min(p.day) as first_day,
                             count(*) as orders,
                             sum(p.net_minor) as revenue_minor
                        from ${filteredPurchasesOf(r.scope, r.filter, { before: last })} as p
                       group by 1, 2) as d
              window w as (partition by customer_id order by key_day)) as s
    ),
    period as ${periodSeries(g, first, last)},
    event as (
      select e.at, sum(e.delta) as delta
        from visit
       cross join lateral (values (day + 1, 1),
                                  (least(next_day, ${lapseDay}) + 1, -1)) as e (at, delta)
       where e.at <= ${dateParam(last)}
       group by e.at
    ),
    base as (
      select b.at, coalesce(sum(e.delta), 0) as customers
        from (select period_start as at from period union select period_end from period) as b
        left join event e on e.at <= b.at
       group by b.at
    ),
    churn as (
      select ${lapsePeriod} as period_start, count(*) as churned
        from visit
       where ${lapseDay} >= ${dateParam(first)} and ${lapseDay} < ${dateParam(last)}
         and (next_day is null or next_day >= ${nextPeriodSql(g, lapsePeriod)})
         and (day < ${lapsePeriod} or entered_after >= ${lapsePeriod} - ${active})
       group by 1
    ),
    activity as (
      select period_start,
             count(*) filter (where ${firstInPeriod}) as buyers,
             count(*) filter (where ${firstInPeriod} and ${isNew}) as new_buyers,
             sum(orders) as orders,
             coalesce(sum(orders) filter (where ${isNew}), 0) as new_orders,
             sum(revenue_minor) as revenue_minor,
             coalesce(sum(revenue_minor) filter (where ${isNew}), 0) as new_revenue_minor,
             count(*) filter (where prev_day >= period_start
                                and (prev2_day is null or prev2_day < period_start)) as repeat_buyers,
             count(*) filter (where (next_day is null or next_day >= ${periodEnd})
                                and day >= ${periodEnd} - ${active}
                                and first_day < period_start
                                and entered_after < period_start - ${active}) as reactivated,
             count(prev_day) as intervals,
             avg(day - prev_day)::float8 as mean_days,
             percentile_cont(0.5) within group (order by day - prev_day) as median_days
        from visit
       where day >= ${dateParam(first)}
       group by period_start
    )
    select p.period_start, p.period_end,
           coalesce(bs.customers, 0) as customers_at_start,
           coalesce(be.customers, 0) as customers_at_end,
           coalesce(c.churned, 0) as churned,
           coalesce(a.reactivated, 0) as reactivated,
           coalesce(a.buyers, 0) as buyers,
           coalesce(a.new_buyers, 0) as new_buyers,
           coalesce(a.orders, 0) as orders,
           coalesce(a.new_orders, 0) as new_orders,
           coalesce(a.revenue_minor, 0) as revenue_minor,
           coalesce(a.new_revenue_minor, 0) as new_revenue_minor,
           coalesce(a.repeat_buyers, 0) as repeat_buyers,
           coalesce(a.intervals, 0) as intervals,
           a.mean_days, a.median_days
      from period p
      left join base bs on bs.at = p.period_start
      left join base be on be.at = p.period_end
      left join churn c on c.period_start = p.period_start
      left join activity a on a.period_start = p.period_start
     order by p.period_start
  `;
};

const toCounts = (row: Row): RetentionCounts => ({
  start: row.period_start,
  end: row.period_end,
  customersAtStart: Number(row.customers_at_start),
  customersAtEnd: Number(row.customers_at_end),
  churned: Number(row.churned),
  reactivated: Number(row.reactivated),
  buyers: Number(row.buyers),
  newBuyers: Number(row.new_buyers),
  orders: Number(row.orders),
  newOrders: Number(row.new_orders),
  revenueMinor: Number(row.revenue_minor),
  newRevenueMinor: Number(row.new_revenue_minor),
  repeatBuyers: Number(row.repeat_buyers),
  intervals: Number(row.intervals),
  meanDaysBetween: row.mean_days === null ? null : Number(row.mean_days),
  medianDaysBetween: row.median_days === null ? null : Number(row.median_days),
});

/**
 * The gaps between consecutive visits (distinct purchase days) of each customer, from the same
 * filtered purchases the report reads, and their percentile as percentile_disc: the smallest gap
 * at or below which that share of the gaps lies, so always a gap that happened.
 */
const gapStatement = (r: GapRequest) => sql<{ gaps: number; gap_days: number | null }>`
  select count(*) as gaps,
         percentile_disc(${r.percentile}::float8) within group (order by gap) as gap_days
    from (select day - lag(day) over (partition by customer_id order by day) as gap
            from (select distinct p.customer_id, p.day
                    from ${filteredPurchasesOf(r.scope, r.filter, { before: r.before })} as p) as v
         ) as g
   where gap is not null
`;

/** Retention counts computed in the database, one statement per report. */
export const retentionQueries = (db: Kysely<DB>): RetentionSource => ({
  retentionCounts: async (request) => {
    const { rows } = await statement(request).execute(db);
    return rows.map(toCounts);
  },
  purchaseGaps: async (request): Promise<GapStats> => {
    const { rows } = await gapStatement(request).execute(db);
    const row = rows[0];
    return {
      gaps: Number(row?.gaps ?? 0),
      gapDays: row?.gap_days === null || row?.gap_days === undefined ? null : Number(row.gap_days),
    };
  },
  lastOrderDay: (scope) => lastOrderDay(db, scope),
});
