import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { changed, exportRows } from './export-rows.js';
import type { DB } from './schema.js';

/** Member cards: exported without their signed token; an erasure revokes the live one. */
export const cardPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'cards',
  exportCustomer: async (customerId) => ({
    card: exportRows(
      await db
        .selectFrom('member_card')
        .select(['id', 'issued_at', 'revoked_at'])
        .where('customer_id', '=', customerId)
        .orderBy('issued_at')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId, at }) =>
    changed([
      await db
        .updateTable('member_card')
        .set({ revoked_at: at })
        .where('customer_id', '=', customerId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    ]),
});
