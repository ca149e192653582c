import type { Clock } from '../shared/clock.js';
import { stateAfterAttempt, type SendResult } from './webhooks.plan.js';
import { webhookHeaders } from './webhooks.signing.js';
import {
  CLAIM_LEASE_MS,
  RETRY_SCHEDULE_MS,
  type ClaimedDelivery,
  type DeliveryState,
  type WebhookRepository,
} from './webhooks.js';

/** POSTs one attempt; never throws (a network error or timeout is a failed result). */
export type WebhookSender = (request: {
  url: string;
  headers: Record<string, string>;
  body: string;
}) => Promise<SendResult>;

export interface DeliveryDeps {
  webhooks: Pick<WebhookRepository, 'claimDue' | 'recordAttempt' | 'releaseClaim'>;
  send: WebhookSender;
  clock: Clock;
  /**
   * Aborted when a shutdown's grace has run out: the sender abandons its requests, and a claim
   * whose attempt did not succeed is released, not logged, so that it is sent again.
   */
  abandon?: AbortSignal;
  /** Waits between attempts (default RETRY_SCHEDULE_MS); tests may shorten it. */
  retryScheduleMs?: readonly number[];
}

export interface SweepOptions {
  /** Deliveries claimed, and sent at once, per round. */
  batchSize?: number;
  /** Rounds per sweep at most, so one sweep cannot run forever behind a flood. */
  maxRounds?: number;
  /** Aborted when the process is stopping: no further batch is claimed. */
  signal?: AbortSignal;
}

export interface SweepResult {
  attempts: number;
  succeeded: number;
  retrying: number;
  failed: number;
  /** Claims given back unsent at shutdown. */
  released: number;
}

const attemptOnce = async (
  deps: DeliveryDeps,
  claim: ClaimedDelivery,
): Promise<DeliveryState['status'] | 'released'> => {
  const at = deps.clock.now();
  const started = performance.now();
  const result = await deps.send({
    url: claim.url,
    headers: webhookHeaders(claim.secrets, claim.messageId, at, claim.payload),
    body: claim.payload,
  });
  const durationMs = Math.max(0, Math.round(performance.now() - started));
  if (!result.ok && deps.abandon?.aborted) {
    await deps.webhooks.releaseClaim(claim);
    return 'released';
  }
  const state = stateAfterAttempt(
    result,
    claim.attempt,
    at,
    deps.retryScheduleMs ?? RETRY_SCHEDULE_MS,
  );
  await deps.webhooks.recordAttempt(
    claim,
    {
      attempt: claim.attempt,
      at,
      statusCode: result.statusCode,
      responseExcerpt: result.responseExcerpt,
      error: result.ok ? null : result.error,
      durationMs,
    },
    state,
  );
  return state.status;
};

/**
 * Sends every delivery that is due: claims a batch (no other sweeper, in this process or another,
 * gets the same deliveries), POSTs them at once, logs each attempt and schedules the retry. A
 * stopping process claims no further batch; when its grace runs out the requests in flight are
 * abandoned and their claims released, due again at once (at least once: a receiver may have
 * got an abandoned request, and gets it again with the same `webhook-id`). A
 * claim whose process dies before its attempt is logged is due again when its lease runs out, so
 * nothing is lost; a succeeded delivery is never claimed again, so nothing is sent twice by us
 * (receivers still deduplicate on `webhook-id`, since an answer can be lost on the way back).
 */
export const deliverDueWebhooks = async (
  deps: DeliveryDeps,
  options: SweepOptions = {},
): Promise<SweepResult> => {
  const batchSize = options.batchSize ?? 20;
  const maxRounds = options.maxRounds ?? 50;
  const result: SweepResult = { attempts: 0, succeeded: 0, retrying: 0, failed: 0, released: 0 };
  for (let round = 0; round < maxRounds; round += 1) {
    if (options.signal?.aborted || deps.abandon?.aborted) break;
    const now = deps.clock.now();
    const claims = await deps.webhooks.claimDue(
      now,
      new Date(now.getTime() + CLAIM_LEASE_MS),
      batchSize,
    );
    const states = await Promise.all(claims.map((claim) => attemptOnce(deps, claim)));
    for (const status of states) {
      if (status === 'released') {
        result.released += 1;
        continue;
      }
      result.attempts += 1;
      if (status === 'succeeded') result.succeeded += 1;
      else if (status === 'failed') result.failed += 1;
      else result.retrying += 1;
    }
    if (claims.length < batchSize) break;
  }
  return result;
};
