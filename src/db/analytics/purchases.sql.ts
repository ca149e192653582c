import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema.js';

/** What every analytics query needs to know about the programme to read orders the same way. */
export interface PurchaseScope {
  /** Only orders in this currency count: money of different currencies is never summed. */
  currency: string;
  /** Calendar days and periods are those of the programme's time zone. */
  timeZone: string;
}

/**
 * The one definition of "a purchase" that every analytics query builds on, as a subquery with
 * columns order_id, customer_id, channel, store_id, placed_at, day (calendar date in the
 * programme's time zone) and net_minor (order total less everything returned from it).
 *
 * An order returned in full is not a purchase: the customer kept nothing. A zero-value order is
 * (a free sample still brought the customer back), with no revenue. Returns count whenever they
 * happened, so a late return revises the past; analytics are recomputed, not append-only.
 * sales_order.returned_minor (kept by a trigger on order_return) is what was returned, so no
 * order is joined with its returns here.
 */
export const purchasesOf = (scope: PurchaseScope): RawBuilder<unknown> => sql`
  (select o.id as order_id, o.customer_id, o.channel, o.store_id, o.placed_at,
          (o.placed_at at time zone ${scope.timeZone})::date as day,
          o.total_minor - o.returned_minor as net_minor
     from sales_order o
    where o.currency = ${scope.currency}
      and not (o.total_minor > 0 and o.returned_minor >= o.total_minor))
`;

/** First and last purchase day in the programme's calendar; nulls when nobody has bought. */
export const purchaseDayRange = async (
  db: Kysely<DB>,
  scope: PurchaseScope,
): Promise<{ first: string | null; last: string | null }> => {
  const { rows } = await sql<{ first: string | null; last: string | null }>`
    select to_char(min(p.day), 'YYYY-MM-DD') as first, to_char(max(p.day), 'YYYY-MM-DD') as last
      from ${purchasesOf(scope)} p
  `.execute(db);
  return rows[0] ?? { first: null, last: null };
};

/**
 * The local date of the newest order in the currency, whatever its filters or returns: where the
 * data ends (a backward scan of the (placed_at) index). Null when there is none.
 */
export const lastOrderDay = async (
  db: Kysely<DB>,
  scope: PurchaseScope,
): Promise<string | null> => {
  const { rows } = await sql<{ day: string | null }>`
    select to_char((max(placed_at) at time zone ${scope.timeZone})::date, 'YYYY-MM-DD') as day
      from sales_order where currency = ${scope.currency}
  `.execute(db);
  return rows[0]?.day ?? null;
};
