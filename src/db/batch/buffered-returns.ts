import type { Insertable, Kysely } from 'kysely';
import type { Order, OrderRepository, OrderReturn } from '../../core/orders/orders.js';
import {
  hydrateOrders,
  orderRepository,
  ordersByExternalIds,
  returnRows,
  returnsOfOrders,
} from '../orders.repository.js';
import type { DB } from '../schema.js';
import { unsupportedInBatch } from './buffered-ledger.js';
import { insertRows } from './insert-rows.js';

export interface ReturnsBuffer {
  repository: OrderRepository;
  /**
   * Locks the orders with these external ids and reads them, their lines and their returns, in a
   * few queries; returns those found, by external id.
   */
  preload(externalIds: string[]): Promise<Map<string, Order>>;
  flush(): Promise<void>;
}

const copyOrder = (order: Order): Order => ({
  ...order,
  lines: order.lines.map((l) => ({ ...l })),
});
const copyReturn = (ret: OrderReturn): OrderReturn => ({
  ...ret,
  lines: ret.lines.map((l) => ({ ...l })),
});

/**
 * The order repository of a batch of returns (the import's cancellations): the core's
 * createReturn runs unchanged against it. The orders it may return are read and locked once for
 * the batch; each return updates them in memory (lines returned, returns made), so the next
 * return of the same order sees it, and the returns go out as multi-row INSERTs at the end.
 */
export const returnsBuffer = (trx: Kysely<DB>): ReturnsBuffer => {
  const real = orderRepository(trx);
  const orders = new Map<string, Order>();
  const byExternalId = new Map<string, Order>();
  const returns = new Map<string, OrderReturn[]>();
  const returnRowsOut: Insertable<DB['order_return']>[] = [];
  const lineRowsOut: Insertable<DB['order_return_line']>[] = [];

  const repository: OrderRepository = {
    ...real,
    // Preloaded orders are locked already; any other goes to the database as it is.
    lockOrder: async (id) => {
      if (!orders.has(id)) await real.lockOrder(id);
    },
    findById: async (id) => {
      const order = orders.get(id);
      return order ? copyOrder(order) : real.findById(id);
    },
    findByExternalId: async (externalId) => {
      const order = byExternalId.get(externalId);
      return order ? copyOrder(order) : real.findByExternalId(externalId);
    },
    returnsOf: async (orderId) => {
      const known = returns.get(orderId);
      return known ? known.map(copyReturn) : real.returnsOf(orderId);
    },
    findReturn: async (orderId, externalId) => {
      const known = returns.get(orderId);
      if (!known) return real.findReturn(orderId, externalId);
      const found = known.find((r) => r.externalId === externalId);
      return found ? copyReturn(found) : null;
    },
    insertReturn: async (ret) => {
      const order = orders.get(ret.orderId);
      // Its reads would not see this return: every order returned must be preloaded.
      if (!order) throw new Error(`order ${ret.orderId} was not preloaded for its returns`);
      returns.get(order.id)!.push(copyReturn(ret));
      for (const returned of ret.lines) {
        const line = order.lines.find((l) => l.lineNo === returned.lineNo);
        if (line) line.returnedQuantity += returned.quantity;
      }
      const { row, lines } = returnRows(ret);
      returnRowsOut.push(row);
      lineRowsOut.push(...lines);
      return true;
    },
    insertIfAbsent: unsupportedInBatch('orders.insertIfAbsent'),
    listForCustomer: unsupportedInBatch('orders.listForCustomer'),
  };

  return {
    repository,
    preload: async (externalIds) => {
      const wanted = [...new Set(externalIds)].filter((id) => !byExternalId.has(id));
      if (wanted.length > 0) {
        // Found in the lookup first, then locked customer by customer (one shard each on Citus),
        // each one's orders in id order, so two writers locking some of the same orders queue.
        const rows = await ordersByExternalIds(trx, wanted, { forUpdate: true });
        const loaded = await hydrateOrders(trx, rows);
        for (const order of loaded) {
          orders.set(order.id, order);
          byExternalId.set(order.externalId, order);
          returns.set(order.id, []);
        }
        for (const ret of await returnsOfOrders(
          trx,
          loaded.map((o) => o.id),
        )) {
          returns.get(ret.orderId)!.push(ret);
        }
      }
      return new Map(
        [...new Set(externalIds)].flatMap((id) => {
          const order = byExternalId.get(id);
          return order ? [[id, copyOrder(order)] as const] : [];
        }),
      );
    },
    flush: async () => {
      await insertRows(trx, 'order_return', returnRowsOut);
      await insertRows(trx, 'order_return_line', lineRowsOut);
    },
  };
};
