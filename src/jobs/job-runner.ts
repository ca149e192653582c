import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/dialect.js';
import type { DB } from '../app/database.js';
import { kyselyBossDb, trackedBossDb } from './pg-boss-adapter.js';
import { installPgBoss } from './pg-boss-install.js';

/**
 * A durable job queue in the application's own database (pg-boss, on PGlite or PostgreSQL).
 *
 * Delivery is at least once: a job whose process dies mid-way is handed out again once its
 * `expireInSeconds` have passed. The effect is exactly once because a transactional job's
 * handler and the job's completion commit in one transaction: the completion is the last
 * statement of the handler's transaction and must find the job still active in this attempt's
 * hands, or the whole transaction rolls back. So either the work and "done" commit together, or
 * neither does and the job runs again. Handlers should still write with deterministic keys
 * (the ledger's idempotency keys), which also covers non-transactional jobs.
 */

import type { JobContext, JobDefinition } from './job-definition.js';

export type { JobContext, JobDefinition };

export interface EnqueueOptions {
  /** The key a 'stately' or 'singleton' queue limits by (default: one for the whole queue). */
  singletonKey?: string;
  startAfter?: Date;
  /** Enqueue inside the caller's transaction: the job exists only if that transaction commits. */
  db?: Kysely<DB>;
}

export interface JobRunner {
  /** Installs pg-boss's schema and the queues if needed, registers schedules, starts the workers. */
  start(): Promise<void>;
  /**
   * Graceful (default): takes no new jobs and waits (up to `timeoutMs`) for the running ones.
   * Otherwise running handlers are abandoned like in a crash: whatever they have not committed
   * is retried after the job's expiry.
   */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
  /** Returns the job id, or null when a singleton key or policy dropped the job. */
  enqueue<T>(name: string, data: T, options?: EnqueueOptions): Promise<string | null>;
}

export interface JobRunnerOptions {
  database: Database;
  log: Logger;
  jobs: JobDefinition<unknown>[];
  /** How often an idle worker looks for jobs (default 2, at least 0.5). */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are failed over and old ones archived (default 60). */
  maintenanceIntervalSeconds?: number;
  /** The PostgreSQL schema pg-boss keeps its tables in (default 'pgboss'). */
  schema?: string;
  /**
   * False: only install and enqueue (a process that produces jobs, such as an import); no
   * workers, cron or maintenance run here. Default true.
   */
  work?: boolean;
}

/** The completion found the job no longer active in this attempt's hands (expired, failed over). */
class JobSupersededError extends Error {
  constructor(name: string, id: string) {
    super(`job ${name} ${id} is no longer active; its work was rolled back`);
  }
}

const DEFAULTS = {
  concurrency: 1,
  pollingIntervalSeconds: 2,
  maintenanceIntervalSeconds: 60,
  stopTimeoutMs: 30_000,
} as const;

type BossJob = PgBoss.JobWithMetadata<unknown>;

/** An abortable pause, so that stop() and enqueue() can wake a polling worker. */
const napper = () => {
  const wakers = new Set<() => void>();
  return {
    nap: (ms: number) =>
      new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          wakers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        wakers.add(wake);
      }),
    wakeAll: () => [...wakers].forEach((wake) => wake()),
  };
};

/** pg-boss 10 resolves complete() with `{ affected }`, though its types say void. */
const affectedRows = (result: unknown): number =>
  typeof result === 'object' && result !== null && 'affected' in result
    ? Number(result.affected)
    : Number.NaN;

const errorOutput = (error: unknown) =>
  error instanceof Error
    ? { message: error.message, name: error.name }
    : { message: String(error) };

/** pg-boss's schema: its own for each brand schema, so brands never run each other's jobs. */
export const jobsSchemaOf = (dbSchema: string | undefined): string =>
  dbSchema ? `${dbSchema}_jobs` : 'pgboss';

export const createJobRunner = (options: JobRunnerOptions): JobRunner => {
  const { database, log } = options;
  const jobs = new Map(options.jobs.map((job) => [job.name, job]));
  const pollingMs = (options.pollingIntervalSeconds ?? DEFAULTS.pollingIntervalSeconds) * 1000;
  const work = options.work ?? true;
  const schema = options.schema ?? 'pgboss';
  const bossDb = trackedBossDb(database.raw);
  const boss = new PgBoss({
    db: bossDb,
    schema,
    supervise: work,
    schedule: work,
    maintenanceIntervalSeconds:
      options.maintenanceIntervalSeconds ?? DEFAULTS.maintenanceIntervalSeconds,
  });
  boss.on('error', (error) => log.error({ err: error }, 'jobs.error'));

  const naps = new Map<string, ReturnType<typeof napper>>();
  let loops: Promise<void>[] = [];
  let state: 'idle' | 'running' | 'stopping' | 'abandoned' = 'idle';
  /** Read through a function: the state changes while a worker awaits. */
  const phase = () => state;

  /** Runs one fetched job; never throws. */
  const runJob = async (job: JobDefinition<unknown>, fetched: BossJob) => {
    const jobLog = log.child({ job: job.name, jobId: fetched.id, retryCount: fetched.retryCount });
    const started = Date.now();
    const context = (db: Kysely<DB>): JobContext => ({
      jobId: fetched.id,
      db,
      log: jobLog,
      retryCount: fetched.retryCount,
    });
    try {
      if (job.transactional === false) {
        await job.handle(fetched.data, context(database.db));
        await boss.complete(job.name, fetched.id, {});
      } else {
        await database.db.transaction().execute(async (trx) => {
          await job.handle(fetched.data, context(trx));
          const done = await boss.complete(job.name, fetched.id, {}, { db: kyselyBossDb(trx) });
          if (affectedRows(done) !== 1) throw new JobSupersededError(job.name, fetched.id);
        });
      }
      jobLog.info({ durationMs: Date.now() - started }, 'job.completed');
    } catch (error) {
      // After an abrupt stop nothing more is written: the job stays active and expires, as in a crash.
      if (phase() === 'abandoned') return;
      if (error instanceof JobSupersededError) {
        jobLog.warn({ durationMs: Date.now() - started }, 'job.superseded');
        return;
      }
      const willRetry = fetched.retryCount < fetched.retryLimit;
      jobLog[willRetry ? 'warn' : 'error'](
        { err: error, durationMs: Date.now() - started, willRetry },
        'job.failed',
      );
      await boss
        .fail(job.name, fetched.id, errorOutput(error))
        .catch((failError: unknown) => jobLog.error({ err: failError }, 'job.fail_not_recorded'));
    }
  };

  const workLoop = async (job: JobDefinition<unknown>) => {
    const nap = naps.get(job.name);
    while (phase() === 'running') {
      try {
        const [fetched] = await boss.fetch<unknown>(job.name, {
          batchSize: 1,
          includeMetadata: true,
        });
        // Fetched during a graceful stop: it still runs. After an abrupt one it expires, as in a crash.
        if (fetched && phase() !== 'abandoned') await runJob(job, fetched);
        else if (!fetched && phase() === 'running') await nap?.nap(pollingMs);
      } catch (error) {
        log.error({ err: error, job: job.name }, 'jobs.worker_error');
        await nap?.nap(pollingMs);
      }
    }
  };

  return {
    start: async () => {
      if (state !== 'idle') throw new Error('the job runner has already been started');
      const started = Date.now();
      await installPgBoss(database, schema, [...jobs.values()]);
      await boss.start();
      state = 'running';
      for (const job of jobs.values()) naps.set(job.name, napper());
      loops = work
        ? [...jobs.values()].flatMap((job) =>
            Array.from({ length: job.concurrency ?? DEFAULTS.concurrency }, () => workLoop(job)),
          )
        : [];
      log.info({ jobs: [...jobs.keys()], work, durationMs: Date.now() - started }, 'jobs.started');
    },

    stop: async ({ graceful = true, timeoutMs = DEFAULTS.stopTimeoutMs } = {}) => {
      if (state === 'idle' || state === 'stopping' || state === 'abandoned') return;
      state = graceful ? 'stopping' : 'abandoned';
      naps.forEach((nap) => nap.wakeAll());
      if (graceful) {
        const timedOut = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
        await Promise.race([Promise.all(loops), timedOut]);
      }
      await boss.stop({ graceful: false, close: false });
      await bossDb.drain(timeoutMs);
      log.info({ graceful }, 'jobs.stopped');
    },

    enqueue: async (name, data, enqueueOptions = {}) => {
      if (!jobs.has(name)) throw new Error(`no job named ${name}`);
      if (state === 'idle') throw new Error('start the job runner before enqueueing');
      const id = await boss.send(name, (data ?? null) as object, {
        ...(enqueueOptions.singletonKey ? { singletonKey: enqueueOptions.singletonKey } : {}),
        ...(enqueueOptions.startAfter ? { startAfter: enqueueOptions.startAfter } : {}),
        ...(enqueueOptions.db ? { db: kyselyBossDb(enqueueOptions.db) } : {}),
      });
      // Outside a transaction the job is visible now: wake this process's idle worker for it.
      if (!enqueueOptions.db?.isTransaction) naps.get(name)?.wakeAll();
      return id;
    },
  };
};
