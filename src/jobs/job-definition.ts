import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../app/database.js';

export interface JobContext {
  jobId: string;
  /** The transaction the job's completion commits in (the plain database for non-transactional jobs). */
  db: Kysely<DB>;
  log: Logger;
  /** 0 on the first attempt. */
  retryCount: number;
}

export interface JobDefinition<T = unknown> {
  /** The queue's name, unique in the application. */
  name: string;
  handle(data: T, ctx: JobContext): Promise<void>;
  /** Cron (UTC, minute granularity): one job per matching minute across all processes. */
  schedule?: { cron: string; data?: T };
  /** Further attempts after the first failure (default 3). */
  retryLimit?: number;
  /** Wait before a retry (default 5); doubled per attempt, with jitter, when retryBackoff is on (default). */
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A running job not finished by then is considered lost and handed out again (default 900). */
  expireInSeconds?: number;
  /** Jobs of this queue run at once in this process (default 1). */
  concurrency?: number;
  /**
   * 'stately': per singleton key, at most one job queued and one running, across processes;
   * further sends return null (right for sweeps). 'singleton': at most one running per key.
   * Default 'standard' (no limits).
   */
  policy?: 'standard' | 'stately' | 'singleton';
  /**
   * Default true: handle() runs in a transaction that also completes the job. False: handle()
   * gets the plain database and commits its own short transactions (a long sweep must not hold
   * one transaction, which on PGlite would block every other statement); the job completes
   * after it, so a crash in between repeats steps that must therefore be idempotent.
   */
  transactional?: boolean;
}
