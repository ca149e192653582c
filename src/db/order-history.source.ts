import { sql, type Kysely } from 'kysely';
import type { SimulationOrder, SimulationSource } from '../core/rules/rules.simulate.js';
import type { DB } from './schema.js';

const PAGE_SIZE = 1_000;

interface Cursor {
  placedAt: Date;
  id: string;
}

const page = (db: Kysely<DB>, from: Date, to: Date, after: Cursor | null) =>
  db
    .selectFrom('sales_order as o')
    .innerJoin('customer as c', 'c.id', 'o.customer_id')
    .leftJoin('member_tier as mt', 'mt.customer_id', 'c.id')
    .leftJoin('customer_analytics as ca', 'ca.customer_id', 'c.id')
    .select([
      'o.id',
      'o.customer_id',
      'o.currency',
      'o.channel',
      'o.store_id',
      'o.placed_at',
      'c.attributes',
      'mt.tier_code',
      'ca.rfm_segment',
      'ca.lifecycle_stage',
      sql<string[]>`array(select s.key from segment_member m join segment s on s.id = m.segment_id
        where m.customer_id = c.id and s.archived_at is null order by s.key)`.as('segment_keys'),
      // The customer's order number counts every earlier order, also those before the period.
      sql<number>`(select count(*) from sales_order p where p.customer_id = o.customer_id
        and (p.placed_at, p.id) <= (o.placed_at, o.id))::int`.as('order_number'),
    ])
    .where('o.placed_at', '>=', from)
    .where('o.placed_at', '<', to)
    .$if(after !== null, (q) =>
      q.where(sql<boolean>`(o.placed_at, o.id) > (${after!.placedAt}, ${after!.id})`),
    )
    .orderBy('o.placed_at')
    .orderBy('o.id')
    .limit(PAGE_SIZE)
    .execute();

// By customer and order: the lines' key starts with the customer (docs/scale.md).
const linesOf = (db: Kysely<DB>, orders: { id: string; customer_id: string }[]) =>
  db
    .selectFrom('order_line')
    .select(['order_id', 'sku', 'category', 'quantity', 'unit_price_minor'])
    .where('customer_id', 'in', [...new Set(orders.map((o) => o.customer_id))])
    .where(
      'order_id',
      'in',
      orders.map((o) => o.id),
    )
    .execute();

/**
 * Past orders for rule simulation, oldest first, a page at a time so a year of orders never sits
 * in memory at once. Members replay with the tier and segments they have today (their history is
 * not kept), as the live rules would see them now.
 */
export const orderHistorySource = (db: Kysely<DB>): SimulationSource => ({
  ordersBetween: async function* (from, to): AsyncIterable<SimulationOrder> {
    let after: Cursor | null = null;
    for (;;) {
      const rows = await page(db, from, to, after);
      if (rows.length === 0) return;
      const lines = await linesOf(db, rows);
      const byOrder = new Map<string, SimulationOrder['order']['lines']>();
      for (const l of lines) {
        const list = byOrder.get(l.order_id) ?? [];
        list.push({
          sku: l.sku,
          category: l.category,
          quantity: l.quantity,
          unitPriceMinor: l.unit_price_minor,
        });
        byOrder.set(l.order_id, list);
      }
      for (const r of rows) {
        yield {
          orderId: r.id,
          customerId: r.customer_id,
          placedAt: r.placed_at,
          customer: {
            tier: r.tier_code,
            segments: [r.rfm_segment, r.lifecycle_stage, ...(r.segment_keys ?? [])].filter(
              (k): k is string => Boolean(k),
            ),
            attributes: r.attributes ?? {},
          },
          order: {
            currency: r.currency,
            channel: r.channel,
            storeId: r.store_id,
            orderNumber: r.order_number,
            lines: byOrder.get(r.id) ?? [],
          },
        };
      }
      const last = rows[rows.length - 1]!;
      after = { placedAt: last.placed_at, id: last.id };
      if (rows.length < PAGE_SIZE) return;
    }
  },
});
