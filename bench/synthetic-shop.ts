import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';

/**
 * Generates a large synthetic shop straight in the database with generate_series, so a million
 * customers and ten million orders take a couple of minutes instead of an import's hours.
 *
 * Each customer is acquired on a day in the three years before `end`, buys at a personal rate
 * drawn from a gamma-like mix (exponential of an exponential) and may drop out, so the data has
 * the heterogeneity that RFM quintiles and the CLV models are built for. Channels, stores and
 * basket values vary. Orders carry no lines. By default they earn no points (analytics reads
 * sales_order only); with `loyalty` each order also earns points in the ledger (one earn.order entry
 * per order, a point per 100 minor units) and about 3 % of orders are returned, in full or in half,
 * ten days later (before `end`), so readers of the ledger and returns see a loyalty programme's volumes.
 */
export interface SyntheticShopOptions {
  customers: number;
  /** Average orders per customer; the total is close to customers × this. */
  ordersPerCustomer: number;
  end: Date;
  currency: string;
  /** Called after each chunk of customers with the running totals. */
  onProgress?: (done: { customers: number; orders: number }) => void;
  chunk?: number;
  /** Also write points accounts, an earn entry per order and returns for ~3 % of orders. */
  loyalty?: boolean;
}

const DAY_SECONDS = 86_400;
const SPAN_DAYS = 3 * 365;

const insertCustomers = (db: Kysely<DB>, from: number, to: number, end: Date) =>
  sql`
  insert into customer (id, email, first_name, attributes, created_at, updated_at)
  select 'cus_syn' || lpad(g::text, 8, '0'),
         'syn' || g || '@example.com',
         'Customer ' || g,
         '{}'::jsonb,
         ${end}::timestamptz - make_interval(secs => ((hashint4(g) & 2147483647) % ${SPAN_DAYS}) * ${DAY_SECONDS}),
         ${end}::timestamptz
    from generate_series(${from}::int, ${to}::int) g
`.execute(db);

// The order count per customer is 1 + floor(mean × -ln(u)): at least one order, a long tail.
// Each order falls uniformly between acquisition and a personal dropout instant before `end`.
const insertOrders = (db: Kysely<DB>, from: number, to: number, options: SyntheticShopOptions) =>
  sql`
  insert into sales_order (id, external_id, customer_id, currency, channel, store_id, placed_at,
                           total_minor, points_earned, created_at)
  select 'ord_syn' || c.g || '_' || k,
         'syn-' || c.g || '-' || k,
         'cus_syn' || lpad(c.g::text, 8, '0'),
         ${options.currency},
         (array['web', 'web', 'pos', 'app'])[1 + (hashint4(c.g * 31 + k) & 3)],
         case when (hashint4(c.g * 31 + k) & 3) = 2 then 'store-' || (c.g % 12) else null end,
         case when k = 0 then c.acquired
              else c.acquired + (c.alive_until - c.acquired) * random() end,
         (500 + floor(random() * 6000 * c.spend_level))::int,
         0,
         ${options.end}::timestamptz
    from (select g,
                 created_at as acquired,
                 created_at + (${options.end}::timestamptz - created_at) * (0.2 + 0.8 * random()) as alive_until,
                 (1 + floor(${options.ordersPerCustomer - 1} * -ln(1 - random()) * -ln(1 - random())))::int
                   as orders,
                 0.3 + random() * 1.4 as spend_level
            from generate_series(${from}::int, ${to}::int) g
            join customer c on c.id = 'cus_syn' || lpad(g::text, 8, '0')) c
    cross join lateral generate_series(0, c.orders - 1) k
`.execute(db);

const customerRange = (from: number, to: number) =>
  sql`between ${'cus_syn' + String(from).padStart(8, '0')} and ${'cus_syn' + String(to).padStart(8, '0')}`;

// Balances on the accounts are left at zero: nothing here reads them, and the entries alone are
// what the experiment and analytics queries sum.
const insertLoyalty = async (db: Kysely<DB>, from: number, to: number, end: Date) => {
  const range = customerRange(from, to);
  await sql`
    insert into ledger_account (id, customer_id, kind)
    select c.id || ':points', c.id, 'member_points' from customer c where c.id ${range}
  `.execute(db);
  await sql`
    insert into ledger_entry (id, customer_id, debit_account_id, credit_account_id, points, code,
                              idempotency_key, order_id, effective_at, created_at)
    select 'le_' || o.id, o.customer_id, 'sys:issued', o.customer_id || ':points',
           greatest(1, o.total_minor / 100), 'earn.order', 'syn:' || o.id, o.id, o.placed_at,
           o.placed_at
      from sales_order o where o.customer_id ${range}
  `.execute(db);
  await sql`
    insert into order_return (id, order_id, customer_id, amount_minor, points_reversed,
                              points_unrecovered, created_at)
    select 'ret_' || o.id, o.id, o.customer_id,
           case when hashint4(o.total_minor::int) & 1 = 0 then o.total_minor else o.total_minor / 2 end,
           0, 0, o.placed_at + interval '10 days'
      from sales_order o
     where o.customer_id ${range} and (hashtext(o.id) & 2147483647) % 33 = 0
       and o.placed_at < ${end}::timestamptz - interval '10 days'
  `.execute(db);
};

/** The lookups the repositories write beside customers and orders (docs/scale.md). */
const insertLookups = async (db: Kysely<DB>, from: number, to: number) => {
  const range = customerRange(from, to);
  await sql`
    insert into customer_email (email, customer_id)
    select c.email, c.id from customer c where c.id ${range} and c.email is not null
  `.execute(db);
  await sql`
    insert into sales_order_external (external_id, customer_id, order_id)
    select o.external_id, o.customer_id, o.id from sales_order o where o.customer_id ${range}
  `.execute(db);
};

export const generateSyntheticShop = async (
  db: Kysely<DB>,
  options: SyntheticShopOptions,
): Promise<{ customers: number; orders: number }> => {
  const chunk = options.chunk ?? 50_000;
  let orders = 0;
  for (let from = 1; from <= options.customers; from += chunk) {
    const to = Math.min(options.customers, from + chunk - 1);
    await insertCustomers(db, from, to, options.end);
    const result = await insertOrders(db, from, to, options);
    orders += Number(result.numAffectedRows ?? 0);
    await insertLookups(db, from, to);
    if (options.loyalty) await insertLoyalty(db, from, to, options.end);
    options.onProgress?.({ customers: to, orders });
  }
  await sql`analyze customer`.execute(db);
  await sql`analyze sales_order`.execute(db);
  if (options.loyalty) {
    await sql`analyze ledger_entry`.execute(db);
    await sql`analyze order_return`.execute(db);
  }
  return { customers: options.customers, orders };
};
