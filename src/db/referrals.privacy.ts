import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { exportRow, exportRows } from './export-rows.js';
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
  eraseCustomer: async ({ customerId }) => {
    const codes = await db
      .deleteFrom('referral_code')
      .where('customer_id', '=', customerId)
      .returning('code')
      .execute();
    // The code's entry in its lookup table goes with it (written together, erased together).
    if (codes.length > 0)
      await db
        .deleteFrom('referral_code_owner')
        .where(
          'code',
          'in',
          codes.map((c) => c.code),
        )
        .execute();
    return codes.length;
  },
});
