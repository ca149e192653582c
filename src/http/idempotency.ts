import { createHash } from 'node:crypto';
import { DomainError } from '../core/shared/errors.js';
import { claimId, type IdempotencyRepository, type KeyClaim } from '../app/orders.js';

/**
 * What an Idempotency-Key means, decided in one place for every write: the per-request
 * transaction and the group commit of orders both claim keys and replay through here.
 */

export const requestHash = (method: string, path: string, body: string) =>
  createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');

/** A key outside 1 to 255 characters is refused before anything else happens. */
export const invalidIdempotencyKey = (key: string | undefined): DomainError | null =>
  key !== undefined && (key.length === 0 || key.length > 255)
    ? new DomainError(
        'invalid',
        'invalid_idempotency_key',
        'Idempotency-Key must be 1 to 255 characters',
        {},
        [{ path: 'header.Idempotency-Key', message: 'must be 1 to 255 characters' }],
      )
    : null;

export const keyClaim = (
  principal: string,
  key: string,
  request: { method: string; path: string; body: string },
): KeyClaim => ({
  principal,
  key,
  method: request.method,
  path: request.path,
  requestHash: requestHash(request.method, request.path, request.body),
});

/** This transaction now holds the key; or the key's first response; or the key was reused. */
export type KeyVerdict =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: Response }
  | { kind: 'reused'; error: DomainError };

const reusedKey = (key: string) =>
  new DomainError(
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

/**
 * Claims the keys (waiting for any transaction that holds one) and judges each lost claim against
 * the request that won it: the same request gets the stored response again, another one a 422.
 * Returns a verdict per `claimId`.
 */
export const claimKeys = async (
  records: IdempotencyRepository,
  claims: KeyClaim[],
): Promise<Map<string, KeyVerdict>> => {
  const won = await records.claim(claims);
  const lost = claims.filter((c) => !won.has(claimId(c)));
  const stored = await records.read(lost);
  const verdicts = new Map<string, KeyVerdict>();
  for (const claim of claims) {
    const id = claimId(claim);
    if (won.has(id)) {
      verdicts.set(id, { kind: 'claimed' });
      continue;
    }
    const record = stored.get(id);
    if (!record) throw new Error(`idempotency record of ${claim.key} vanished after a conflict`);
    verdicts.set(
      id,
      record.requestHash !== claim.requestHash
        ? { kind: 'reused', error: reusedKey(claim.key) }
        : {
            kind: 'replay',
            response: new Response(record.body, {
              status: record.status,
              headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
            }),
          },
    );
  }
  return verdicts;
};

/** One request's claim: null when it may go ahead, else its replay; a reused key throws. */
export const claimKey = async (
  records: IdempotencyRepository,
  claim: KeyClaim,
): Promise<Response | null> => {
  const verdict = (await claimKeys(records, [claim])).get(claimId(claim))!;
  if (verdict.kind === 'reused') throw verdict.error;
  return verdict.kind === 'replay' ? verdict.response : null;
};
