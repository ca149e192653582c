import { sql } from 'kysely';
import type { TestApp } from './app.js';

/** Small builders for request bodies, so each test says only what matters to it. */
let sequence = 0;
export const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;

export const createCustomer = async (t: TestApp, fields: Record<string, unknown> = {}) => {
  const res = await t.call('POST', '/v1/customers', {
    email: `${unique('c')}@example.com`,
    ...fields,
  });
  if (res.status !== 201) throw new Error(`customer not created: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; email: string };
};

export const orderBody = (customerId: string, fields: Record<string, unknown> = {}) => ({
  externalId: unique('o'),
  customerId,
  currency: 'GBP',
  channel: 'web',
  placedAt: new Date().toISOString(),
  lines: [
    { sku: 'MUG', name: 'Mug', category: 'kitchen', quantity: 2, unitPriceMinor: 1050 },
    { sku: 'TEA', name: 'Tea', category: 'food', quantity: 1, unitPriceMinor: 999 },
  ],
  ...fields,
});

export const points = async (t: TestApp, customerId: string) => {
  const res = await t.call('GET', `/v1/customers/${customerId}/points`);
  if (res.status !== 200) throw new Error(`points: ${JSON.stringify(res.body)}`);
  return res.body as {
    balance: number;
    pending: number;
    nextPendingRelease: { points: number; releaseAt: string } | null;
    nextExpiring: { points: number; expiresAt: string } | null;
    lifetime: Record<string, number>;
  };
};

/**
 * Row counts of every table in the database, listed from information_schema, so a new table is
 * counted without anyone remembering to add it: equal before and after means nothing was written
 * anywhere. Left out: the system catalogs, and pg-boss's schema `pgboss`, whose rows change with
 * time in a running server (cron schedules and queue maintenance insert jobs each minute) rather
 * than with requests; the in-process test app does not install it.
 */
export const rowCounts = async (t: TestApp) => {
  const { rows: tables } = await sql<{ schema: string; name: string }>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE'
      and table_schema not in ('pg_catalog', 'information_schema', 'pgboss')
      and table_schema not like 'pg\\_%'
    order by table_schema, table_name
  `.execute(t.database.db);
  if (tables.length === 0) throw new Error('rowCounts: no tables found');
  const { rows } = await sql<Record<string, string>>`
    select ${sql.join(
      tables.map(
        (table) =>
          sql`(select count(*) from ${sql.id(table.schema, table.name)})::text as ${sql.id(table.schema === 'public' ? table.name : `${table.schema}.${table.name}`)}`,
      ),
    )}
  `.execute(t.database.db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([table, n]) => [table, Number(n)]));
};

/**
 * A static segment of these customers, written straight to the tables (key from the id, `seg_x` →
 * `seg-x`), for tests of what is sent to a segment rather than how segments are made.
 */
export const insertStaticSegment = async (
  t: TestApp,
  at: Date,
  id: string,
  members: { id: string }[],
  name = id,
) => {
  await t.database.db
    .insertInto('segment')
    .values({
      id,
      key: id.replace('_', '-'),
      name,
      kind: 'static',
      definition: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await t.database.db
    .insertInto('segment_member')
    .values(members.map((m) => ({ segment_id: id, customer_id: m.id, added_at: at })))
    .execute();
};
