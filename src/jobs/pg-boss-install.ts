import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Database } from '../db/dialect.js';
import type { JobDefinition } from './job-definition.js';
import { kyselyBossDb } from './pg-boss-adapter.js';

/** pg-boss 10's internal queue that turns due cron schedules into jobs. */
const CRON_QUEUE = '__pgboss__send-it';

export const QUEUE_DEFAULTS = {
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
} as const;

/**
 * pg-boss creates its schema under an advisory lock, but a PostgreSQL session that waited on
 * that lock still sees the catalog as it was before, so a second process starting at the same
 * moment fails on `CREATE SCHEMA IF NOT EXISTS` (duplicate key in pg_namespace) and pg-boss gives
 * up. The script is one transaction: whoever loses finds the schema installed on a second look.
 */
const installSchema = async (database: Database, schema: string) => {
  const boss = new PgBoss({ db: database.raw, schema });
  if (await boss.isInstalled()) return;
  try {
    await database.raw.executeSql(PgBoss.getConstructionPlans(schema), []);
  } catch (error) {
    if (!(await boss.isInstalled())) throw error;
  }
};

/**
 * Creating a queue is DDL (a partition of the job table, foreign keys to the queue table), and two
 * processes creating different queues at once deadlock. So every process creates its queues,
 * the cron queue first, in one transaction under one advisory lock, before pg-boss starts (and
 * before its cron keeper would create the cron queue on its own). createQueue keeps an existing
 * queue as it is, so updateQueue then applies changed settings; schedules follow the definitions.
 */
const installQueues = (database: Database, schema: string, jobs: JobDefinition<unknown>[]) =>
  database.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`regulars.jobs.install.${schema}`}))`.execute(
      trx,
    );
    const installer = new PgBoss({ db: kyselyBossDb(trx), schema });
    await installer.createQueue(CRON_QUEUE);
    for (const job of jobs) {
      const queue = {
        name: job.name,
        policy: job.policy ?? 'standard',
        retryLimit: job.retryLimit ?? QUEUE_DEFAULTS.retryLimit,
        retryDelay: job.retryDelaySeconds ?? QUEUE_DEFAULTS.retryDelaySeconds,
        retryBackoff: job.retryBackoff ?? QUEUE_DEFAULTS.retryBackoff,
        ...(job.expireInSeconds ? { expireInSeconds: job.expireInSeconds } : {}),
      };
      await installer.createQueue(job.name, queue);
      await installer.updateQueue(job.name, queue);
      if (job.schedule) {
        const data = (job.schedule.data ?? {}) as object;
        await installer.schedule(job.name, job.schedule.cron, data, { tz: 'UTC' });
      } else {
        await installer.unschedule(job.name);
      }
    }
  });

/** Installs (or checks) pg-boss's schema, then the queues and schedules of `jobs`. */
export const installPgBoss = async (
  database: Database,
  schema: string,
  jobs: JobDefinition<unknown>[],
): Promise<void> => {
  await installSchema(database, schema);
  await installQueues(database, schema, jobs);
};
