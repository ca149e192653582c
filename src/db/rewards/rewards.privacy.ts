import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { ERASED } from '../../core/customers/redact.js';
import { changed, exportRows } from '../export-rows.js';
import type { DB } from '../schema.js';

/**
 * Redemptions and coupons keep their points and discounts; only a coupon's void reason (staff
 * free text) is replaced. Coupon codes are random and name nobody once the profile is erased.
 */
export const rewardPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'rewards',
  exportCustomer: async (customerId) => ({
    rewards: exportRows(
      await db
        .selectFrom('reward_redemption as rr')
        .innerJoin('reward as r', 'r.id', 'rr.reward_id')
        .select([
          'rr.id',
          'rr.reward_id',
          'r.name as reward_name',
          'rr.coupon_id',
          'rr.points_spent',
          'rr.entry_id',
          'rr.created_at',
        ])
        .where('rr.customer_id', '=', customerId)
        .orderBy('rr.created_at')
        .execute(),
    ),
    coupons: exportRows(
      await db
        .selectFrom('coupon')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute(),
    ),
    couponRedemptions: exportRows(
      await db
        .selectFrom('coupon_redemption')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('redeemed_at')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId }) =>
    changed([
      await db
        .updateTable('coupon')
        .set({ void_reason: ERASED })
        .where('customer_id', '=', customerId)
        .where('void_reason', 'is not', null)
        .executeTakeFirst(),
    ]),
});
