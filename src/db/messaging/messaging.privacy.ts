import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { changed, exportRows } from '../export-rows.js';
import type { DB } from '../schema.js';

/** The reason a message not yet sent gets when its customer is erased. */
export const ERASED_MESSAGE_REASON = 'customer_erased';

/**
 * Messages keep their template, kind, campaign, status and times (campaign counts and the
 * frequency history stay true); the address, the rendered subject and bodies, the unsubscribe
 * link, the render data and the SMTP error go. Messages not yet sent (queued or in the outbox)
 * are cancelled: suppressed with the reason `customer_erased`.
 */
export const messagingPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'messaging',
  exportCustomer: async (customerId) => ({
    messages: exportRows(
      await db
        .selectFrom('message')
        .select(['id', 'template_key', 'kind', 'locale', 'campaign_id', 'journey', 'to_address'])
        .select(['subject', 'html', 'text', 'data', 'status', 'reason', 'scheduled_at'])
        .select(['sent_at', 'attempts', 'last_error', 'created_at', 'updated_at'])
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId, at }) => {
    const cancelled = await db
      .updateTable('message')
      .set({
        status: 'suppressed',
        reason: ERASED_MESSAGE_REASON,
        lease_until: null,
        updated_at: at,
      })
      .where('customer_id', '=', customerId)
      .where('status', 'in', ['queued', 'outbox'])
      .executeTakeFirst();
    const scrubbed = await db
      .updateTable('message')
      .set({
        to_address: null,
        subject: null,
        html: null,
        text: null,
        unsubscribe_url: null,
        data: '{}',
        last_error: null,
      })
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return changed([cancelled, scrubbed]);
  },
});
