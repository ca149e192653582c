import { CompiledQuery, type Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { RawSql } from '../db/dialect.js';
import type { DB } from '../app/database.js';

/**
 * pg-boss runs its SQL through `{ executeSql(text, values) }`. These adapters give it our
 * database instead of a pool of its own, so it works on PGlite (one connection, no pool) as on
 * PostgreSQL, and so a job can be sent or completed inside a Kysely transaction: on PGlite a
 * statement outside the open transaction would wait for it forever.
 */

/** pg-boss statements inside `db`, which may be a transaction (they then commit or roll back with it). */
export const kyselyBossDb = (db: Kysely<DB>): PgBoss.Db => ({
  executeSql: async (text, values) => db.executeQuery(CompiledQuery.raw(text, values ?? [])),
});

/**
 * pg-boss's own statements (install, fetch, fail, maintenance, cron), outside any transaction.
 * pg-boss issues some of them without awaiting them (the cron worker completes its jobs in the
 * background), so the adapter counts what is in flight and `drain()` waits until nothing is,
 * before the database underneath may be closed.
 */
export const trackedBossDb = (
  raw: RawSql,
): PgBoss.Db & { drain(timeoutMs: number): Promise<void> } => {
  const inFlight = new Set<Promise<unknown>>();
  return {
    executeSql: (text, values) => {
      const running = raw.executeSql(text, values);
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
      return running;
    },
    drain: async (timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      // A settled statement can start the next one (fetch, then complete), so look again after a beat.
      while (Date.now() < deadline) {
        if (inFlight.size === 0) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          if (inFlight.size === 0) return;
        }
        await Promise.all(inFlight);
      }
    },
  };
};
