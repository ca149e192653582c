import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { exportRow } from '../export-rows.js';
import type { DB } from '../schema.js';

/** Computed figures hold no identifier (scores, stages, money): kept, so the totals stay. */
export const analyticsPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'analytics',
  exportCustomer: async (customerId) => ({
    analytics: exportRow(
      await db
        .selectFrom('customer_analytics')
        .selectAll()
        .where('customer_id', '=', customerId)
        .executeTakeFirst(),
    ),
  }),
  eraseCustomer: async () => 0,
});
