import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../core/customers/privacy.js';
import { releaseEmail } from './customers.repository.js';
import { changed, exportRow, exportRows } from './export-rows.js';
import type { DB } from './schema.js';

const releaseIdentifiers = async (db: Kysely<DB>, customerId: string) => {
  const [customer, externalIds] = await Promise.all([
    db.selectFrom('customer').select('email').where('id', '=', customerId).executeTakeFirst(),
    db
      .selectFrom('customer_external_id')
      .select(['source', 'external_id'])
      .where('customer_id', '=', customerId)
      .execute(),
  ]);
  if (customer?.email) await releaseEmail(db, customerId, customer.email);
  if (externalIds.length > 0) {
    await db
      .deleteFrom('customer_external_id_owner')
      .where('customer_id', '=', customerId)
      .where(({ or, and, eb }) =>
        or(
          externalIds.map((x) =>
            and([eb('external_id', '=', x.external_id), eb('source', '=', x.source)]),
          ),
        ),
      )
      .execute();
  }
};

/**
 * The customers module's personal data: the profile is nulled and marked erased (the row and its
 * id stay: every other record refers to it), external ids are deleted, and every granted consent
 * is withdrawn by a new history row (source `erasure`); the history itself holds no identifier.
 */
export const customerPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'customers',
  exportCustomer: async (customerId) => ({
    customer: exportRow(
      await db.selectFrom('customer').selectAll().where('id', '=', customerId).executeTakeFirst(),
    ),
    identities: exportRows(
      await db
        .selectFrom('customer_external_id')
        .select(['source', 'external_id', 'created_at'])
        .where('customer_id', '=', customerId)
        .orderBy('created_at')
        .execute(),
    ),
    consents: exportRows(
      await db
        .selectFrom('customer_consent')
        .select(['channel', 'granted', 'source', 'given_at', 'recorded_at'])
        .where('customer_id', '=', customerId)
        .orderBy('seq')
        .execute(),
    ),
  }),
  eraseCustomer: async ({ customerId, at }) => {
    const history = await db
      .selectFrom('customer_consent')
      .select(['channel', 'granted'])
      .where('customer_id', '=', customerId)
      .orderBy('seq')
      .execute();
    const latest = new Map(history.map((c) => [c.channel, c.granted]));
    const withdraw = [...latest].filter(([, granted]) => granted).map(([channel]) => channel);
    if (withdraw.length > 0) {
      await db
        .insertInto('customer_consent')
        .values(
          withdraw.map((channel) => ({
            customer_id: customerId,
            channel,
            granted: false,
            source: 'erasure',
            given_at: at,
            recorded_at: at,
          })),
        )
        .execute();
    }
    // The lookups hold the e-mail and external ids too: freed first, so another customer may
    // take them, and no trace of them is left.
    await releaseIdentifiers(db, customerId);
    const results = await Promise.all([
      db
        .updateTable('customer')
        .set({
          email: null,
          phone: null,
          first_name: null,
          last_name: null,
          birthday: null,
          locale: null,
          attributes: '{}',
          updated_at: at,
          erased_at: at,
        })
        .where('id', '=', customerId)
        .execute(),
      db.deleteFrom('customer_external_id').where('customer_id', '=', customerId).execute(),
    ]);
    return changed(results.flat()) + withdraw.length;
  },
});
