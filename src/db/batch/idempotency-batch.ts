import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';

/** One request's Idempotency-Key, as the per-request path records it. */
export interface KeyClaim {
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export const claimId = (c: Pick<KeyClaim, 'principal' | 'key'>) => `${c.principal}\n${c.key}`;

// One order for every batch: two batches inserting the same keys queue instead of deadlocking.
const sorted = <T extends Pick<KeyClaim, 'principal' | 'key'>>(claims: T[]) =>
  [...claims].sort((a, b) => (claimId(a) < claimId(b) ? -1 : claimId(a) > claimId(b) ? 1 : 0));

const recordRow = (c: KeyClaim, status: number, responseBody: string) => ({
  principal: c.principal,
  key: c.key,
  method: c.method,
  path: c.path,
  request_hash: c.requestHash,
  status,
  response_body: responseBody,
});

/**
 * Claims many keys in one statement (a key another transaction holds makes it wait, as the
 * per-request claim does). Returns the ids of the claims won; the others were already taken.
 */
export const claimKeys = async (trx: Kysely<DB>, claims: KeyClaim[]): Promise<Set<string>> => {
  if (claims.length === 0) return new Set();
  const rows = await trx
    .insertInto('idempotency_record')
    .values(sorted(claims).map((c) => recordRow(c, 0, '')))
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .returning(['principal', 'key'])
    .execute();
  return new Set(rows.map(claimId));
};

/** Stores the responses of claimed keys in one statement (the rows are this transaction's). */
export const storeResponses = async (
  trx: Kysely<DB>,
  responses: (KeyClaim & { status: number; body: string })[],
): Promise<void> => {
  if (responses.length === 0) return;
  await trx
    .insertInto('idempotency_record')
    .values(sorted(responses).map((r) => recordRow(r, r.status, r.body)))
    .onConflict((oc) =>
      oc.columns(['principal', 'key']).doUpdateSet((eb) => ({
        status: eb.ref('excluded.status'),
        response_body: eb.ref('excluded.response_body'),
      })),
    )
    .execute();
};

/** Gives back the keys of requests that failed, as the per-request path's rollback would. */
export const releaseKeys = async (trx: Kysely<DB>, claims: KeyClaim[]): Promise<void> => {
  if (claims.length === 0) return;
  await trx
    .deleteFrom('idempotency_record')
    .where((eb) =>
      eb.or(claims.map((c) => eb.and([eb('principal', '=', c.principal), eb('key', '=', c.key)]))),
    )
    .execute();
};
