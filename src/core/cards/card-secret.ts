import { randomBytes } from 'node:crypto';
import type { Clock } from '../shared/clock.js';
import { CARD_SECRET_MIN_BYTES } from './card-token.js';
import type { CardSecretStore } from './cards.js';

/**
 * The key card tokens are signed with: the configured one (REGULARS_CARD_SECRET) when set,
 * otherwise 32 random bytes generated on first use and kept in the database, so tokens printed
 * on cards keep working after a restart and across server processes. There is no default secret.
 */
export interface CardSecret {
  key: Buffer;
  /** False while the key was just stored by a transaction that may still roll back. */
  settled: boolean;
}

export const generateCardSecret = (): string =>
  randomBytes(CARD_SECRET_MIN_BYTES).toString('base64url');

export const loadCardSecret = async (
  deps: { secrets: CardSecretStore; clock: Clock },
  configured?: string,
): Promise<CardSecret> => {
  if (configured) return { key: Buffer.from(configured, 'utf8'), settled: true };
  const stored = await deps.secrets.read();
  if (stored) return { key: Buffer.from(stored, 'base64url'), settled: true };
  // Two processes may both get here: the store keeps the first value and both read it back.
  const inserted = await deps.secrets.insertIfAbsent(generateCardSecret(), deps.clock.now());
  const value = await deps.secrets.read();
  if (!value) throw new Error('the card secret is missing right after it was stored');
  return {
    key: Buffer.from(value, 'base64url'),
    settled: !inserted || deps.secrets.commitsAtOnce,
  };
};

/**
 * Remembers the key once it is known to be committed; until then every call asks the store
 * again, so a key from a rolled-back transaction is never used after that transaction.
 */
export const cardSecretCache = (configured?: string) => {
  let known: Buffer | null = null;
  return async (deps: { secrets: CardSecretStore; clock: Clock }): Promise<Buffer> => {
    if (known) return known;
    const secret = await loadCardSecret(deps, configured);
    if (secret.settled) known = secret.key;
    return secret.key;
  };
};
