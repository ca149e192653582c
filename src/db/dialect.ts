import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import type { DB } from './schema.js';

/**
 * The one place that knows PGlite from PostgreSQL. Everything above it speaks Kysely with the
 * same SQL. Integers come back as JS numbers (our points and minor units stay far below 2^53),
 * calendar dates as 'YYYY-MM-DD' strings.
 */
export interface DatabaseConfig {
  /** postgres://… to use a PostgreSQL server; absent for the embedded PGlite. */
  databaseUrl?: string;
  /**
   * postgres://… of a streaming standby of `databaseUrl`, for report reads; absent: they read
   * `databaseUrl`. Opened read-only, so a write sent there fails even if it names the primary.
   */
  readUrl?: string;
  /**
   * The PostgreSQL schema that holds this programme's tables, for several brands in one
   * database (docs/scale.md); absent: public. Every session starts with it as its search path.
   */
  schema?: string;
  /** Where PGlite keeps its files; 'memory://' for a throwaway database. */
  dataDir: string;
  /** What opens PGlite files, recorded in their lock for others to see (default: the argv). */
  command?: string;
  poolSize?: number;
  /** Errors of idle pooled connections (a server restart, say); without a listener they crash the process. */
  onPoolError?: (error: Error) => void;
}

/**
 * SQL that a library brings as text (pg-boss) rather than through Kysely: a parameterised
 * statement, or a parameterless script of several statements (`BEGIN; …; COMMIT;`), whose last
 * result comes back. A failed script is rolled back before the connection is used again.
 */
export interface RawSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface Database {
  db: Kysely<DB>;
  /**
   * Where reads that may be a moment stale go (reports, analytics, previews): the standby of
   * `readUrl`, whose data lags `db` by the replication delay and which refuses writes; without
   * one, `db` itself.
   */
  readDb: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** The schema of `DatabaseConfig.schema`, when one was given. */
  schema?: string;
  /** The same database for raw SQL text, outside any Kysely transaction. */
  raw: RawSql;
  /** The lock on PGlite's data directory, held until close; absent for memory and PostgreSQL. */
  dataDirLock?: DataDirLock;
  close(): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const toNumber = (value: string): number => Number(value);
const asText = (value: string): string => value;

const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: toNumber,
  [NUMERIC]: toNumber,
  [DATE]: asText,
};

/**
 * The URL with every session starting read-only: a write routed to the replica pool by mistake
 * fails with "cannot execute … in a read-only transaction", even when the URL names a primary.
 * Options the URL already carries are kept (pg lets the URL's `options` win over the config's).
 */
export const readOnlySessions = (url: string): string =>
  withSessionSetting(url, '-c default_transaction_read_only=on');

/** The URL with one more `-c name=value` for every session, after those it already carries. */
const withSessionSetting = (url: string, setting: string): string => {
  const parsed = new URL(url);
  const given = parsed.searchParams.get('options');
  parsed.searchParams.set('options', given ? `${given} ${setting}` : setting);
  return parsed.toString();
};

/** Sessions whose unqualified table names are the brand schema's (and nothing else's). */
export const inSchema = (url: string, schema: string | undefined): string =>
  schema ? withSessionSetting(url, `-c search_path=${schema}`) : url;

const postgresPool = (
  url: string,
  poolSize: number,
  onPoolError: (error: Error) => void,
  options: { readOnly?: boolean } = {},
): pg.Pool => {
  const pool = new pg.Pool({
    connectionString: options.readOnly ? readOnlySessions(url) : url,
    max: poolSize,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  pool.on('error', onPoolError);
  return pool;
};

const openPostgres = (
  url: string,
  readUrl: string | undefined,
  poolSize: number,
  onPoolError: (error: Error) => void,
): Database => {
  const pool = postgresPool(url, poolSize, onPoolError);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const readDb = readUrl
    ? new Kysely<DB>({
        dialect: new PostgresDialect({
          pool: postgresPool(readUrl, poolSize, onPoolError, { readOnly: true }),
        }),
      })
    : db;
  const close = async () => {
    try {
      if (readDb !== db) await readDb.destroy();
    } finally {
      await db.destroy();
    }
  };
  return { db, readDb, kind: 'postgres', raw: postgresRawSql(pool), close };
};

const lastResult = <R extends { rows: unknown[] }>(results: R | R[]): { rows: unknown[] } =>
  Array.isArray(results) ? (results.at(-1) ?? { rows: [] }) : results;

/** A script runs on one pooled connection; if it fails inside its BEGIN, that connection is rolled back. */
const postgresRawSql = (pool: pg.Pool): RawSql => ({
  executeSql: async (text, values) => {
    if (values && values.length > 0) return pool.query(text, values);
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return lastResult(await client.query(text));
    } catch (error) {
      await client.query('rollback').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  },
});

/**
 * PGlite runs a parameterised statement through query() and a script through exec() (the extended
 * protocol takes one statement only). A script runs inside PGlite's exclusive transaction, so a
 * failure is rolled back before any other caller's statement can meet the aborted transaction.
 */
const pgliteRawSql = (pglite: PGlite): RawSql => ({
  executeSql: async (text, values) =>
    values && values.length > 0
      ? pglite.query(text, values)
      : lastResult(await pglite.transaction((tx) => tx.exec(text))),
});

/**
 * A PGlite data directory has one owner: its lock is taken before PGlite touches a file and given
 * up after PGlite has closed them (see data-dir-lock.ts). Memory databases need none.
 */
const openPglite = async (dataDir: string, command?: string): Promise<Database> => {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const lock = inMemory ? undefined : lockDataDir(dataDir, { command });
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, {
      parsers: { [pgliteTypes.INT8]: toNumber, [NUMERIC]: toNumber, [DATE]: asText },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  const close = async () => {
    try {
      await db.destroy();
    } finally {
      lock?.release();
    }
  };
  return {
    db,
    readDb: db,
    kind: 'pglite',
    raw: pgliteRawSql(pglite),
    ...(lock ? { dataDirLock: lock } : {}),
    close,
  };
};

export const openDatabase = async (config: DatabaseConfig): Promise<Database> => {
  if (config.databaseUrl) {
    const database = openPostgres(
      inSchema(config.databaseUrl, config.schema),
      config.readUrl && inSchema(config.readUrl, config.schema),
      config.poolSize ?? 10,
      config.onPoolError ?? (() => undefined),
    );
    return config.schema ? { ...database, schema: config.schema } : database;
  }
  // Config refuses this first; the check here keeps other callers from silently losing the replica.
  if (config.readUrl) throw new Error('A read replica needs a PostgreSQL primary (DATABASE_URL)');
  if (config.schema) throw new Error('A brand schema needs a PostgreSQL server (DATABASE_URL)');
  return openPglite(config.dataDir, config.command);
};
