import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { exportRows } from '../export-rows.js';
import type { DB } from '../schema.js';

/**
 * An erased customer leaves every segment (static lists and the materialised members of dynamic
 * ones); each segment's member count drops by one. A dynamic segment's next refresh may count
 * the pseudonymous customer again by their orders, but they have no address or consent left.
 */
export const segmentPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'segments',
  exportCustomer: async (customerId) => ({
    segments: exportRows(
      await db
        .selectFrom('segment_member as m')
        .innerJoin('segment as s', 's.id', 'm.segment_id')
        .select(['s.id', 's.key', 's.name', 's.kind', 'm.added_at'])
        .where('m.customer_id', '=', customerId)
        .orderBy('m.added_at')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId }) => {
    const left = await db
      .deleteFrom('segment_member')
      .where('customer_id', '=', customerId)
      .returning('segment_id')
      .execute();
    if (left.length > 0) {
      await db
        .updateTable('segment')
        .set((eb) => ({ member_count: eb('member_count', '-', 1) }))
        .where(
          'id',
          'in',
          left.map((l) => l.segment_id),
        )
        .where('member_count', '>', 0)
        .execute();
    }
    return left.length;
  },
});
