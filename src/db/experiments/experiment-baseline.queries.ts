import { sql, type Kysely } from 'kysely';
import type { PopulationBaseline } from '../../core/experiments/power-plan.js';
import type { DB } from '../schema.js';

export interface BaselineQuery {
  /** null: every customer not erased. */
  segmentId: string | null;
  /** The window is [asOf − horizonDays, asOf). */
  asOf: Date;
  horizonDays: number;
  currency: string;
}

interface Row {
  customers: number;
  converted: number;
  revenue_s: string;
  revenue_ss: string;
  newcomers: number;
}

/**
 * What the population looked like over the last horizon: how many of its customers bought (the
 * repeat rate an experiment would start from), their net revenue's mean and variance (purchases
 * as analytics count them, in the programme currency), and how many joined in that window (the
 * daily inflow an open population would add). One statement; sums only.
 */
export const populationBaseline = async (
  db: Kysely<DB>,
  q: BaselineQuery,
): Promise<PopulationBaseline> => {
  const from = new Date(q.asOf.getTime() - q.horizonDays * 86_400_000);
  const member =
    q.segmentId === null
      ? sql`true`
      : sql`exists (select 1 from segment_member m
                     where m.customer_id = c.id and m.segment_id = ${q.segmentId})`;
  const { rows } = await sql<Row>`
    with population as materialized (
      select c.id, c.created_at from customer c where c.erased_at is null and ${member}
    ),
    returned as (
      select r.order_id, sum(r.amount_minor) as amount
        from order_return r
        join sales_order o on o.id = r.order_id
       where o.placed_at >= ${from} and o.placed_at < ${q.asOf} and r.created_at < ${q.asOf}
       group by r.order_id
    ),
    spent as (
      select o.customer_id, count(*) as orders, sum(o.total_minor - coalesce(r.amount, 0)) as net
        from sales_order o
        left join returned r on r.order_id = o.id
       where o.placed_at >= ${from} and o.placed_at < ${q.asOf} and o.currency = ${q.currency}
         and not (o.total_minor > 0 and coalesce(r.amount, 0) >= o.total_minor)
       group by o.customer_id
    )
    select count(*)::int as customers,
           (count(*) filter (where s.orders > 0))::int as converted,
           coalesce(sum(s.net), 0)::text as revenue_s,
           coalesce(sum(s.net::numeric * s.net), 0)::text as revenue_ss,
           (count(*) filter (where p.created_at >= ${from} and p.created_at < ${q.asOf}))::int
             as newcomers
      from population p
      left join spent s on s.customer_id = p.id
  `.execute(db);
  const row = rows[0]!;
  return {
    customers: Number(row.customers),
    converted: Number(row.converted),
    netRevenue: { sum: BigInt(row.revenue_s), sumSquares: BigInt(row.revenue_ss) },
    newcomers: Number(row.newcomers),
    windowDays: q.horizonDays,
  };
};

/** The segment exists and is not archived. */
export const activeSegmentExists = async (db: Kysely<DB>, segmentId: string): Promise<boolean> =>
  (await db
    .selectFrom('segment')
    .select('id')
    .where('id', '=', segmentId)
    .where('archived_at', 'is', null)
    .executeTakeFirst()) !== undefined;
