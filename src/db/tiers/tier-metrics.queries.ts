import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { MemberTier, MetricRequest, TierMetric } from '../../core/tiers/tiers.js';
import type { DB } from '../schema.js';

/**
 * The tier metric as SQL, for one member or many in one statement: each request is a row of a
 * VALUES list `w(i, customer_id, start_at, end_at)` and the metric a correlated aggregate over
 * that member's rows in the window [start_at, end_at) (end_at null = open). The tables read are
 * the orders' and the ledger's: tiers only aggregate them, never write them.
 */

const EARN_CODES = ['earn.order', 'earn.order.pending', 'earn.award'];
const REVERSAL_CODES = ['pending.void', 'reverse.return', 'reverse.award'];

const inWindow = (column: string) =>
  sql`${sql.ref(column)} >= w.start_at and (w.end_at is null or ${sql.ref(column)} < w.end_at)`;

const returnedOf = sql`(select coalesce(sum(r.amount_minor), 0) from order_return r
  where r.customer_id = o.customer_id and r.order_id = o.id)`;

/** Spend in the programme currency, each order net of what was returned of it (whenever). */
const spend = (currency: string) => sql<number>`(
  select coalesce(sum(greatest(o.total_minor - ${returnedOf}, 0)), 0)
  from sales_order o
  where o.customer_id = w.customer_id and o.currency = ${currency} and ${inWindow('o.placed_at')}
)`;

/** Orders of any currency that were not returned in full. */
const orders = sql<number>`(
  select count(*)
  from sales_order o
  where o.customer_id = w.customer_id and ${inWindow('o.placed_at')}
    and ${returnedOf} < greatest(o.total_minor, 1)
)`;

/** Points earned (orders, pending included, and awards) minus points taken back, by ledger date. */
const points = sql<number>`greatest((
  select coalesce(sum(case when e.code in (${sql.join(EARN_CODES)}) then e.points else -e.points end), 0)
  from ledger_entry e
  where e.customer_id = w.customer_id
    and e.code in (${sql.join([...EARN_CODES, ...REVERSAL_CODES])})
    and ${inWindow('e.effective_at')}
), 0)`;

const metricSql = (metric: TierMetric, currency: string): RawBuilder<number> =>
  metric === 'spend' ? spend(currency) : metric === 'orders' ? orders : points;

const windowRows = (requests: MetricRequest[]) =>
  sql.join(
    requests.map(
      (r, i) =>
        sql`(${i}::integer, ${r.customerId}::text, ${r.window.start}::timestamptz, ${r.window.end}::timestamptz)`,
    ),
  );

interface StandingRow {
  i: number;
  customer_id: string;
  value: number | string;
  tier_code: string | null;
  since: Date | null;
  review_at: Date | null;
}

/** The metric over each window, with the member's current tier read in the same statement. */
export const standingsOf = async (
  db: Kysely<DB>,
  metric: TierMetric,
  currency: string,
  requests: MetricRequest[],
): Promise<{ value: number; member: MemberTier | null }[]> => {
  if (requests.length === 0) return [];
  const { rows } = await sql<StandingRow>`
    select w.i, w.customer_id, ${metricSql(metric, currency)} as value,
           mt.tier_code, mt.since, mt.review_at
    from (values ${windowRows(requests)}) as w(i, customer_id, start_at, end_at)
    left join member_tier mt on mt.customer_id = w.customer_id
    order by w.i
  `.execute(db);
  return rows.map((r) => ({
    value: Number(r.value),
    member:
      r.tier_code && r.since
        ? {
            customerId: r.customer_id,
            tierCode: r.tier_code,
            since: new Date(r.since),
            reviewAt: r.review_at ? new Date(r.review_at) : null,
          }
        : null,
  }));
};
