import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { exportRow, exportRows } from '../export-rows.js';
import type { DB } from '../schema.js';

/** Tiers hold no identifier (codes, metrics, system reasons): kept, so tier counts stay. */
export const tierPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'tiers',
  exportCustomer: async (customerId) => ({
    tier: exportRow(
      await db
        .selectFrom('member_tier')
        .select(['tier_code', 'since', 'review_at', 'updated_at'])
        .where('customer_id', '=', customerId)
        .executeTakeFirst(),
    ),
    tierHistory: exportRows(
      await db
        .selectFrom('tier_change')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('seq')
        .execute(),
    ),
  }),
  eraseCustomer: async () => 0,
});
