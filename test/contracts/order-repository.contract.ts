import { describe, expect, it } from 'vitest';
import type { Order, OrderLineRow, OrderRow } from '../../src/core/orders/orders.js';
import { newId } from '../../src/core/shared/ids.js';
import { unique } from '../support/fixtures.js';
import { inUnit, insertCustomer, sqlUnit, type ContractEnv } from './units.js';

export const newOrder = (
  customerId: string,
  externalId = unique('contract-order'),
): { row: OrderRow; lines: OrderLineRow[] } => {
  const lines: OrderLineRow[] = [
    { lineNo: 1, sku: 'MUG', name: 'Mug', category: 'kitchen', quantity: 2, unitPriceMinor: 1050 },
    { lineNo: 2, sku: 'TEA', name: null, category: null, quantity: 1, unitPriceMinor: 999 },
  ];
  const now = new Date();
  return {
    row: {
      id: newId('order'),
      externalId,
      customerId,
      currency: 'GBP',
      channel: 'web',
      storeId: null,
      placedAt: new Date(now.getTime() - 60_000),
      totalMinor: 3099,
      pointsEarned: 30,
      createdAt: now,
    },
    lines,
  };
};

/** The fields an order keeps, in a form two reads can be compared by. */
const comparable = (order: Order | null) =>
  order && {
    ...order,
    placedAt: order.placedAt.toISOString(),
    createdAt: order.createdAt.toISOString(),
  };

/**
 * What the core's ingest relies on from an OrderRepository inside one unit of work: an order is
 * inserted once per external id, whether the first one came in this unit or was committed before,
 * and the unit reads what it inserted exactly as it is stored.
 */
export const orderRepositoryContract = (env: ContractEnv) =>
  describe(`OrderRepository (${env.kind.name})`, () => {
    it('reads an inserted order back, with its lines, as it is then stored', async () => {
      const customerId = await insertCustomer(env.db());
      const order = newOrder(customerId);
      const inside = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        expect(await unit.orders.insertIfAbsent(order.row, order.lines)).toBe(true);
        return comparable(await unit.orders.findByExternalId(order.row.externalId));
      });
      expect(inside).toEqual({
        ...comparable({ ...order.row, lines: [] }),
        lines: order.lines.map((l) => ({ ...l, returnedQuantity: 0 })),
      });
      const stored = await inUnit(env.db(), sqlUnit, [], async (unit) =>
        comparable(await unit.orders.findByExternalId(order.row.externalId)),
      );
      expect(stored).toEqual(inside);
    });

    it('inserts one order per external id within a unit: the second is refused', async () => {
      const customerId = await insertCustomer(env.db());
      const first = newOrder(customerId);
      const second = newOrder(customerId, first.row.externalId);
      const found = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        expect(await unit.orders.insertIfAbsent(first.row, first.lines)).toBe(true);
        expect(await unit.orders.insertIfAbsent(second.row, second.lines)).toBe(false);
        return unit.orders.findByExternalId(first.row.externalId);
      });
      expect(found?.id).toBe(first.row.id);
      const stored = await inUnit(env.db(), sqlUnit, [], (unit) =>
        unit.orders.findByExternalId(first.row.externalId),
      );
      expect(stored?.id).toBe(first.row.id);
    });

    it('refuses an external id a unit before it committed, and writes nothing', async () => {
      const customerId = await insertCustomer(env.db());
      const first = newOrder(customerId);
      await inUnit(env.db(), env.kind, [customerId], (unit) =>
        unit.orders.insertIfAbsent(first.row, first.lines),
      );
      const again = newOrder(customerId, first.row.externalId);
      const found = await inUnit(env.db(), env.kind, [customerId], async (unit) => {
        expect(await unit.orders.insertIfAbsent(again.row, again.lines)).toBe(false);
        return unit.orders.findByExternalId(first.row.externalId);
      });
      expect(found?.id).toBe(first.row.id);
      const byId = await inUnit(env.db(), sqlUnit, [], (unit) =>
        unit.orders.findById(again.row.id),
      );
      expect(byId).toBeNull();
    });

    it('finds nothing for an unknown external id', async () => {
      const found = await inUnit(env.db(), env.kind, [], (unit) =>
        unit.orders.findByExternalId(unique('never-sent')),
      );
      expect(found).toBeNull();
    });
  });
