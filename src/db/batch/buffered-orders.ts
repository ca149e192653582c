import type { Insertable, Kysely } from 'kysely';
import type { Order, OrderRepository } from '../../core/orders/orders.js';
import { orderRepository } from '../orders.repository.js';
import { orderExternalRow, orderLineRow, orderRow } from '../rows.js';
import type { DB } from '../schema.js';
import { unsupportedInBatch } from './buffered-ledger.js';
import { insertRows } from './insert-rows.js';

export interface OrdersBuffer {
  repository: OrderRepository;
  /** External ids the batch checked are not in the database. */
  knowAbsent(externalIds: string[]): void;
  /** Orders of this customer the batch holds, not yet in the database. */
  bufferedFor(customerId: string): number;
  /** Marks the buffer; the returned function forgets every order inserted since. */
  savepoint(): () => void;
  flush(): Promise<void>;
}

/**
 * The order repository of one write batch. Orders go out with a plain INSERT (their external id
 * first, into its lookup): an order another writer inserted meanwhile makes the batch fail (and
 * be retried) instead of vanishing quietly.
 */
export const ordersBuffer = (trx: Kysely<DB>): OrdersBuffer => {
  const real = orderRepository(trx);
  const orders = new Map<string, Order>();
  const absent = new Set<string>();
  const orderRows: Insertable<DB['sales_order']>[] = [];
  const externalRows: Insertable<DB['sales_order_external']>[] = [];
  const lineRows: Insertable<DB['order_line']>[] = [];
  const perCustomer = new Map<string, number>();

  const repository: OrderRepository = {
    // Anything an ingest does not call goes to the database as it is.
    ...real,
    insertIfAbsent: async (order, lines) => {
      if (orders.has(order.externalId)) return false;
      // Unless the batch checked it, the database may already hold this external id.
      if (!absent.has(order.externalId) && (await real.findByExternalId(order.externalId))) {
        return false;
      }
      orders.set(order.externalId, {
        ...order,
        lines: lines.map((l) => ({ ...l, returnedQuantity: 0 })),
      });
      orderRows.push(orderRow(order));
      externalRows.push(orderExternalRow(order));
      perCustomer.set(order.customerId, (perCustomer.get(order.customerId) ?? 0) + 1);
      for (const l of lines) lineRows.push(orderLineRow(order, l));
      return true;
    },
    findByExternalId: async (externalId) =>
      orders.get(externalId) ?? (absent.has(externalId) ? null : real.findByExternalId(externalId)),
    // Returns and reads of whole orders would miss the orders this batch holds in memory.
    findById: unsupportedInBatch('orders.findById'),
    lockOrder: unsupportedInBatch('orders.lockOrder'),
    insertReturn: unsupportedInBatch('orders.insertReturn'),
    returnsOf: unsupportedInBatch('orders.returnsOf'),
    listForCustomer: unsupportedInBatch('orders.listForCustomer'),
  };

  return {
    repository,
    knowAbsent: (externalIds) => {
      for (const id of externalIds) absent.add(id);
    },
    bufferedFor: (customerId) => perCustomer.get(customerId) ?? 0,
    savepoint: () => {
      const [orderCount, lineCount] = [orderRows.length, lineRows.length];
      return () => {
        for (const row of orderRows.splice(orderCount)) {
          orders.delete(row.external_id);
          perCustomer.set(row.customer_id, (perCustomer.get(row.customer_id) ?? 1) - 1);
        }
        externalRows.splice(orderCount);
        lineRows.splice(lineCount);
      };
    },
    flush: async () => {
      // The lookup first, as the repository claims it: the external id is unique across all
      // customers there (docs/scale.md), so another writer's order fails the batch here.
      await insertRows(trx, 'sales_order_external', externalRows);
      await insertRows(trx, 'sales_order', orderRows);
      await insertRows(trx, 'order_line', lineRows);
    },
  };
};
