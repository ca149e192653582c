import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/dialect.js';
import * as lookupTables from '../src/db/migrations/20261208_0120_lookup_tables.js';
import { startTestApp, type TestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';
import { createCustomer, orderBody, unique } from './support/fixtures.js';

/**
 * Values unique across all customers are held unique by lookup tables (docs/scale.md): a duplicate
 * is refused as it was by the unique indexes, also when the requests race, and a value a customer
 * gives up (a changed or cleared e-mail, an erasure) is free for another customer to take.
 */
describe('lookup tables', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const statuses = (results: { status: number; body: { code?: string } }[]) =>
    results.map((r) => (r.status === 201 ? '201' : `${r.status} ${r.body.code}`)).sort();

  it('lets one of ten creates racing with one e-mail (in any case) win; the others get 409', async () => {
    const email = `${unique('race')}@example.com`;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.call('POST', '/v1/customers', { email: i % 2 ? email.toUpperCase() : email }),
      ),
    );
    expect(statuses(results)).toEqual(['201', ...Array(9).fill('409 email_taken')]);
    const found = await t.call('GET', `/v1/customers?email=${encodeURIComponent(email)}`);
    expect(found.body.customers.map((c: { id: string }) => c.id)).toEqual([
      results.find((r) => r.status === 201)!.body.id,
    ]);
  });

  it('lets one of ten creates racing with one external id win; the others get 409', async () => {
    const externalIds = [{ source: 'shop', id: unique('race') }];
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.call('POST', '/v1/customers', { externalIds })),
    );
    expect(statuses(results)).toEqual(['201', ...Array(9).fill('409 external_id_taken')]);
  });

  it('frees an e-mail its customer changes or clears, and refuses one another customer holds', async () => {
    const [a, b] = [await createCustomer(t), await createCustomer(t)];
    const taken = await t.call('PATCH', `/v1/customers/${a.id}`, { email: b.email });
    expect([taken.status, taken.body.code]).toEqual([409, 'email_taken']);
    const moved = `${unique('moved')}@example.com`;
    expect((await t.call('PATCH', `/v1/customers/${a.id}`, { email: moved })).status).toBe(200);
    expect((await t.call('PATCH', `/v1/customers/${b.id}`, { email: a.email })).status).toBe(200);
    expect((await t.call('PATCH', `/v1/customers/${a.id}`, { email: null })).status).toBe(200);
    const third = await t.call('POST', '/v1/customers', { email: moved });
    expect(third.status).toBe(201);
    // Unchanged e-mail, other fields changed: still held, still refused to others.
    expect((await t.call('PATCH', `/v1/customers/${b.id}`, { firstName: 'Bea' })).status).toBe(200);
    const again = await t.call('POST', '/v1/customers', { email: a.email });
    expect([again.status, again.body.code]).toEqual([409, 'email_taken']);
  });

  it("frees an erased customer's e-mail and external ids", async () => {
    const externalIds = [{ source: 'shop', id: unique('gone') }];
    const a = await createCustomer(t, { externalIds });
    expect((await t.call('POST', `/v1/customers/${a.id}/erase`)).status).toBe(200);
    const b = await t.call('POST', '/v1/customers', { email: a.email, externalIds });
    expect(b.status).toBe(201);
    const order = orderBody(b.body.id);
    const placed = await t.call('POST', '/v1/orders', {
      ...order,
      customerId: undefined,
      customerExternalId: externalIds[0]!.id,
      customerExternalIdSource: 'shop',
    });
    expect([placed.status, placed.body.order.customerId]).toEqual([201, b.body.id]);
  });

  it('returns the first order for its external id resent, even naming another customer', async () => {
    const [a, b] = [await createCustomer(t), await createCustomer(t)];
    const body = orderBody(a.id);
    const first = await t.call('POST', '/v1/orders', body);
    const again = await t.call('POST', '/v1/orders', { ...body, customerId: b.id });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.order).toEqual(first.body.order);
  });
});

describe('migration 20261208_0120_lookup_tables', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const uniqueIndexes = async () =>
    (
      await sql<{ name: string }>`
        select c.relname || ' on ' || t.relname as name
          from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
         where c.relname in ('customer_email_key', 'customer_external_id_key', 'sales_order_external_id_key')
           and t.relnamespace = to_regnamespace(current_schema())
         order by 1`.execute(database.db)
    ).rows.map((r) => r.name);

  it('fills the lookups from the rows there, and its down puts the unique indexes back', async () => {
    const db = database.db;
    await lookupTables.down(db as never);
    expect(await uniqueIndexes()).toEqual([
      'customer_email_key on customer',
      'customer_external_id_key on customer_external_id',
      'sales_order_external_id_key on sales_order',
    ]);
    const at = new Date('2026-12-01T00:00:00Z');
    await sql`insert into customer (id, email, created_at, updated_at) values
      ('cus_a', 'a@example.com', ${at}, ${at}), ('cus_b', null, ${at}, ${at})`.execute(db);
    await sql`insert into customer_external_id (customer_id, source, external_id, created_at) values
      ('cus_a', 'shop', 'x1', ${at}), ('cus_b', 'pos', 'x1', ${at})`.execute(db);
    await sql`insert into sales_order (id, external_id, customer_id, currency, channel, placed_at,
        total_minor, points_earned, created_at)
      values ('ord_1', 'o-1', 'cus_a', 'GBP', 'web', ${at}, 100, 0, ${at})`.execute(db);
    await lookupTables.up(db as never);
    expect(await uniqueIndexes()).toEqual([
      'customer_email_key on customer_email',
      'customer_external_id_key on customer_external_id_owner',
      'sales_order_external_id_key on sales_order_external',
    ]);
    expect(await db.selectFrom('customer_email').selectAll().execute()).toEqual([
      { email: 'a@example.com', customer_id: 'cus_a' },
    ]);
    expect(
      await db.selectFrom('customer_external_id_owner').selectAll().orderBy('source').execute(),
    ).toEqual([
      { external_id: 'x1', source: 'pos', customer_id: 'cus_b' },
      { external_id: 'x1', source: 'shop', customer_id: 'cus_a' },
    ]);
    expect(await db.selectFrom('sales_order_external').selectAll().execute()).toEqual([
      { external_id: 'o-1', customer_id: 'cus_a', order_id: 'ord_1' },
    ]);
  });
});
