import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { DB } from '../../src/db/schema.js';

/** The server the postgres project uses; each test file gets its own fresh database on it. */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const testDatabaseKind = (): 'pglite' | 'postgres' =>
  process.env.REGULARS_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

const withAdmin = async <T>(work: (admin: Kysely<unknown>) => Promise<T>): Promise<T> => {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 1 }),
    }),
  });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
};

const databaseUrl = (name: string) => {
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * pg-pool's end() resolves before its sockets are closed; dropping the database "with (force)"
 * at that moment kills sessions that are already leaving, which surfaces as uncaught errors.
 * So wait (bounded) until the database has no sessions left.
 */
const waitForNoSessions = async (admin: Kysely<unknown>, name: string) => {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where datname = ${name}
    `.execute(admin);
    if (Number(rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Creates an empty PostgreSQL database; returns its URL and a function that drops it. */
export const createScratchPostgres = async (): Promise<{ url: string; drop(): Promise<void> }> => {
  const name = `regulars_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => sql.raw(`create database ${name}`).execute(admin));
  return {
    url: databaseUrl(name),
    drop: () =>
      withAdmin(async (admin) => {
        await waitForNoSessions(admin, name);
        await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
      }),
  };
};

/** A migrated, empty database of the kind the current project tests. */
export const openTestDatabase = async (options: { poolSize?: number } = {}): Promise<Database> => {
  if (testDatabaseKind() === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(database.db);
    return database;
  }
  const scratch = await createScratchPostgres();
  const database = await openDatabase({
    databaseUrl: scratch.url,
    dataDir: '',
    poolSize: options.poolSize ?? 20,
  });
  await migrateToLatest(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      await scratch.drop();
    },
  };
};

/** How many rows one table holds. */
export const tableRowCount = async (db: Kysely<DB>, table: keyof DB): Promise<number> =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
