import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { authenticate } from '../core/auth/auth.service.js';
import { hashApiKey, type Principal } from '../core/auth/auth.js';
import { DomainError } from '../core/shared/errors.js';
import { ttlCache } from '../core/shared/ttl-cache.js';
import { apiKeyRepository } from '../app/access.js';
import type { DB } from '../app/database.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import { eventQueue } from '../core/events/events.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { Clock } from '../core/shared/clock.js';
import type { AppDeps, AppEnv } from './context.js';
import { claimKey, invalidIdempotencyKey, keyClaim } from './idempotency.js';
import { idempotencyRepository } from '../app/orders.js';
import {
  cachedReads,
  type ExperimentsCache,
  type ProgrammeCache,
  type RulesCache,
  type TierCache,
} from '../app/programme-caches.js';
import { hasSessionCookie, isSafeMethod, sessionFromCookie } from './session-auth.js';

export const requestContext =
  (
    deps: AppDeps,
    programme: ProgrammeCache,
    rules: RulesCache,
    tiers: TierCache,
    experiments: ExperimentsCache,
  ): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    c.set('db', deps.db);
    c.set('readDb', deps.readDb ?? deps.db);
    c.set('programmeCache', programme);
    c.set('rulesCache', rules);
    c.set('experimentsCache', experiments);
    c.set('tierCache', tiers);
    c.set('events', eventQueue());
    c.set('log', deps.log.child({ requestId }));
    c.header('x-request-id', requestId);
    const started = performance.now();
    await next();
    c.var.log.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      },
      'http.request',
    );
  };

/**
 * How long a key that authenticated is trusted without asking the database again: a revoked key
 * keeps working in this process for up to this long. Only successes are kept, by the key's hash.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const API_KEY_CACHE_MAX_ENTRIES = 1_000;

/**
 * Keys revoked through this process: its cache of checked keys forgets them at once, so a key that
 * revoked itself stops working here with its next request. Another process stops accepting a
 * revoked key when its cache entry ends, within API_KEY_CACHE_TTL_MS.
 */
const revokedHere = new Set<string>();
export const forgetApiKey = (keyId: string) => {
  revokedHere.add(keyId);
};

/**
 * Who is asking: an API key in `Authorization: Bearer`, or else a dashboard session cookie (whose
 * writes must carry the CSRF token). A bearer header wins, so scripts never depend on cookies.
 */
export const requirePrincipal = (db: Kysely<DB>, clock: Clock): MiddlewareHandler<AppEnv> => {
  const known = ttlCache<Principal>({
    ttlMs: API_KEY_CACHE_TTL_MS,
    maxEntries: API_KEY_CACHE_MAX_ENTRIES,
  });
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header && hasSessionCookie(c)) {
      const session = await sessionFromCookie(c, clock, { checkCsrf: !isSafeMethod(c.req.method) });
      c.set('principal', session.principal);
      return next();
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) {
      throw new DomainError(
        'unauthorized',
        'missing_api_key',
        'Send an API key as Authorization: Bearer <key>, or sign in at /admin',
      );
    }
    const hash = hashApiKey(match[1]!);
    let principal = known.get(hash);
    if (!principal || revokedHere.has(principal.keyId)) {
      principal = await authenticate({ apiKeys: apiKeyRepository(db) }, match[1]!);
      known.set(hash, principal);
    }
    c.set('principal', principal);
    await next();
  };
};

class RollbackWithResponse extends Error {
  constructor(readonly response: Response) {
    super('rollback');
  }
}

/**
 * Every write runs in one transaction together with its idempotency record. A retry with the same
 * key waits for the first attempt (the unique key blocks it), then replays the stored response; a
 * failed attempt rolls back everything, its record included, so the client may simply retry.
 */
export const transactionalWrite =
  (clock: Clock): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (isSafeMethod(c.req.method)) return next();
    const key = c.req.header('idempotency-key');
    const invalidKey = invalidIdempotencyKey(key);
    if (invalidKey) throw invalidKey;
    // Read before the transaction opens, keyed or not: a slow upload holds no connection.
    const body = await c.req.text();
    const claim =
      key === undefined
        ? null
        : keyClaim(c.var.principal.keyId, key, { method: c.req.method, path: c.req.path, body });
    const primary = c.var.db;
    try {
      await runUnitOfWork(
        primary,
        clock,
        async (uow) => {
          c.set('db', uow.db);
          // Without a replica, reads follow the transaction: PGlite has one connection, which the
          // transaction holds, so a read on the pool beside it would wait forever.
          if (c.var.readDb === primary) c.set('readDb', uow.db);
          const records = idempotencyRepository(uow.db);
          if (claim) {
            const replay = await claimKey(records, claim);
            if (replay) {
              c.res = replay;
              return;
            }
          }
          await next();
          if (c.res.status >= 400) throw new RollbackWithResponse(c.res);
          if (claim) {
            await records.store([
              { ...claim, status: c.res.status, body: await c.res.clone().text() },
            ]);
          }
        },
        {
          programme: (repos) => c.var.programmeCache.read(() => getProgramme(repos)),
          // The route's use cases queue into the request's queue; runUnitOfWork dispatches it.
          shared: (trx) => ({ events: c.var.events, ...cachedReads(c.var, trx) }),
        },
      );
    } catch (error) {
      if (!(error instanceof RollbackWithResponse)) throw error;
      c.res = error.response;
    }
  };
