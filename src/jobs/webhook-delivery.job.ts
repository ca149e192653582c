import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../core/shared/clock.js';
import { deliverDueWebhooks, type SweepResult } from '../core/webhooks/webhooks.delivery.js';
import type { DB } from '../app/database.js';
import { webhookRepository } from '../app/webhooks.js';
import type { JobDefinition } from './job-runner.js';
import type { ShutdownSignals } from './shutdown.js';
import { httpSender, type ResolvedAddress } from './webhook-sender.js';

export const WEBHOOK_DELIVERY_JOB = 'webhook-deliver';

export interface WebhookDeliveryDeps {
  clock: Clock;
  /** Per attempt (default DELIVERY_TIMEOUT_MS). */
  timeoutMs?: number;
  retryScheduleMs?: readonly number[];
  /** REGULARS_WEBHOOKS_ALLOW_PRIVATE (default false). */
  allowPrivateTargets?: boolean;
  /** The process's shutdown: stop claiming, then abandon and release what is in flight. */
  shutdown?: ShutdownSignals;
  /** Name resolution (default the system's); tests may point a name at an address. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/** One sweep over the due deliveries of `db`. */
export const sweepWebhooks = (db: Kysely<DB>, deps: WebhookDeliveryDeps): Promise<SweepResult> =>
  deliverDueWebhooks(
    {
      webhooks: webhookRepository(db),
      send: httpSender({
        ...(deps.timeoutMs !== undefined ? { timeoutMs: deps.timeoutMs } : {}),
        ...(deps.allowPrivateTargets !== undefined
          ? { allowPrivateTargets: deps.allowPrivateTargets }
          : {}),
        ...(deps.shutdown ? { signal: deps.shutdown.abandon } : {}),
        ...(deps.resolve ? { resolve: deps.resolve } : {}),
      }),
      clock: deps.clock,
      ...(deps.shutdown ? { abandon: deps.shutdown.abandon } : {}),
      ...(deps.retryScheduleMs ? { retryScheduleMs: deps.retryScheduleMs } : {}),
    },
    deps.shutdown ? { signal: deps.shutdown.stopping } : {},
  );

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
 * It sweeps until `shutdown.stopping` is aborted; `stopped()` then waits for the sweep in progress,
 * which ends when its requests are answered or, once `shutdown.abandon` is aborted, abandoned.
 */
export const startWebhookSweeper = (
  deps: WebhookDeliveryDeps & {
    db: Kysely<DB>;
    log: Logger;
    intervalMs?: number;
    shutdown: ShutdownSignals;
  },
): { stopped(): Promise<void> } => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const stopping = () => deps.shutdown.stopping.aborted;
  const tick = () => {
    running = sweepWebhooks(deps.db, deps)
      .then((result) => {
        if (result.attempts + result.released > 0) deps.log.info(result, 'webhooks.swept');
      })
      .catch((error: unknown) => deps.log.error({ err: error }, 'webhooks.sweep_failed'))
      .finally(() => {
        if (!stopping()) timer = setTimeout(tick, deps.intervalMs ?? WEBHOOK_SWEEP_INTERVAL_MS);
      });
  };
  timer = setTimeout(tick, deps.intervalMs ?? WEBHOOK_SWEEP_INTERVAL_MS);
  deps.shutdown.stopping.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return {
    /** Resolves once the sweep in progress has ended (after `shutdown.stopping` is aborted). */
    stopped: async () => {
      clearTimeout(timer);
      await running;
    },
  };
};
