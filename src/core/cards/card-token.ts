import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token a member card's QR code carries: the card id and its HMAC-SHA256 under the
 * programme's card secret, both base64url, joined by a dot (`<card>.<mac>`). Compact and
 * URL-safe, so it fits a path segment and a small QR code. It names a card, never a customer,
 * and cannot be forged without the secret. Pure: the secret is a parameter.
 */

/** No token we sign is anywhere near this long; longer input is rejected before any work. */
export const CARD_TOKEN_MAX_LENGTH = 200;

/** Shorter keys would make the MAC only as strong as the key. */
export const CARD_SECRET_MIN_BYTES = 32;

const mac = (secret: Uint8Array, cardId: string): Buffer =>
  createHmac('sha256', secret).update(cardId, 'utf8').digest();

const assertSecret = (secret: Uint8Array) => {
  if (secret.length < CARD_SECRET_MIN_BYTES) {
    throw new Error(`a card secret needs at least ${CARD_SECRET_MIN_BYTES} bytes`);
  }
};

export const signCardToken = (secret: Uint8Array, cardId: string): string => {
  assertSecret(secret);
  if (cardId.length === 0) throw new Error('a card id cannot be empty');
  return `${Buffer.from(cardId, 'utf8').toString('base64url')}.${mac(secret, cardId).toString('base64url')}`;
};

/**
 * The card id a token was signed for, or null for anything else. The whole token is compared
 * with the one we would sign for that id, in constant time, so a change to any character fails —
 * including the ones base64 decoding would otherwise forgive (padding bits, `+` for `-`).
 */
export const verifyCardToken = (secret: Uint8Array, token: string): string | null => {
  assertSecret(secret);
  if (token.length === 0 || token.length > CARD_TOKEN_MAX_LENGTH) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const cardId = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
  if (cardId.length === 0) return null;
  const expected = Buffer.from(signCardToken(secret, cardId), 'utf8');
  const given = Buffer.from(token, 'utf8');
  if (expected.length !== given.length) return null;
  return timingSafeEqual(expected, given) ? cardId : null;
};
