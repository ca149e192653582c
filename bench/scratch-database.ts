import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';

/** The PostgreSQL server benchmarks create their scratch databases on. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withAdmin = async <T>(work: (admin: Kysely<unknown>) => Promise<T>): Promise<T> => {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: BENCH_POSTGRES_URL, max: 1 }),
    }),
  });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
};

/** Opens the existing database `name` on the bench server, migrates it and runs `work`. */
const withMigrated = async <T>(
  name: string,
  work: (database: Database) => Promise<T>,
): Promise<T> => {
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
};

/** A migrated scratch PostgreSQL database (`<prefix>_<random>`) for `work`, dropped afterwards. */
export const withScratchPostgres = async <T>(
  prefix: string,
  work: (database: Database) => Promise<T>,
): Promise<T> => {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => sql.raw(`create database ${name}`).execute(admin));
  try {
    return await withMigrated(name, work);
  } finally {
    await withAdmin((admin) =>
      sql.raw(`drop database if exists ${name} with (force)`).execute(admin),
    );
  }
};

/**
 * An empty scratch PostgreSQL database (`<prefix>_<random>`) whose URL `work` gets, for a server
 * child that migrates it itself or for a tool like pgbench; dropped afterwards.
 */
export const withScratchPostgresUrl = async <T>(
  prefix: string,
  work: (url: string) => Promise<T>,
): Promise<T> => {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) => sql.raw(`create database ${name}`).execute(admin));
  const url = new URL(BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await withAdmin((admin) =>
      sql.raw(`drop database if exists ${name} with (force)`).execute(admin),
    );
  }
};

/**
 * A migrated PostgreSQL database `name` for `work`, created if missing and kept afterwards, so a
 * benchmark can generate a large shop once and time its queries again and again.
 */
export const withKeptPostgres = async <T>(
  name: string,
  work: (database: Database) => Promise<T>,
): Promise<T> => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  await withAdmin(async (admin) => {
    const found = await sql<{ n: number }>`
      select count(*)::int as n from pg_database where datname = ${name}
    `.execute(admin);
    if (found.rows[0]?.n === 0) await sql.raw(`create database ${name}`).execute(admin);
  });
  return withMigrated(name, work);
};

/** A migrated PGlite database in a temporary folder for `work`, removed afterwards. */
export const withScratchPglite = async <T>(
  prefix: string,
  work: (database: Database) => Promise<T>,
): Promise<T> => {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
};
