import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a one-click unsubscribe link: the customer id and an HMAC-SHA256 of it (128 bits,
 * base64url), so a link names its customer without a database lookup and cannot be forged or
 * moved to another customer. It never expires: RFC 8058 asks that the link keep working.
 */
const SIGNATURE_BYTES = 16;
const PURPOSE = 'regulars.unsubscribe.email.v1';

const signature = (key: Buffer, customerId: string): Buffer =>
  createHmac('sha256', key)
    .update(`${PURPOSE}:${customerId}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES);

export const signUnsubscribeToken = (key: Buffer, customerId: string): string =>
  `${customerId}.${signature(key, customerId).toString('base64url')}`;

/** The customer id the token was signed for, or null when it is not a genuine token. */
export const verifyUnsubscribeToken = (key: Buffer, token: string): string | null => {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const customerId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = signature(key, customerId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? customerId : null;
};

export const unsubscribeUrl = (publicUrl: string, token: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/u/${encodeURIComponent(token)}`;
