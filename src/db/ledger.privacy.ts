import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { ERASED } from '../core/customers/redact.js';
import { changed, exportRows } from './export-rows.js';
import type { DB } from './schema.js';

/**
 * The ledger stays append-only: entries, amounts, accounts and lots are kept (bookkeeping), so
 * the points liability is unchanged. An entry's free-text reason (a manual adjustment's, written
 * by staff) may name the person: it becomes '[erased]', the one change the ledger's trigger allows.
 */
export const ledgerPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'ledger',
  exportCustomer: async (customerId) => ({
    ledger: exportRows(
      await db
        .selectFrom('ledger_entry')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
    ),
    pointsLots: exportRows(
      await db
        .selectFrom('points_lot')
        .select(['id', 'entry_id', 'points', 'expires_at', 'created_at'])
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId }) =>
    changed([
      await db
        .updateTable('ledger_entry')
        .set({ reason: ERASED })
        .where('customer_id', '=', customerId)
        .where('reason', 'is not', null)
        .where('reason', '<>', ERASED)
        .executeTakeFirst(),
    ]),
});
