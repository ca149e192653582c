import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Consent,
  Customer,
  CustomerPage,
  CustomerQuery,
  CustomerRepository,
  ExternalId,
} from '../core/customers/customers.js';
import { consentRow, customerRow, externalIdRow } from './rows.js';
import type { DB, CustomerTable } from './schema.js';

type Row = Selectable<CustomerTable>;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

export const customerRepository = (db: Kysely<DB>): CustomerRepository => {
  const hydrate = async (rows: Row[]): Promise<Customer[]> => {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [externalIds, consents] = await Promise.all([
      db
        .selectFrom('customer_external_id')
        .select(['customer_id', 'source', 'external_id'])
        .where('customer_id', 'in', ids)
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('customer_consent')
        .select(['customer_id', 'channel', 'granted', 'source', 'given_at'])
        .where('customer_id', 'in', ids)
        .orderBy('seq')
        .execute(),
    ]);
    return rows.map((r) => {
      const latest = new Map<string, Consent>();
      for (const c of consents.filter((c) => c.customer_id === r.id)) {
        latest.set(c.channel, {
          channel: c.channel,
          granted: c.granted,
          source: c.source,
          at: c.given_at,
        });
      }
      return {
        id: r.id,
        email: r.email,
        phone: r.phone,
        firstName: r.first_name,
        lastName: r.last_name,
        birthday: r.birthday,
        locale: r.locale,
        attributes: r.attributes ?? {},
        externalIds: externalIds
          .filter((e) => e.customer_id === r.id)
          .map((e) => ({ source: e.source, id: e.external_id })),
        consents: [...latest.values()],
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        erasedAt: r.erased_at ?? null,
      };
    });
  };

  const one = async (rows: Row[]) => (await hydrate(rows))[0] ?? null;

  return {
    insert: async (c) => {
      await db.insertInto('customer').values(customerRow(c)).execute();
    },
    update: async (c) => {
      const { id, created_at: _created, ...fields } = customerRow(c);
      await db.updateTable('customer').set(fields).where('id', '=', id).execute();
    },
    findById: async (id) =>
      one(await db.selectFrom('customer').selectAll().where('id', '=', id).execute()),
    findByEmail: async (email) =>
      one(await db.selectFrom('customer').selectAll().where('email', '=', email).execute()),
    findByExternalId: async (externalId, source) => {
      let query = db
        .selectFrom('customer')
        .selectAll('customer')
        .innerJoin('customer_external_id as x', 'x.customer_id', 'customer.id')
        .where('x.external_id', '=', externalId);
      if (source) query = query.where('x.source', '=', source);
      return hydrate(await query.execute());
    },
    idsByExternalId: async (externalId, source) => {
      let query = db
        .selectFrom('customer_external_id')
        .select('customer_id')
        .distinct()
        .where('external_id', '=', externalId);
      if (source) query = query.where('source', '=', source);
      return (await query.execute()).map((r) => r.customer_id);
    },
    addExternalIds: async (customerId, ids: ExternalId[], at) => {
      if (ids.length === 0) return;
      await db
        .insertInto('customer_external_id')
        .values(ids.map((e) => externalIdRow(customerId, e, at)))
        .execute();
    },
    addConsents: async (customerId, consents, recordedAt) => {
      if (consents.length === 0) return;
      await db
        .insertInto('customer_consent')
        .values(consents.map((c) => consentRow(customerId, c, recordedAt)))
        .execute();
    },
    exists: async (id) =>
      (await db
        .selectFrom('customer')
        .select('id')
        .where('id', '=', id)
        .where('erased_at', 'is', null)
        .executeTakeFirst()) !== undefined,
    search: async (q: CustomerQuery): Promise<CustomerPage> => {
      let query = db.selectFrom('customer').selectAll('customer');
      if (q.email) query = query.where('email', '=', q.email);
      if (q.phone) query = query.where('phone', '=', q.phone);
      if (q.externalId) {
        const externalId = q.externalId;
        const source = q.source;
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('customer_external_id as x')
              .select('x.customer_id')
              .whereRef('x.customer_id', '=', 'customer.id')
              .where('x.external_id', '=', externalId)
              .$if(Boolean(source), (b) => b.where('x.source', '=', source!)),
          ),
        );
      }
      if (q.q) {
        const prefix = `${escapeLike(q.q.trim().toLowerCase())}%`;
        query = query.where((eb) =>
          eb.or([
            eb('email', 'like', prefix),
            eb(sql`lower(first_name)`, 'like', prefix),
            eb(sql`lower(last_name)`, 'like', prefix),
          ]),
        );
      }
      if (q.cursor) query = query.where('id', '>', q.cursor);
      const rows = await query
        .orderBy('id')
        .limit(q.limit + 1)
        .execute();
      const page = rows.slice(0, q.limit);
      return {
        customers: await hydrate(page),
        nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  };
};
