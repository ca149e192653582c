import type { Kysely, Selectable } from 'kysely';
import type { DB, IdempotencyRecordTable } from './schema.js';

/** One request's Idempotency-Key and the request it was sent with. */
export interface KeyClaim {
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/** A claimed key with the response its request got. */
export interface StoredResponse extends KeyClaim {
  status: number;
  body: string;
}

export const claimId = (c: Pick<KeyClaim, 'principal' | 'key'>) => `${c.principal}\n${c.key}`;

// One order for every writer: two transactions inserting the same keys queue instead of deadlocking.
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

const toResponse = (r: Selectable<IdempotencyRecordTable>): StoredResponse => ({
  principal: r.principal,
  key: r.key,
  method: r.method,
  path: r.path,
  requestHash: r.request_hash,
  status: r.status,
  body: r.response_body,
});

/**
 * The idempotency records of one connection or transaction. A claim is a row with status 0 that
 * lives only inside the claiming transaction: it is given its response before that commits, or
 * vanishes with its rollback, so a committed record always holds a response.
 */
export const idempotencyRepository = (db: Kysely<DB>) => ({
  /**
   * Claims keys in one statement. A key another transaction holds makes it wait for that one to
   * end. Returns the ids (`claimId`) of the claims won; the others were already taken.
   */
  claim: async (claims: KeyClaim[]): Promise<Set<string>> => {
    if (claims.length === 0) return new Set();
    const rows = await db
      .insertInto('idempotency_record')
      .values(sorted(claims).map((c) => recordRow(c, 0, '')))
      .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
      .returning(['principal', 'key'])
      .execute();
    return new Set(rows.map(claimId));
  },

  /** The records of these keys, by `claimId`. */
  read: async (
    keys: Pick<KeyClaim, 'principal' | 'key'>[],
  ): Promise<Map<string, StoredResponse>> => {
    if (keys.length === 0) return new Map();
    const rows = await db
      .selectFrom('idempotency_record')
      .selectAll()
      .where((eb) =>
        eb.or(keys.map((k) => eb.and([eb('principal', '=', k.principal), eb('key', '=', k.key)]))),
      )
      .execute();
    return new Map(rows.map((r) => [claimId(r), toResponse(r)]));
  },

  /** Stores the responses of keys this transaction claimed, in one statement. */
  store: async (responses: StoredResponse[]): Promise<void> => {
    if (responses.length === 0) return;
    await db
      .insertInto('idempotency_record')
      .values(sorted(responses).map((r) => recordRow(r, r.status, r.body)))
      .onConflict((oc) =>
        oc.columns(['principal', 'key']).doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          response_body: eb.ref('excluded.response_body'),
        })),
      )
      .execute();
  },

  /** Gives back keys this transaction claimed for requests that failed, as a rollback would. */
  release: async (claims: Pick<KeyClaim, 'principal' | 'key'>[]): Promise<void> => {
    if (claims.length === 0) return;
    await db
      .deleteFrom('idempotency_record')
      .where((eb) =>
        eb.or(
          claims.map((c) => eb.and([eb('principal', '=', c.principal), eb('key', '=', c.key)])),
        ),
      )
      .execute();
  },
});

export type IdempotencyRepository = ReturnType<typeof idempotencyRepository>;
