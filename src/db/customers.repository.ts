import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type {
  Consent,
  Customer,
  CustomerPage,
  CustomerQuery,
  CustomerRepository,
  CustomerSort,
  CustomerSummary,
  ExternalId,
} from '../core/customers/customers.js';
import { encodeListCursor } from '../core/customers/list-cursor.js';
import { pointsAccountOf } from '../core/ledger/ledger.js';
import { consentRow, customerRow, emailRow, externalIdOwnerRow, externalIdRow } from './rows.js';
import type { DB, CustomerTable } from './schema.js';

type Row = Selectable<CustomerTable>;

/**
 * The SQL of each sort, without nulls so keyset paging can compare rows: no points account is 0
 * points, no analytics row is 0 spend and a last order before any real one. Times are cut to the
 * millisecond, the precision a cursor carries through JSON.
 */
const SORT_KEYS: Record<
  CustomerSort,
  { expr: RawBuilder<unknown>; kind: 'text' | 'number' | 'time' }
> = {
  id: { expr: sql`customer.id`, kind: 'text' },
  name: {
    expr: sql`lower(coalesce(nullif(concat_ws(' ', customer.first_name, customer.last_name), ''), customer.email, ''))`,
    kind: 'text',
  },
  points: { expr: sql`coalesce(la.credits_posted - la.debits_posted, 0)::int8`, kind: 'number' },
  spend: { expr: sql`coalesce(ca.monetary_minor, 0)::int8`, kind: 'number' },
  lastOrder: {
    expr: sql`date_trunc('milliseconds', coalesce(ca.last_purchase_at, timestamptz '1970-01-01T00:00:00Z'))`,
    kind: 'time',
  },
  joined: { expr: sql`date_trunc('milliseconds', customer.created_at)`, kind: 'time' },
};

/** int8 arrives as a string from node-postgres, a time as a Date: both go into the cursor as JSON. */
const cursorValue = (value: unknown, kind: 'text' | 'number' | 'time'): string | number =>
  kind === 'number'
    ? Number(value)
    : kind === 'time'
      ? new Date(value as Date | string).toISOString()
      : String(value);

interface SummaryColumns {
  points_balance: string | number;
  tier_code: string | null;
  tier_name: string | null;
  spend_minor: string | number | null;
  last_order_at: Date | null;
  lifecycle_stage: string | null;
}

const summaryOf = (r: SummaryColumns): CustomerSummary => ({
  pointsBalance: Number(r.points_balance),
  tier: r.tier_code && r.tier_name ? { code: r.tier_code, name: r.tier_name } : null,
  spendMinor: r.spend_minor === null ? null : Number(r.spend_minor),
  lastOrderAt: r.last_order_at,
  lifecycleStage: r.lifecycle_stage,
});

const POINTS_ACCOUNT_SUFFIX = pointsAccountOf('');

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * The customers holding an external id (in one source, or in any): read through the lookup table,
 * which is distributed by the external id (docs/scale.md), so on Citus one shard answers.
 */
const ownersOf = (db: Kysely<DB>, externalId: string, source: string | undefined) =>
  db
    .selectFrom('customer_external_id_owner')
    .select('customer_id')
    .distinct()
    .where('external_id', '=', externalId)
    .$if(source !== undefined && source !== '', (q) => q.where('source', '=', source!));

/** Frees a customer's e-mail in the lookup, so another customer may take it. */
export const releaseEmail = async (db: Kysely<DB>, customerId: string, email: string) => {
  await db
    .deleteFrom('customer_email')
    .where('email', '=', email)
    .where('customer_id', '=', customerId)
    .execute();
};

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
  const byIds = async (ids: string[]) =>
    ids.length === 0
      ? []
      : hydrate(
          await db
            .selectFrom('customer')
            .selectAll()
            .where('id', 'in', ids)
            .orderBy('id')
            .execute(),
        );

  return {
    insert: async (c) => {
      // The lookup first: an e-mail another customer holds is refused before anything is written.
      if (c.email) await db.insertInto('customer_email').values(emailRow(c.id, c.email)).execute();
      await db.insertInto('customer').values(customerRow(c)).execute();
    },
    update: async (c) => {
      const { id, created_at: _created, ...fields } = customerRow(c);
      const current = await db
        .selectFrom('customer')
        .select('email')
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (current && current.email !== c.email) {
        if (current.email) await releaseEmail(db, id, current.email);
        if (c.email) await db.insertInto('customer_email').values(emailRow(id, c.email)).execute();
      }
      await db.updateTable('customer').set(fields).where('id', '=', id).execute();
    },
    findById: async (id) =>
      one(await db.selectFrom('customer').selectAll().where('id', '=', id).execute()),
    // Through the lookups, then by id: on Citus each of the two is answered by one shard.
    findByEmail: async (email) => {
      const owner = await db
        .selectFrom('customer_email')
        .select('customer_id')
        .where('email', '=', email)
        .executeTakeFirst();
      return owner ? byIds([owner.customer_id]).then((found) => found[0] ?? null) : null;
    },
    findByExternalId: async (externalId, source) =>
      byIds((await ownersOf(db, externalId, source).execute()).map((r) => r.customer_id)),
    idsByExternalId: async (externalId, source) =>
      (await ownersOf(db, externalId, source).execute()).map((r) => r.customer_id),
    addExternalIds: async (customerId, ids: ExternalId[], at) => {
      if (ids.length === 0) return;
      // The lookup first: an id another customer holds in its source is refused before the rest.
      await db
        .insertInto('customer_external_id_owner')
        .values(ids.map((e) => externalIdOwnerRow(customerId, e)))
        .execute();
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
      const sort = q.sort ?? 'id';
      const desc = q.order === 'desc';
      const key = SORT_KEYS[sort];
      let query = db
        .selectFrom('customer')
        .leftJoin('customer_analytics as ca', 'ca.customer_id', 'customer.id')
        // The member's points account, by the id pointsAccountOf gives it (its primary key).
        .leftJoin('ledger_account as la', (j) =>
          j
            .onRef('la.customer_id', '=', 'customer.id')
            .on('la.id', '=', sql<string>`customer.id || ${POINTS_ACCOUNT_SUFFIX}`),
        )
        .leftJoin('member_tier as mt', 'mt.customer_id', 'customer.id')
        .leftJoin('tier_definition as td', 'td.code', 'mt.tier_code')
        .selectAll('customer')
        .select([
          sql<string>`coalesce(la.credits_posted - la.debits_posted, 0)::int8`.as('points_balance'),
          'td.code as tier_code',
          'td.name as tier_name',
          'ca.monetary_minor as spend_minor',
          'ca.last_purchase_at as last_order_at',
          'ca.lifecycle_stage as lifecycle_stage',
          key.expr.as('sort_value'),
        ]);
      if (q.email) query = query.where('email', '=', q.email);
      if (q.ids) query = query.where('customer.id', 'in', q.ids);
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
      if (q.stage) query = query.where('ca.lifecycle_stage', '=', q.stage);
      if (q.tier === 'none') query = query.where('mt.tier_code', 'is', null);
      else if (q.tier) query = query.where('mt.tier_code', '=', q.tier);
      if (q.cursor) query = query.where('customer.id', desc ? '<' : '>', q.cursor);
      if (q.after) {
        const value = key.kind === 'time' ? new Date(q.after.value) : q.after.value;
        const after = sql<boolean>`(${key.expr}, customer.id) ${sql.raw(desc ? '<' : '>')} (${value}, ${q.after.id})`;
        query = query.where(after);
      }
      const direction = desc ? 'desc' : 'asc';
      const rows = await query
        .orderBy(key.expr, direction)
        .orderBy('customer.id', direction)
        .limit(q.limit + 1)
        .execute();
      const page = rows.slice(0, q.limit);
      const customers = await hydrate(page);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > q.limit && last
          ? sort === 'id'
            ? last.id
            : encodeListCursor({ value: cursorValue(last.sort_value, key.kind), id: last.id })
          : null;
      return {
        customers: customers.map((c, i) => ({ ...c, summary: summaryOf(page[i]!) })),
        nextCursor,
      };
    },
  };
};
