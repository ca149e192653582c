import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  Order,
  OrderLineRow,
  OrderRepository,
  OrderReturn,
  OrderRow,
} from '../core/orders/orders.js';
import { orderExternalRow, orderLineRow, orderRow } from './rows.js';
import { lockByCustomer } from './lock-by-customer.js';
import type { DB, SalesOrderTable } from './schema.js';

const groupBy = <T>(items: T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};

/** Orders with their lines and what of each line was returned, for any number of orders. */
export const hydrateOrders = async (
  db: Kysely<DB>,
  rows: Selectable<SalesOrderTable>[],
): Promise<Order[]> => {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // By customer and order: the lines' key starts with the customer (docs/scale.md).
  const customers = [...new Set(rows.map((r) => r.customer_id))];
  const [lines, returned] = await Promise.all([
    db
      .selectFrom('order_line')
      .selectAll()
      .where('customer_id', 'in', customers)
      .where('order_id', 'in', ids)
      .orderBy('line_no')
      .execute(),
    db
      .selectFrom('order_return_line')
      .select(['order_id', 'line_no', (eb) => eb.fn.sum<number>('quantity').as('quantity')])
      .where('customer_id', 'in', customers)
      .where('order_id', 'in', ids)
      .groupBy(['order_id', 'line_no'])
      .execute(),
  ]);
  const linesByOrder = groupBy(lines, (l) => l.order_id);
  const returnedByLine = new Map(
    returned.map((x) => [`${x.order_id}#${x.line_no}`, Number(x.quantity)]),
  );
  return rows.map((r) => ({
    id: r.id,
    externalId: r.external_id,
    customerId: r.customer_id,
    currency: r.currency,
    channel: r.channel,
    storeId: r.store_id,
    placedAt: r.placed_at,
    totalMinor: r.total_minor,
    pointsEarned: r.points_earned,
    createdAt: r.created_at,
    lines: (linesByOrder.get(r.id) ?? []).map((l) => ({
      lineNo: l.line_no,
      sku: l.sku,
      name: l.name,
      category: l.category,
      quantity: l.quantity,
      unitPriceMinor: l.unit_price_minor,
      returnedQuantity: returnedByLine.get(`${r.id}#${l.line_no}`) ?? 0,
    })),
  }));
};

/** The returns of any number of orders with their lines, each order's in the order they were made. */
export const returnsOfOrders = async (
  db: Kysely<DB>,
  orderIds: string[],
): Promise<OrderReturn[]> => {
  if (orderIds.length === 0) return [];
  const [rows, lines] = await Promise.all([
    db
      .selectFrom('order_return')
      .selectAll()
      .where('order_id', 'in', orderIds)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('order_return_line').selectAll().where('order_id', 'in', orderIds).execute(),
  ]);
  const linesByReturn = groupBy(lines, (l) => l.return_id);
  return rows.map((r) => ({
    id: r.id,
    orderId: r.order_id,
    customerId: r.customer_id,
    externalId: r.external_id,
    reason: r.reason,
    amountMinor: r.amount_minor,
    pointsReversed: r.points_reversed,
    pointsUnrecovered: r.points_unrecovered,
    createdAt: r.created_at,
    lines: (linesByReturn.get(r.id) ?? []).map((l) => ({
      lineNo: l.line_no,
      quantity: l.quantity,
      amountMinor: l.amount_minor,
    })),
  }));
};

/** The rows of a return and its lines, as the two tables take them. */
export const returnRows = (ret: OrderReturn) => ({
  row: {
    id: ret.id,
    order_id: ret.orderId,
    customer_id: ret.customerId,
    external_id: ret.externalId,
    reason: ret.reason,
    amount_minor: ret.amountMinor,
    points_reversed: ret.pointsReversed,
    points_unrecovered: ret.pointsUnrecovered,
    created_at: ret.createdAt,
  } satisfies Insertable<DB['order_return']>,
  lines: ret.lines.map((l): Insertable<DB['order_return_line']> => ({
    return_id: ret.id,
    customer_id: ret.customerId,
    order_id: ret.orderId,
    line_no: l.lineNo,
    quantity: l.quantity,
    amount_minor: l.amountMinor,
  })),
});

/**
 * The orders these external ids name: found in the lookup table first, then read by customer and
 * id, so on Citus each read goes to the shards that hold them.
 */
export const ordersByExternalIds = async (
  db: Kysely<DB>,
  externalIds: string[],
  options: { forUpdate?: boolean } = {},
): Promise<Selectable<SalesOrderTable>[]> => {
  if (externalIds.length === 0) return [];
  const found = await db
    .selectFrom('sales_order_external')
    .select(['customer_id', 'order_id'])
    .where('external_id', 'in', externalIds)
    .execute();
  if (found.length === 0) return [];
  if (options.forUpdate)
    return lockByCustomer(
      found.map((o) => o.customer_id),
      (customerId) =>
        db
          .selectFrom('sales_order')
          .selectAll()
          .where('customer_id', '=', customerId)
          .where(
            'id',
            'in',
            found.filter((o) => o.customer_id === customerId).map((o) => o.order_id),
          )
          .orderBy('id')
          .forUpdate()
          .execute(),
    );
  return db
    .selectFrom('sales_order')
    .selectAll()
    .where('customer_id', 'in', [...new Set(found.map((o) => o.customer_id))])
    .where(
      'id',
      'in',
      found.map((o) => o.order_id),
    )
    .orderBy('id')
    .execute();
};

export const orderRepository = (db: Kysely<DB>): OrderRepository => {
  const hydrate = (rows: Selectable<SalesOrderTable>[]) => hydrateOrders(db, rows);
  const returnsOf = (orderId: string) => returnsOfOrders(db, [orderId]);

  return {
    insertIfAbsent: async (order: OrderRow, lines: OrderLineRow[]) => {
      // The external id is claimed in its lookup (unique across all customers; docs/scale.md):
      // only the claimer writes the order, so a resent order is found by the claim itself.
      const claimed = await db
        .insertInto('sales_order_external')
        .values(orderExternalRow(order))
        .onConflict((oc) => oc.column('external_id').doNothing())
        .returning('order_id')
        .executeTakeFirst();
      if (!claimed) return false;
      await db.insertInto('sales_order').values(orderRow(order)).execute();
      await db
        .insertInto('order_line')
        .values(lines.map((l) => orderLineRow(order, l)))
        .execute();
      return true;
    },
    findById: async (id) =>
      (
        await hydrate(await db.selectFrom('sales_order').selectAll().where('id', '=', id).execute())
      )[0] ?? null,
    findByExternalId: async (externalId) => {
      const [found] = await ordersByExternalIds(db, [externalId]);
      return found ? ((await hydrate([found]))[0] ?? null) : null;
    },
    lockOrder: async (id) => {
      // Whose order it is first, so the lock names the customer (one shard on Citus).
      const owner = await db
        .selectFrom('sales_order')
        .select('customer_id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!owner) return;
      await db
        .selectFrom('sales_order')
        .select('id')
        .where('customer_id', '=', owner.customer_id)
        .where('id', '=', id)
        .forUpdate()
        .execute();
    },
    insertReturn: async (ret) => {
      const { row, lines } = returnRows(ret);
      const inserted = await db
        .insertInto('order_return')
        .values(row)
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      await db.insertInto('order_return_line').values(lines).execute();
      return true;
    },
    findReturn: async (orderId, externalId) =>
      (await returnsOf(orderId)).find((r) => r.externalId === externalId) ?? null,
    returnsOf,
    listForCustomer: async (customerId, limit) =>
      hydrate(
        await db
          .selectFrom('sales_order')
          .selectAll()
          .where('customer_id', '=', customerId)
          .orderBy('placed_at', 'desc')
          .limit(limit)
          .execute(),
      ),
  };
};
