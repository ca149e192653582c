import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { redactor } from '../../core/customers/redact.js';
import { changed } from '../export-rows.js';
import type { DB } from '../schema.js';

const parsed = (payload: string): unknown => {
  try {
    return JSON.parse(payload);
  } catch {
    return payload;
  }
};

/**
 * Stored webhook payloads about the customer lose every personal field and identifier (amounts,
 * ids and event types stay, so a pending delivery or a replay still tells the subscriber what
 * happened); the receivers' response excerpts and errors of those deliveries are dropped.
 */
export const webhookPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'webhooks',
  exportCustomer: async (customerId) => ({
    webhookEvents: (
      await db
        .selectFrom('webhook_message')
        .select(['id', 'event_type', 'payload', 'created_at'])
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute()
    ).map((m) => ({
      id: m.id,
      eventType: m.event_type,
      payload: parsed(m.payload),
      createdAt: m.created_at.toISOString(),
    })),
  }),
  eraseCustomer: async ({ customerId, identifiers }) => {
    const redact = redactor(identifiers);
    const messages = await db
      .selectFrom('webhook_message')
      .select(['id', 'payload'])
      .where('customer_id', '=', customerId)
      .execute();
    for (const m of messages) {
      await db
        .updateTable('webhook_message')
        .set({ payload: redact.jsonText(m.payload) })
        .where('id', '=', m.id)
        .execute();
    }
    const attempts = await db
      .updateTable('webhook_attempt')
      .set({ response_excerpt: null, error: null })
      .where('delivery_id', 'in', (eb) =>
        eb.selectFrom('webhook_delivery').select('id').where('customer_id', '=', customerId),
      )
      .executeTakeFirst();
    return messages.length + changed([attempts]);
  },
});
