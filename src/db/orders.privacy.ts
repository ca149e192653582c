import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { ERASED } from '../core/customers/redact.js';
import { changed, exportRows } from './export-rows.js';
import type { DB } from './schema.js';

/**
 * Orders keep every amount (bookkeeping); only a return's free-text reason is personal, and is
 * replaced. Order and line ids, SKUs and product names are the shop's, not the person's.
 */
export const orderPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'orders',
  identifiers: async (customerId) =>
    (
      await db
        .selectFrom('order_return')
        .select('reason')
        .where('customer_id', '=', customerId)
        .where('reason', 'is not', null)
        .execute()
    ).map((r) => r.reason!),
  exportCustomer: async (customerId) => {
    const [orders, lines, returns, returnLines] = [
      await db
        .selectFrom('sales_order')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('placed_at')
        .execute(),
      await db
        .selectFrom('order_line')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('line_no')
        .execute(),
      await db
        .selectFrom('order_return')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute(),
      await db
        .selectFrom('order_return_line')
        .selectAll()
        .where('customer_id', '=', customerId)
        .execute(),
    ];
    return {
      orders: orders.map((o) => ({
        ...exportRows([o])[0],
        lines: exportRows(lines.filter((l) => l.order_id === o.id)),
      })),
      returns: returns.map((r) => ({
        ...exportRows([r])[0],
        lines: exportRows(returnLines.filter((l) => l.return_id === r.id)),
      })),
    };
  },
  eraseCustomer: async ({ customerId }) =>
    changed([
      await db
        .updateTable('order_return')
        .set({ reason: ERASED })
        .where('customer_id', '=', customerId)
        .where('reason', 'is not', null)
        .executeTakeFirst(),
    ]),
});
