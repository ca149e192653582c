import { sql } from 'kysely';
import { openDatabase } from '../src/db/dialect.js';

/**
 * Issue 14, item 4: the figures of a data directory that holds the Online Retail import (by
 * `regulars demo` or `regulars import orders … --format online-retail`), for the before/after
 * table of cancellations imported as returns. Dates are read back in the file's calendar (the
 * demo's shift is undone: the first invoice is 2010-12-01 08:26 UTC).
 *
 *   npx tsx bench/cancellation-returns.ts DATA_DIR
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: npx tsx bench/cancellation-returns.ts DATA_DIR');
const FIRST_INVOICE = '2010-12-01T08:26:00Z';

const database = await openDatabase({ dataDir, command: 'bench cancellation-returns' });
const { db } = database;
try {
  const { rows: shift } = await sql<{ ms: number }>`
    select (extract(epoch from min(placed_at) - ${FIRST_INVOICE}::timestamptz) * 1000)::bigint as ms
      from sales_order`.execute(db);
  const offsetMs = Number(shift[0]?.ms ?? 0);
  const fileTime = sql`(o.placed_at - ${`${offsetMs / 1000} seconds`}::interval)`;
  const { rows: revenue } = await sql<{
    period: string;
    gross: number;
    returned: number;
    orders: number;
    purchases: number;
  }>`
    with r as (select order_id, sum(amount_minor) as returned from order_return group by order_id),
    p as (select to_char(${fileTime}, 'YYYY-MM') as month, o.total_minor,
                 coalesce(r.returned, 0) as returned
            from sales_order o left join r on r.order_id = o.id
           where o.currency = 'GBP'),
    periods(period, first_month, last_month) as (
      values ('all', '0000-00', '9999-99'), ('2011', '2011-01', '2011-12'),
             ('Dec 2011', '2011-12', '2011-12'))
    select periods.period, sum(p.total_minor) as gross, sum(p.returned) as returned,
           count(*) as orders,
           count(*) filter (where not (p.total_minor > 0 and p.returned >= p.total_minor)) as purchases
      from periods join p on p.month between periods.first_month and periods.last_month
     group by periods.period order by min(periods.first_month)`.execute(db);
  const pounds = (minor: number) =>
    (Number(minor) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 });
  process.stdout.write(`date shift undone: ${offsetMs / 86_400_000} days\n`);
  process.stdout.write(
    'period    | orders | purchases | gross GBP | returned GBP | net GBP | returned share\n',
  );
  for (const r of revenue) {
    const net = Number(r.gross) - Number(r.returned);
    const share = ((100 * Number(r.returned)) / Number(r.gross)).toFixed(1);
    process.stdout.write(
      `${r.period} | ${r.orders} | ${r.purchases} | ${pounds(r.gross)} | ${pounds(r.returned)} | ${pounds(net)} | ${share} %\n`,
    );
  }
  const { rows: returns } = await sql<{
    n: number;
    amount: number;
    reversed: number;
    unrecovered: number;
  }>`
    select count(*) as n, coalesce(sum(amount_minor), 0) as amount,
           coalesce(sum(points_reversed), 0) as reversed,
           coalesce(sum(points_unrecovered), 0) as unrecovered
      from order_return`.execute(db);
  process.stdout.write(`returns: ${JSON.stringify(returns[0])}\n`);

  const { rows: customer } = await sql<Record<string, unknown>>`
    select x.external_id as customer, a.rfm_segment, a.monetary_minor, a.frequency,
           (select count(*) + 1 from customer_analytics b
             where b.rfm_segment = a.rfm_segment and b.monetary_minor > a.monetary_minor) as rank_in_segment,
           (select credits_posted - debits_posted from ledger_account
             where customer_id = x.customer_id and kind = 'member_pending') as pending_points,
           (select credits_posted - debits_posted from ledger_account
             where customer_id = x.customer_id and kind = 'member_points') as balance_points
      from customer_external_id x
      left join customer_analytics a on a.customer_id = x.customer_id
     where x.source = 'online-retail' and x.external_id = '16446'`.execute(db);
  process.stdout.write(`customer 16446: ${JSON.stringify(customer[0])}\n`);
  const { rows: order } = await sql<Record<string, unknown>>`
    select o.external_id, o.total_minor, o.points_earned,
           (select json_agg(json_build_object('externalId', r.external_id, 'amountMinor', r.amount_minor,
                   'pointsReversed', r.points_reversed, 'at', r.created_at))
              from order_return r where r.order_id = o.id) as returns,
           (select json_agg(json_build_object('code', e.code, 'points', e.points) order by e.effective_at)
              from ledger_entry e where e.order_id = o.id) as entries
      from sales_order o where o.external_id = '581483'`.execute(db);
  process.stdout.write(`order 581483: ${JSON.stringify(order[0])}\n`);
  const { rows: champions } = await sql<Record<string, unknown>>`
    select x.external_id as customer, a.monetary_minor, a.frequency,
           (select credits_posted - debits_posted from ledger_account
             where customer_id = a.customer_id and kind = 'member_pending') as pending_points
      from customer_analytics a
      join customer_external_id x on x.customer_id = a.customer_id and x.source = 'online-retail'
     where a.rfm_segment = 'champions'
     order by a.monetary_minor desc limit 5`.execute(db);
  process.stdout.write(`top champions by monetary: ${JSON.stringify(champions)}\n`);
} finally {
  await database.close();
}
