import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  MemberTier,
  MetricRequest,
  MetricWindow,
  PlacementBatch,
  TierMetric,
} from '../../core/tiers/tiers.js';
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
  customer_id: string;
  value: number | string;
  tier_code: string | null;
  since: Date | null;
  review_at: Date | null;
}

const memberOf = (r: StandingRow): MemberTier | null =>
  r.tier_code && r.since
    ? {
        customerId: r.customer_id,
        tierCode: r.tier_code,
        since: new Date(r.since),
        reviewAt: r.review_at ? new Date(r.review_at) : null,
      }
    : null;

/** The metric over each window, with the member's current tier read in the same statement. */
export const standingsOf = async (
  db: Kysely<DB>,
  metric: TierMetric,
  currency: string,
  requests: MetricRequest[],
): Promise<{ value: number; member: MemberTier | null }[]> => {
  if (requests.length === 0) return [];
  const { rows } = await sql<StandingRow & { i: number }>`
    select w.i, w.customer_id, ${metricSql(metric, currency)} as value,
           mt.tier_code, mt.since, mt.review_at
    from (values ${windowRows(requests)}) as w(i, customer_id, start_at, end_at)
    left join member_tier mt on mt.customer_id = w.customer_id
    order by w.i
  `.execute(db);
  return rows.map((r) => ({ value: Number(r.value), member: memberOf(r) }));
};

/**
 * Tier placement's measurement of one keyset batch: the next `limit` customers by id after
 * `after`, all over the same window (the current one), as a range of the primary key rather than
 * a list of ids. A first statement finds the batch's size and last id; the second measures every
 * customer of the range and returns, with the tier they hold, those whose value reaches a tier
 * ranked above it: a batch where nobody can move returns no rows.
 */
export const placementStandings = async (
  db: Kysely<DB>,
  metric: TierMetric,
  currency: string,
  window: MetricWindow,
  batch: { after: string | null; limit: number },
): Promise<PlacementBatch> => {
  const after = batch.after === null ? sql`true` : sql`c.id > ${batch.after}`;
  const { rows: bounds } = await sql<{ n: number | string; last: string | null }>`
    select count(*) as n, max(b.id) as last
    from (select c.id from customer c where ${after} order by c.id limit ${batch.limit}) b
  `.execute(db);
  const measured = Number(bounds[0]?.n ?? 0);
  const last = bounds[0]?.last ?? null;
  if (measured === 0 || last === null) return { measured: 0, last: null, standings: [] };
  // "offset 0" keeps the measured rows a subquery of their own: the metric is computed once per
  // customer, not once more for the filter.
  const { rows } = await sql<StandingRow>`
    select s.customer_id, s.value, mt.tier_code, mt.since, mt.review_at
    from (
      select w.customer_id, ${metricSql(metric, currency)} as value
      from (
        select c.id as customer_id, ${window.start}::timestamptz as start_at,
               ${window.end}::timestamptz as end_at
        from customer c
        where ${after} and c.id <= ${last}
      ) as w
      offset 0
    ) as s
    left join member_tier mt on mt.customer_id = s.customer_id
    where coalesce((select h.rank from tier_definition h where h.code = mt.tier_code), 0)
          < (select max(d.rank) from tier_definition d where d.threshold <= s.value)
    order by s.customer_id
  `.execute(db);
  return {
    measured,
    last,
    standings: rows.map((r) => ({
      customerId: r.customer_id,
      value: Number(r.value),
      member: memberOf(r),
    })),
  };
};
