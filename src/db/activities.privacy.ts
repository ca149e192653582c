import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { redactor } from '../core/customers/redact.js';
import { exportRows } from './export-rows.js';
import type { DB } from './schema.js';

/**
 * Activities (reviews, survey answers, custom events recorded for the rules) keep their trigger,
 * time and awards; their payload and name lose every personal field and identifier.
 */
export const activityPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'activities',
  exportCustomer: async (customerId) => ({
    activities: exportRows(
      await db
        .selectFrom('loyalty_activity')
        .select(['id', 'trigger', 'name', 'payload', 'occurred_at', 'created_at'])
        .where('customer_id', '=', customerId)
        .orderBy('occurred_at')
        .execute(),
    ),
    awards: exportRows(
      await db
        .selectFrom('rule_award')
        // Not seq: the row's number in the table is no data about the member.
        .select([
          'entry_id',
          'customer_id',
          'rule_id',
          'rule_version',
          'tier_code',
          'points',
          'order_id',
          'activity_id',
          'awarded_at',
        ])
        .where('customer_id', '=', customerId)
        .orderBy('awarded_at')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId, identifiers }) => {
    const redact = redactor(identifiers);
    const rows = await db
      .selectFrom('loyalty_activity')
      .select(['id', 'name', 'payload'])
      .where('customer_id', '=', customerId)
      .execute();
    for (const row of rows) {
      await db
        .updateTable('loyalty_activity')
        .set({
          name: row.name === null ? null : redact.text(row.name),
          payload: JSON.stringify(redact.json(row.payload) ?? {}),
        })
        .where('customer_id', '=', customerId)
        .where('id', '=', row.id)
        .execute();
    }
    return rows.length;
  },
});
