import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogue } from '../src/db/citus/catalogue.js';
import { openDatabase, type Database } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { jobsSchemaOf } from '../src/jobs/job-runner.js';
import { installPgBoss } from '../src/jobs/pg-boss-install.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createScratchPostgres, testDatabaseKind } from './support/database.js';

/**
 * Several brands in one PostgreSQL database, each in its own schema (REGULARS_DB_SCHEMA, the
 * layout Citus's schema-based sharding distributes; docs/scale.md): each migrates on its own,
 * sees only its own data, and keeps its jobs in its own pg-boss schema. PostgreSQL only.
 */
describe.skipIf(testDatabaseKind() !== 'postgres')('brands in schemas of one database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  const brands: Record<'brand_a' | 'brand_b', { database: Database; app: TestApp }> = {} as never;

  beforeAll(async () => {
    scratch = await createScratchPostgres();
    for (const schema of ['brand_a', 'brand_b'] as const) {
      const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '', schema });
      await migrateToLatest(database.db, { schema });
      brands[schema] = { database, app: await startTestApp({ database }) };
    }
  });
  afterAll(async () => {
    for (const brand of Object.values(brands)) await brand.app.close();
    await scratch.drop();
  });

  const tablesIn = async (schema: string) => {
    const { rows } = await sql<{ table: string }>`
      select table_name as table from information_schema.tables where table_schema = ${schema}
    `.execute(brands.brand_a.database.db);
    return rows.map((r) => r.table);
  };

  it('each brand has the whole schema and its own migration history; public stays empty', async () => {
    const a = await tablesIn('brand_a');
    expect(a).toEqual(expect.arrayContaining(['customer', 'sales_order', 'kysely_migration']));
    expect((await tablesIn('brand_b')).sort()).toEqual([...a].sort());
    expect(await tablesIn('public')).toEqual([]);
    const migrated = await sql<{ n: number }>`
      select (select count(*) from brand_a.kysely_migration)::int
           - (select count(*) from brand_b.kysely_migration)::int as n
    `.execute(brands.brand_a.database.db);
    expect(migrated.rows[0]!.n).toBe(0);
    // Migrating again finds nothing to do.
    expect(
      (await migrateToLatest(brands.brand_a.database.db, { schema: 'brand_a' })).applied,
    ).toEqual([]);
  });

  it("a brand's customers are its own", async () => {
    const created = await brands.brand_a.app.call('POST', '/v1/customers', {
      email: 'ann@brand-a.example',
    });
    expect(created.status).toBe(201);
    const inA = await brands.brand_a.app.call('GET', `/v1/customers/${created.body.id}`);
    const inB = await brands.brand_b.app.call('GET', `/v1/customers/${created.body.id}`);
    expect([inA.status, inB.status]).toEqual([200, 404]);
    // The same e-mail is free in the other brand: its unique key is the brand's own.
    const again = await brands.brand_b.app.call('POST', '/v1/customers', {
      email: 'ann@brand-a.example',
    });
    expect(again.status).toBe(201);
  });

  it("each brand's jobs live in its own pg-boss schema", async () => {
    expect(jobsSchemaOf(undefined)).toBe('pgboss');
    for (const schema of ['brand_a', 'brand_b'] as const)
      await installPgBoss(brands[schema].database, jobsSchemaOf(schema), []);
    const { rows } = await sql<{ schema: string }>`
      select schema_name as schema from information_schema.schemata
       where schema_name like 'brand%' order by 1
    `.execute(brands.brand_a.database.db);
    expect(rows.map((r) => r.schema)).toEqual([
      'brand_a',
      'brand_a_jobs',
      'brand_b',
      'brand_b_jobs',
    ]);
  });

  it("the Citus readiness check reads the brand's own tables", async () => {
    const tables = await readCatalogue(brands.brand_b.database.db as never);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['customer', 'ledger_entry']));
  });
});
