import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { changed, exportRow, exportRows } from './export-rows.js';
import type { DB } from './schema.js';

/**
 * The member's referral code is deleted (it would lead to them); the referrals made and received
 * stay with their points, between pseudonymous ids, so the referral figures are unchanged.
 */
export const referralPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'referrals',
  exportCustomer: async (customerId) => ({
    referrals: {
      code: exportRow(
        await db
          .selectFrom('referral_code')
          .select(['code', 'created_at'])
          .where('customer_id', '=', customerId)
          .executeTakeFirst(),
      ),
      made: exportRows(
        await db
          .selectFrom('referral')
          .selectAll()
          .where('referrer_id', '=', customerId)
          .orderBy('created_at')
          .execute(),
      ),
      received: exportRows(
        await db
          .selectFrom('referral')
          .selectAll()
          .where('referred_id', '=', customerId)
          .orderBy('created_at')
          .execute(),
      ),
    },
  }),
  eraseCustomer: async ({ customerId }) =>
    changed([
      await db.deleteFrom('referral_code').where('customer_id', '=', customerId).executeTakeFirst(),
    ]),
});
