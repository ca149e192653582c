import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { changed, exportRows } from '../export-rows.js';
import type { DB } from '../schema.js';

/** Suggestions are a profile of the person's tastes: deleted on erasure. */
export const recommendationPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'recommendations',
  exportCustomer: async (customerId) => ({
    recommendations: exportRows(
      await db
        .selectFrom('recommendation')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('rank')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId }) =>
    changed([
      await db
        .deleteFrom('recommendation')
        .where('customer_id', '=', customerId)
        .executeTakeFirst(),
    ]),
});
