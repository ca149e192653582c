import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from '../core/auth/auth.js';
import type { EventQueue } from '../core/events/events.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { ProgrammeSettings } from '../core/programme/programme.js';
import type { Clock } from '../core/shared/clock.js';
import { hasTiers } from '../core/tiers/tiers.js';
import { inTransaction, repositoriesFor, type Repositories } from '../db/repositories.js';
import type { DB } from '../db/schema.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { dispatchEvents, unitOfWork } from '../db/unit-of-work.js';
import {
  cachedReads,
  type ProgrammeCache,
  type RulesCache,
  type TierCache,
} from './programme-cache.js';
import type { Rule } from '../core/rules/rules.js';

export interface AppDeps {
  db: Kysely<DB>;
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
  /** The running job queue, for routes that enqueue work with their write; none: nothing is enqueued. */
  jobs?: Pick<JobRunner, 'enqueue'>;
}

export type AppEnv = {
  Variables: {
    requestId: string;
    principal: Principal;
    /** The request's database handle: a transaction for writes, the pool for reads. */
    db: Kysely<DB>;
    log: Logger;
    programmeCache: ProgrammeCache;
    rulesCache: RulesCache;
    tierCache: TierCache;
    /** Events the request's use cases emit; dispatched before its transaction commits. */
    events: EventQueue;
  };
};

export type AppContext = Context<AppEnv>;

export interface UseCaseDeps extends Repositories {
  clock: Clock;
  programme: ProgrammeSettings;
  events: EventQueue;
  db: Kysely<DB>;
  activeRules(): Promise<Rule[]>;
  tiersConfigured(): Promise<boolean>;
}

/** Everything a use case needs, bound to this request's connection or transaction. */
export const useCaseDeps = async (c: AppContext, clock: Clock): Promise<UseCaseDeps> => {
  const repos = repositoriesFor(c.var.db);
  const reads = cachedReads(c.var, c.var.db);
  return {
    ...repos,
    db: c.var.db,
    clock,
    events: c.var.events,
    programme: await c.var.programmeCache.read(() => getProgramme(repos)),
    activeRules: reads.activeRules,
    tiersConfigured: async () => hasTiers(await reads.tierConfig()),
  };
};

/** Runs a read that must also settle due points (a write) atomically, with its own transaction. */
export const inRequestTransaction = <T>(
  c: AppContext,
  clock: Clock,
  work: (deps: UseCaseDeps) => Promise<T>,
): Promise<T> =>
  inTransaction(c.var.db, async (trx) => {
    const programme = await c.var.programmeCache.read(() => getProgramme(repositoriesFor(trx)));
    const uow = unitOfWork(trx, clock, programme, {
      events: c.var.events,
      ...cachedReads(c.var, trx),
    });
    const result = await work(uow);
    await dispatchEvents(uow);
    return result;
  });
