import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { expandDueCampaigns } from '../core/messaging/messaging.campaigns.js';
import {
  sendDueMessages,
  type Mailer,
  type SendSweepResult,
  type SweepOptions,
} from '../core/messaging/messaging.send.js';
import { enqueueMessage, prepareMessage } from '../core/messaging/messaging.service.js';
import type { Clock } from '../core/shared/clock.js';
import {
  messagingDeps,
  messagingEnv,
  renderingDeps,
  type MessagingEnv,
} from '../app/messaging-deps.js';
import { experimentArmStore, messagingRepository } from '../app/messaging.js';
import type { DB } from '../app/database.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import type { JobDefinition } from './job-runner.js';
import type { ShutdownSignals } from './shutdown.js';

export const MESSAGE_SEND_JOB = 'message-send';

/** An SMTP server that has not connected, greeted or answered by then has failed this send. */
const SMTP_TIMEOUTS_MS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
};

const unlessAborted = <T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> =>
  signal
    ? new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(new Error('abandoned at shutdown'));
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      })
    : work;

/**
 * An SMTP mailer from SMTP_URL (smtp://user:pass@host:port, smtps://… for TLS), with timeouts so
 * a silent server cannot hold a send for long. An aborted send is given up at once (nodemailer
 * cannot cancel one; its socket ends with the process).
 */
export const smtpMailer = (smtpUrl: string): Mailer => {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS_MS });
  return async (mail, options = {}) => {
    const info = await unlessAborted(
      transport.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        headers: mail.headers,
      }),
      options.signal,
    );
    return { smtpMessageId: typeof info.messageId === 'string' ? info.messageId : null };
  };
};

export interface MessageSendDeps {
  clock: Clock;
  /** Null or absent: no SMTP; messages are rendered and kept with status `outbox`. */
  mailer?: Mailer | null;
  env?: MessagingEnv;
  retryScheduleMs?: readonly number[];
  /** The process's shutdown: stop claiming, then abandon and release what is in flight. */
  shutdown?: ShutdownSignals;
}

/** Expands due campaigns, then sends every due message of `db`. */
export const sweepMessages = async (
  db: Kysely<DB>,
  deps: MessageSendDeps,
  options: SweepOptions = {},
): Promise<SendSweepResult & { campaigns: number }> => {
  const env = deps.env ?? messagingEnv();
  const messaging = messagingRepository(db);
  const expanded = await expandDueCampaigns({
    messaging,
    experiments: experimentArmStore(db),
    clock: deps.clock,
    enqueue: (input) =>
      runUnitOfWork(db, deps.clock, (uow) => enqueueMessage(messagingDeps(uow), input)),
  });
  const sent = await sendDueMessages(
    {
      messaging,
      mailer: deps.mailer ?? null,
      clock: deps.clock,
      prepare: (claim) =>
        runUnitOfWork(db, deps.clock, (uow) => prepareMessage(renderingDeps(uow, env), claim)),
      ...(deps.retryScheduleMs ? { retryScheduleMs: deps.retryScheduleMs } : {}),
      ...(deps.shutdown ? { abandon: deps.shutdown.abandon } : {}),
    },
    deps.shutdown && !options.signal ? { ...options, signal: deps.shutdown.stopping } : options,
  );
  return { ...sent, campaigns: expanded.campaigns };
};

const worthLogging = (r: SendSweepResult & { campaigns: number }) =>
  r.sent + r.suppressed + r.outbox + r.retrying + r.failed + r.released + r.campaigns > 0;

/**
 * The durable path, every minute in any process running jobs; non-transactional (an SMTP
 * conversation must not hold a transaction open); 'stately' keeps one run at a time.
 */
export const messageSendJob = (deps: MessageSendDeps): JobDefinition<Record<string, never>> => ({
  name: MESSAGE_SEND_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 0,
  schedule: { cron: '* * * * *' },
  handle: async (_data, { db, log }) => {
    const result = await sweepMessages(db, deps);
    if (worthLogging(result)) log.info(result, 'messages.swept');
  },
});

export const MESSAGE_SWEEP_INTERVAL_MS = 2_000;

/**
 * The low-latency path: a running server sweeps every two seconds besides the job, until
 * `shutdown.stopping` is aborted; `stopped()` then waits for the sweep in progress.
 */
export const startMessageSweeper = (
  deps: MessageSendDeps & {
    db: Kysely<DB>;
    log: Logger;
    intervalMs?: number;
    shutdown: ShutdownSignals;
  },
): { stopped(): Promise<void> } => {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const interval = deps.intervalMs ?? MESSAGE_SWEEP_INTERVAL_MS;
  const tick = () => {
    running = sweepMessages(deps.db, deps)
      .then((result) => {
        if (worthLogging(result)) deps.log.info(result, 'messages.swept');
      })
      .catch((error: unknown) => deps.log.error({ err: error }, 'messages.sweep_failed'))
      .finally(() => {
        if (!deps.shutdown.stopping.aborted) timer = setTimeout(tick, interval);
      });
  };
  timer = setTimeout(tick, interval);
  deps.shutdown.stopping.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return {
    stopped: async () => {
      clearTimeout(timer);
      await running;
    },
  };
};
