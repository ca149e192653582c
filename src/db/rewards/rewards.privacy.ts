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
  eraseCustomer: async ({ customerId }) => {
    // Coupons are distributed by id (docs/scale.md): the customer's are found first, then each
    // is changed on its own shard.
    const ids = (
      await db
        .selectFrom('coupon')
        .select('id')
        .where('customer_id', '=', customerId)
        .where('void_reason', 'is not', null)
        .execute()
    ).map((row) => row.id);
    if (ids.length === 0) return 0;
    return changed([
      await db
        .updateTable('coupon')
        .set({ void_reason: ERASED })
        .where('id', 'in', ids)
        .where('customer_id', '=', customerId)
        .executeTakeFirst(),
    ]);
  },
});
