import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../core/shared/clock.js';
import {
  deliverDueWebhooks,
  type SweepResult,
  type WebhookSender,
} from '../core/webhooks/webhooks.delivery.js';
import { excerpt, isSuccessStatus } from '../core/webhooks/webhooks.plan.js';
import { DELIVERY_TIMEOUT_MS, RESPONSE_EXCERPT_CHARS } from '../core/webhooks/webhooks.js';
import type { DB } from '../db/schema.js';
import { webhookRepository } from '../db/webhooks/webhooks.repository.js';
import type { JobDefinition } from './job-runner.js';

export const WEBHOOK_DELIVERY_JOB = 'webhook-deliver';

/** Reads at most about `chars` characters of an answer, then stops reading it. */
const readExcerpt = async (response: Response, chars: number): Promise<string> => {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length <= chars) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return excerpt(text, chars);
};

const describeError = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return `${error.message}${detail}`.slice(0, RESPONSE_EXCERPT_CHARS);
};

/**
 * POSTs with `fetch` (injectable, so tests can watch or break it) and a timeout. Redirects are not
 * followed: a 3xx is a failure, as for any answer outside 2xx.
 */
export const fetchSender =
  (fetchFn: typeof fetch = fetch, timeoutMs: number = DELIVERY_TIMEOUT_MS): WebhookSender =>
  async ({ url, headers, body }) => {
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const response = await fetchFn(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal,
      });
      const responseExcerpt = await readExcerpt(response, RESPONSE_EXCERPT_CHARS).catch(() => '');
      return isSuccessStatus(response.status)
        ? { ok: true, statusCode: response.status, responseExcerpt }
        : { ok: false, statusCode: response.status, responseExcerpt, error: null };
    } catch (error) {
      return { ok: false, statusCode: null, responseExcerpt: null, error: describeError(error) };
    }
  };

export interface WebhookDeliveryDeps {
  clock: Clock;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retryScheduleMs?: readonly number[];
}

/** One sweep over the due deliveries of `db`. */
export const sweepWebhooks = (db: Kysely<DB>, deps: WebhookDeliveryDeps): Promise<SweepResult> =>
  deliverDueWebhooks({
    webhooks: webhookRepository(db),
    send: fetchSender(deps.fetch, deps.timeoutMs),
    clock: deps.clock,
    ...(deps.retryScheduleMs ? { retryScheduleMs: deps.retryScheduleMs } : {}),
  });

/**
 * The sweep as a job, every minute: the durable path, which any process running jobs takes even
 * when nothing else nudges it. Non-transactional (an HTTP call must not hold a transaction open);
 * each delivery's claim and attempt commit on their own. 'stately' keeps one run at a time.
 */
export const webhookDeliveryJob = (
  deps: WebhookDeliveryDeps,
): JobDefinition<Record<string, never>> => ({
  name: WEBHOOK_DELIVERY_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 0,
  schedule: { cron: '* * * * *' },
  handle: async (_data, { db, log }) => {
    const result = await sweepWebhooks(db, deps);
    if (result.attempts > 0) log.info(result, 'webhooks.swept');
  },
});

/** How often a running server looks for due deliveries, besides the minutely job. */
export const WEBHOOK_SWEEP_INTERVAL_MS = 1_000;

/**
 * The low-latency path: a running server sweeps every second, so an event's webhook leaves about
 * a second after its transaction commits. Claims make it safe beside the job and other servers.
 */
export const startWebhookSweeper = (
  deps: WebhookDeliveryDeps & { db: Kysely<DB>; log: Logger; intervalMs?: number },
): { stop(): Promise<void> } => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sweepWebhooks(deps.db, deps)
      .then((result) => {
        if (result.attempts > 0) deps.log.info(result, 'webhooks.swept');
      })
      .catch((error: unknown) => deps.log.error({ err: error }, 'webhooks.sweep_failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, deps.intervalMs ?? WEBHOOK_SWEEP_INTERVAL_MS);
      });
  };
  timer = setTimeout(tick, deps.intervalMs ?? WEBHOOK_SWEEP_INTERVAL_MS);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
