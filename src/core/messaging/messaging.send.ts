import type { Clock } from '../shared/clock.js';
import type { Prepared } from './messaging.service.js';
import {
  CLAIM_LEASE_MS,
  RETRY_SCHEDULE_MS,
  type ClaimedMessage,
  type MessagingRepository,
  type MessagingSettings,
  type RenderedMessage,
  type SendOutcome,
} from './messaging.js';

export interface OutgoingMail {
  /** RFC 5322 Message-ID, derived from our message id: the same on every attempt. */
  messageId: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** Hands one mail to the SMTP server; throws when it is not accepted, or when `signal` aborts. */
export type Mailer = (
  mail: OutgoingMail,
  options?: { signal?: AbortSignal },
) => Promise<{ smtpMessageId: string | null }>;

export interface SendDeps {
  messaging: Pick<MessagingRepository, 'claimDue' | 'recordOutcome' | 'releaseClaims' | 'settings'>;
  /** Checks consent again and renders, in its own transaction (see prepareMessage). */
  prepare(claim: ClaimedMessage): Promise<Prepared>;
  /** Null without SMTP_URL: messages are rendered and kept with status `outbox`. */
  mailer: Mailer | null;
  clock: Clock;
  retryScheduleMs?: readonly number[];
  /**
   * Aborted when a shutdown's grace has run out: the send in flight is abandoned and its claim,
   * with the rest of the batch, released (due again at once; the Message-ID stays the same).
   */
  abandon?: AbortSignal;
}

export interface SweepOptions {
  batchSize?: number;
  maxRounds?: number;
  /** Stops between messages; the rest of the claimed batch is released, due again at once. */
  signal?: AbortSignal;
}

export interface SendSweepResult {
  sent: number;
  suppressed: number;
  outbox: number;
  retrying: number;
  failed: number;
  /** Claims given back unsent at shutdown. */
  released: number;
}

const domainOf = (address: string) => address.split('@')[1] ?? 'localhost';

export const messageIdHeader = (id: string, fromAddress: string) =>
  `<${id}@${domainOf(fromAddress)}>`;

/** The mail for a rendered message; marketing carries RFC 8058 one-click unsubscribe headers. */
export const outgoingMail = (
  id: string,
  rendered: RenderedMessage,
  settings: MessagingSettings,
): OutgoingMail => ({
  messageId: messageIdHeader(id, settings.fromAddress),
  from: { name: settings.fromName, address: settings.fromAddress },
  to: rendered.to,
  subject: rendered.subject,
  html: rendered.html,
  text: rendered.text,
  headers: rendered.unsubscribeUrl
    ? {
        'List-Unsubscribe': `<${rendered.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      }
    : {},
});

const describe = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);

const sendOne = async (
  deps: SendDeps,
  claim: ClaimedMessage,
  settings: MessagingSettings,
): Promise<SendOutcome | 'abandoned'> => {
  const prepared = await deps.prepare(claim);
  if (!prepared.ok) {
    return prepared.final === 'suppressed'
      ? { status: 'suppressed', reason: prepared.reason }
      : { status: 'failed', reason: prepared.reason, error: prepared.reason };
  }
  if (!deps.mailer) return { status: 'outbox' };
  try {
    const { smtpMessageId } = await deps.mailer(
      outgoingMail(claim.id, prepared.rendered, settings),
      deps.abandon ? { signal: deps.abandon } : {},
    );
    return { status: 'sent', at: deps.clock.now(), smtpMessageId };
  } catch (error) {
    if (deps.abandon?.aborted) return 'abandoned';
    const schedule = deps.retryScheduleMs ?? RETRY_SCHEDULE_MS;
    const wait = schedule[claim.attempt - 1];
    return wait === undefined
      ? { status: 'failed', reason: 'smtp_error', error: describe(error) }
      : {
          status: 'queued',
          retryAt: new Date(deps.clock.now().getTime() + wait),
          error: describe(error),
        };
  }
};

/**
 * Sends every due message: claims a batch (SKIP LOCKED, leased for CLAIM_LEASE_MS, so no other
 * sweeper takes it meanwhile), then per message re-checks consent, renders, sends and records.
 * A process that dies after the SMTP server accepted a message but before `sent` committed
 * leaves it claimed: it is sent again when the lease ends (at least once; the Message-ID is the
 * same, so the duplicate is identifiable). A message recorded `sent` is never claimed again.
 * A stopping process sends no further message and releases the rest of its batch; one whose
 * send is abandoned when the grace runs out is released too (at least once, as above).
 */
export const sendDueMessages = async (
  deps: SendDeps,
  options: SweepOptions = {},
): Promise<SendSweepResult> => {
  const batchSize = options.batchSize ?? 20;
  const maxRounds = options.maxRounds ?? 50;
  const result: SendSweepResult = {
    sent: 0,
    suppressed: 0,
    outbox: 0,
    retrying: 0,
    failed: 0,
    released: 0,
  };
  const stopping = () => (options.signal?.aborted ?? false) || (deps.abandon?.aborted ?? false);
  const settings = await deps.messaging.settings();
  for (let round = 0; round < maxRounds; round += 1) {
    if (stopping()) break;
    const now = deps.clock.now();
    const claims = await deps.messaging.claimDue(
      now,
      new Date(now.getTime() + CLAIM_LEASE_MS),
      batchSize,
      deps.mailer !== null,
    );
    for (const [i, claim] of claims.entries()) {
      const outcome = stopping() ? 'abandoned' : await sendOne(deps, claim, settings);
      if (outcome === 'abandoned') {
        result.released += await deps.messaging.releaseClaims(claims.slice(i));
        return result;
      }
      await deps.messaging.recordOutcome(claim, outcome, deps.clock.now());
      if (outcome.status === 'queued') result.retrying += 1;
      else result[outcome.status] += 1;
    }
    if (claims.length < batchSize) break;
  }
  return result;
};
