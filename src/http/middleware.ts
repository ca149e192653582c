import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import { authenticate } from '../core/auth/auth.service.js';
import { hashApiKey, type Principal } from '../core/auth/auth.js';
import { DomainError } from '../core/shared/errors.js';
import { ttlCache } from '../core/shared/ttl-cache.js';
import { apiKeyRepository } from '../app/access.js';
import { inTransaction, repositoriesFor, type DB } from '../app/database.js';
import { dispatchEvents } from '../app/run-unit-of-work.js';
import { unitOfWork } from '../app/unit-of-work.js';
import { eventQueue } from '../core/events/events.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { Clock } from '../core/shared/clock.js';
import type { AppDeps, AppEnv } from './context.js';
import { requestHash } from './order-batcher.js';
import {
  cachedReads,
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
  ): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    c.set('db', deps.db);
    c.set('programmeCache', programme);
    c.set('rulesCache', rules);
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
    if (key !== undefined && (key.length === 0 || key.length > 255)) {
      throw new DomainError(
        'invalid',
        'invalid_idempotency_key',
        'Idempotency-Key must be 1 to 255 characters',
        {},
        [{ path: 'header.Idempotency-Key', message: 'must be 1 to 255 characters' }],
      );
    }
    const body = await c.req.text();
    const hash = requestHash(c.req.method, c.req.path, body);
    try {
      await inTransaction(c.var.db, async (trx) => {
        c.set('db', trx);
        if (key !== undefined) {
          const replay = await claimKey(
            trx,
            c.var.principal.keyId,
            key,
            c.req.method,
            c.req.path,
            hash,
          );
          if (replay) {
            c.res = replay;
            return;
          }
        }
        await next();
        if (c.res.status >= 400) throw new RollbackWithResponse(c.res);
        const programme = await c.var.programmeCache.read(() => getProgramme(repositoriesFor(trx)));
        await dispatchEvents(
          unitOfWork(trx, clock, programme, {
            events: c.var.events,
            ...cachedReads(c.var, trx),
          }),
        );
        if (key !== undefined) {
          await trx
            .updateTable('idempotency_record')
            .set({ status: c.res.status, response_body: await c.res.clone().text() })
            .where('principal', '=', c.var.principal.keyId)
            .where('key', '=', key)
            .execute();
        }
      });
    } catch (error) {
      if (!(error instanceof RollbackWithResponse)) throw error;
      c.res = error.response;
    }
  };

const claimKey = async (
  trx: Kysely<DB>,
  principal: string,
  key: string,
  method: string,
  path: string,
  hash: string,
): Promise<Response | null> => {
  const claimed = await trx
    .insertInto('idempotency_record')
    .values({ principal, key, method, path, request_hash: hash, status: 0, response_body: '' })
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (claimed) return null;
  const record = await trx
    .selectFrom('idempotency_record')
    .selectAll()
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  if (record.request_hash !== hash) {
    throw new DomainError(
      'conflict',
      'idempotency_key_reused',
      `Idempotency key ${key} was already used with a different request`,
      {},
      [
        {
          path: 'header.Idempotency-Key',
          message: 'already used with a different request body or path',
        },
      ],
    );
  }
  return new Response(record.response_body, {
    status: record.status,
    headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
  });
};
