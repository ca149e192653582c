import { createHmac, randomBytes } from 'node:crypto';
import { WEBHOOK_SECRET_PREFIX, type WebhookSecrets } from './webhooks.js';

/** Bytes of randomness in a signing secret (the specification asks for 24 to 64). */
const SECRET_BYTES = 32;

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = (): string =>
  `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;

const secretKey = (secret: string): Buffer =>
  Buffer.from(
    secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret,
    'base64',
  );

/** `v1,` and the base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed by the decoded secret. */
export const signWebhook = (
  secret: string,
  messageId: string,
  timestampSeconds: number,
  body: string,
): string =>
  `v1,${createHmac('sha256', secretKey(secret))
    .update(`${messageId}.${timestampSeconds}.${body}`)
    .digest('base64')}`;

/** The secrets that sign at `at`: the current one, and the previous one while it is still valid. */
export const signingSecrets = (secrets: WebhookSecrets, at: Date): string[] =>
  secrets.previous && secrets.previousExpiresAt && secrets.previousExpiresAt > at
    ? [secrets.current, secrets.previous]
    : [secrets.current];

/**
 * The headers of one attempt. The timestamp is the attempt's (receivers reject old ones); several
 * signatures are separated by spaces, as the specification has it for secret rotation.
 */
export const webhookHeaders = (
  secrets: WebhookSecrets,
  messageId: string,
  at: Date,
  body: string,
): Record<string, string> => {
  const timestampSeconds = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Regulars-Webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': signingSecrets(secrets, at)
      .map((secret) => signWebhook(secret, messageId, timestampSeconds, body))
      .join(' '),
  };
};
