import { serve, type Http2Bindings, type HttpBindings, type ServerType } from '@hono/node-server';
import { pino, type Logger } from 'pino';
import type { Config } from './config.js';
import { ensureAdminKey } from './core/auth/auth.service.js';
import { systemClock, type Clock } from './core/shared/clock.js';
import { openDatabase, type Database } from './db/dialect.js';
import { migrateToLatest } from './db/migrate.js';
import { repositoriesFor } from './app/database.js';
import { emailSuggestions } from './app/recommendations.js';
import { createApp } from './http/app.js';
import { applicationJobs } from './jobs/index.js';
import { createJobRunner, jobsSchemaOf, type JobRunner } from './jobs/job-runner.js';
import { startWebhookSweeper } from './jobs/webhook-delivery.job.js';
import { smtpMailer, startMessageSweeper } from './jobs/message-send.job.js';
import { messagingEnv } from './app/messaging-deps.js';
import { shutdownControl } from './jobs/shutdown.js';
import { drainingFetch, stopAccepting } from './http/draining.js';

export const createLogger = (config: Pick<Config, 'logLevel'>): Logger =>
  pino({ level: config.logLevel, base: { service: 'regulars' } });

/** Opens the configured database and brings its schema up to date. */
export const openMigratedDatabase = async (config: Config): Promise<Database> => {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    readUrl: config.databaseReadUrl,
    schema: config.dbSchema,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
  });
  await migrateToLatest(database.db, { schema: database.schema });
  return database;
};

export interface RunningServer {
  url: string;
  /** Where links and the dashboard are reached: REGULARS_PUBLIC_URL, else this host and port. */
  publicUrl: string;
  database: Database;
  log: Logger;
  /** The durable job queue; running unless startServer was told `{ jobs: false }`. */
  jobs: JobRunner;
  /**
   * Stops gracefully, within REGULARS_SHUTDOWN_GRACE_MS (see `shutDown`); calling it again
   * returns the same promise.
   */
  close(): Promise<void>;
}

/** After the grace, how long abandoned work may take to give its claims back. */
const RELEASE_SETTLE_MS = 2_000;

type FetchHandler = (
  request: Request,
  env: HttpBindings | Http2Bindings,
) => Response | Promise<Response>;

/** While the server starts (jobs installing), before the app answers. */
const starting = (): Response =>
  new Response(
    JSON.stringify({
      type: 'https://regulars.dev/problems/starting',
      title: 'Service unavailable',
      status: 503,
      detail: 'The server is starting; retry in a moment',
      code: 'starting',
    }),
    { status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } },
  );

/**
 * The links' base without REGULARS_PUBLIC_URL: this machine on the port the server took, so a
 * link never points at a port nobody listens on. A wildcard or loopback bind reads as localhost.
 */
export const localPublicUrl = (host: string, port: number): string =>
  `http://${['0.0.0.0', '::', '127.0.0.1', '::1'].includes(host) ? 'localhost' : host}:${port}`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** pg-boss schedules by cron, a minute at the finest; 0 keeps the settlement job unscheduled. */
const settleEveryMinutes = (intervalMs: number): number =>
  intervalMs === 0 ? 0 : Math.min(59, Math.max(1, Math.round(intervalMs / 60_000)));

export const startServer = async (
  config: Config,
  clock: Clock = systemClock,
  options: { jobs?: boolean } = {},
): Promise<RunningServer> => {
  const log = createLogger(config);
  const database = await openMigratedDatabase(config);
  const { generatedSecret } = await ensureAdminKey(
    { ...repositoriesFor(database.db), clock },
    config.adminKey,
  );
  if (generatedSecret) {
    // Printed once, on the first start only: the database keeps just its hash.
    process.stdout.write(`\nAdmin API key (shown once, keep it safe):\n  ${generatedSecret}\n\n`);
  }
  // Listen first, so the links' default base is the port actually taken (PORT=0 picks one); until
  // the app is ready every request gets a 503 "starting".
  let handle: FetchHandler = starting;
  const draining = drainingFetch((request: Request, env: HttpBindings | Http2Bindings) =>
    handle(request, env),
  );
  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: draining.fetch, port: config.port, hostname: config.host }, () =>
        resolve(s),
      );
      s.once('error', reject);
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  const publicUrl = config.publicUrl ?? localPublicUrl(config.host, port);
  const messaging = {
    mailer: config.smtpUrl ? smtpMailer(config.smtpUrl) : null,
    env: messagingEnv({
      publicUrl,
      suggestions: emailSuggestions,
      cardSecret: config.cardSecret,
    }),
  };
  if (!config.smtpUrl) log.warn('messaging.no_smtp: SMTP_URL unset, e-mails stay in the outbox');
  const shutdown = shutdownControl();
  const jobs = createJobRunner({
    database,
    schema: jobsSchemaOf(database.schema),
    log,
    jobs: applicationJobs({
      clock,
      settleEveryMinutes: settleEveryMinutes(config.settleIntervalMs),
      analyticsCron: config.analyticsCron === 'off' ? null : config.analyticsCron,
      tierReviewCron: config.tierReviewCron === 'off' ? null : config.tierReviewCron,
      messaging,
      webhooksAllowPrivate: config.webhooksAllowPrivate,
      shutdown: shutdown.signals,
    }),
  });
  const app = createApp({
    db: database.db,
    readDb: database.readDb,
    clock,
    log,
    bodyLimitBytes: config.bodyLimitBytes,
    publicBodyLimitBytes: config.publicBodyLimitBytes,
    cardSecret: config.cardSecret,
    publicUrl,
    webhooksAllowPrivate: config.webhooksAllowPrivate,
    orderBatching: config.orderBatching,
    maxFutureSkewMinutes: config.maxFutureSkewMinutes,
    database,
    // Only a started runner takes jobs.
    ...((options.jobs ?? true) ? { jobs } : {}),
  });
  if (options.jobs ?? true) await jobs.start();
  const webhooks =
    (options.jobs ?? true)
      ? startWebhookSweeper({
          db: database.db,
          clock,
          log,
          allowPrivateTargets: config.webhooksAllowPrivate,
          shutdown: shutdown.signals,
        })
      : null;
  const messages =
    (options.jobs ?? true)
      ? startMessageSweeper({
          db: database.db,
          clock,
          log,
          ...messaging,
          shutdown: shutdown.signals,
        })
      : null;
  handle = app.fetch;
  // The owner of the data directory says where it answers, for the CLI that finds it busy.
  database.dataDirLock?.describe({ url });
  log.info(
    { url, database: database.kind, readReplica: database.readDb !== database.db },
    'server.started',
  );

  /**
   * Stop accepting at once (the listener closes, idle keep-alive connections are closed, a request
   * that still arrives gets a 503 and its connection closed); the sweeps claim nothing more and
   * the job queue takes no new job. What is in flight may finish within the grace; then webhook
   * and e-mail sends are aborted and their claims released (due again at once, here after a
   * restart or in another process), the remaining connections are cut, and the database closes.
   */
  const shutDown = async () => {
    const graceMs = config.shutdownGraceMs;
    const started = Date.now();
    log.info({ graceMs }, 'server.stopping');
    draining.start();
    const closed = stopAccepting(server);
    shutdown.stop();
    const grace = setTimeout(() => {
      log.warn({ graceMs }, 'server.grace_expired: abandoning work in flight');
      shutdown.abandon();
      closed.cutConnections();
    }, graceMs);
    try {
      await Promise.race([
        Promise.all([
          webhooks?.stopped(),
          messages?.stopped(),
          jobs.stop({ graceful: true, timeoutMs: graceMs + RELEASE_SETTLE_MS }),
          closed.done,
        ]),
        sleep(graceMs + RELEASE_SETTLE_MS),
      ]);
    } finally {
      clearTimeout(grace);
      shutdown.abandon();
    }
    await database.close();
    log.info({ durationMs: Date.now() - started }, 'server.stopped');
  };
  let closing: Promise<void> | null = null;

  return {
    url,
    publicUrl,
    database,
    log,
    jobs,
    close: () => (closing ??= shutDown()),
  };
};
