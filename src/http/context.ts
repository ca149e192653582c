import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../core/auth/auth.js';
import type { EventQueue } from '../core/events/events.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { Clock } from '../core/shared/clock.js';
import { repositoriesFor, type DB } from '../app/database.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import { unitOfWork, type SharedReads, type UnitOfWork } from '../app/unit-of-work.js';
import {
  cachedReads,
  type ProgrammeCache,
  type ExperimentsCache,
  type RulesCache,
  type TierCache,
} from '../app/programme-caches.js';

export interface AppDeps {
  db: Kysely<DB>;
  /** DATABASE_READ_URL's standby for report reads (docs/scale.md); default: `db`. */
  readDb?: Kysely<DB>;
  clock: Clock;
  log: Logger;
  bodyLimitBytes: number;
  /** REGULARS_PUBLIC_BODY_LIMIT_BYTES: the body limit outside /v1; default 64 KiB. */
  publicBodyLimitBytes?: number;
  /** REGULARS_CARD_SECRET; unset: a key generated once and kept in the database. */
  cardSecret?: string;
  /** REGULARS_PUBLIC_URL: the base of referral links. */
  publicUrl?: string;
  /** The built web pages; default web/dist. */
  webDist?: string;
  /** REGULARS_WEBHOOKS_ALLOW_PRIVATE: subscriptions may name loopback and private targets. */
  webhooksAllowPrivate?: boolean;
  /** REGULARS_ORDER_BATCHING: group commit of POST /v1/orders; default true. */
  orderBatching?: boolean;
  /** REGULARS_MAX_FUTURE_SKEW_MINUTES: how far ahead of the clock an order may be dated. */
  maxFutureSkewMinutes?: number;
  /** The running job queue, for routes that enqueue work with their write; none: nothing is enqueued. */
  jobs?: Pick<JobRunner, 'enqueue'>;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    principal: Principal;
    /** The request's database handle: a transaction for writes, the pool for reads. */
    db: Kysely<DB>;
    /**
     * For reads that may trail the request's own writes by the replication delay (reports,
     * analytics, previews): the read replica if configured, else the same handle as `db` (the
     * write's transaction in a write). Never for a read that must see a write (docs/scale.md).
     */
    readDb: Kysely<DB>;
    log: Logger;
    programmeCache: ProgrammeCache;
    rulesCache: RulesCache;
    experimentsCache: ExperimentsCache;
    tierCache: TierCache;
    /** Events the request's use cases emit; dispatched before its transaction commits. */
    events: EventQueue;
  };
};

export type AppContext = Context<AppEnv>;

/** A use case's view of the request: the unit of work without its dispatch, which the write middleware runs. */
export type UseCaseDeps = UnitOfWork;

/** Everything a use case needs, bound to this request's connection or transaction. */
export const useCaseDeps = async (c: AppContext, clock: Clock): Promise<UseCaseDeps> =>
  unitOfWork(c.var.db, clock, await programmeOf(c, c.var.db), requestReads(c, c.var.db));

const programmeOf = (c: AppContext, db: Kysely<DB>) =>
  c.var.programmeCache.read(() => getProgramme(repositoriesFor(db)));

/** The request's event queue and this process's cached rules and tiers, read on `db`. */
const requestReads = (c: AppContext, db: Kysely<DB>): SharedReads => ({
  events: c.var.events,
  ...cachedReads(c.var, db),
});

/**
 * Runs a read that must also settle due points (a write) atomically: a unit of work of its own,
 * sharing the request's event queue and caches.
 */
export const inRequestTransaction = <T>(
  c: AppContext,
  clock: Clock,
  work: (deps: UseCaseDeps) => Promise<T>,
): Promise<T> =>
  runUnitOfWork(c.var.db, clock, work, {
    programme: (repos) => c.var.programmeCache.read(() => getProgramme(repos)),
    shared: (trx) => requestReads(c, trx),
  });
