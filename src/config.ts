import { z } from 'zod';
import { DEFAULT_MAX_FUTURE_SKEW_MINUTES } from './core/orders/orders.intake.js';

/**
 * All configuration, read from the environment once at boot and validated. Nothing else reads
 * process.env (lint enforces it). Each variable documents itself and says whether it is secret.
 */
/** Where links point (referrals, surveys, unsubscribe, the member page) when REGULARS_PUBLIC_URL is unset. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

interface VariableSpec {
  description: string;
  sensitive: boolean;
}

export const CONFIG_VARIABLES: Record<string, VariableSpec> = {
  PORT: { description: 'HTTP port to listen on (default 3000)', sensitive: false },
  HOST: { description: 'Interface to bind (default 0.0.0.0)', sensitive: false },
  DATABASE_URL: {
    description: 'postgres://… to use a PostgreSQL server; unset uses the embedded PGlite',
    sensitive: true,
  },
  DATABASE_READ_URL: {
    description:
      'postgres://… of a streaming standby of DATABASE_URL; analytics, reports and segment previews read there (docs/scale.md); unset reads everything from DATABASE_URL; needs DATABASE_URL',
    sensitive: true,
  },
  REGULARS_DB_SCHEMA: {
    description:
      "the PostgreSQL schema of this programme's tables, for several brands in one database (docs/scale.md); its jobs go to <schema>_jobs; unset: public and pgboss; needs DATABASE_URL",
    sensitive: false,
  },
  REGULARS_DATA_DIR: {
    description: 'Where PGlite keeps its files (default ./data)',
    sensitive: false,
  },
  REGULARS_ADMIN_KEY: {
    description: 'Admin API key for automation; unset generates one on first start and prints it',
    sensitive: true,
  },
  REGULARS_DB_POOL_SIZE: { description: 'PostgreSQL connections (default 10)', sensitive: false },
  REGULARS_BODY_LIMIT_BYTES: {
    description: 'Largest accepted request body on /v1 (default 1 MiB)',
    sensitive: false,
  },
  REGULARS_PUBLIC_BODY_LIMIT_BYTES: {
    description:
      'Largest accepted request body outside /v1, where no API key is asked: sign-in, member page, surveys, unsubscribe (default 64 KiB)',
    sensitive: false,
  },
  REGULARS_SETTLE_INTERVAL_MS: {
    description:
      'How often the settle job posts due pending points and expires lots, in whole minutes (default 60000; 0 = not scheduled)',
    sensitive: false,
  },
  REGULARS_TIER_REVIEW_CRON: {
    description:
      'When the daily tier review runs (cron, UTC; default "20 0 * * *"; "off" = only on demand)',
    sensitive: false,
  },
  REGULARS_ANALYTICS_CRON: {
    description:
      'When the RFM, lifecycle and CLV refresh runs (cron, UTC; default "30 2 * * *"; "off" = only on demand)',
    sensitive: false,
  },
  REGULARS_PUBLIC_URL: {
    description: `Public base URL; the default base of referral links (default ${DEFAULT_PUBLIC_URL})`,
    sensitive: false,
  },
  REGULARS_CARD_SECRET: {
    description:
      'Key that signs member card QR tokens (at least 32 characters); unset generates one on first use and keeps it in the database',
    sensitive: true,
  },
  SMTP_URL: {
    description:
      'SMTP server for e-mail (smtp://user:pass@host:587, smtps://… for TLS); unset keeps messages in the outbox (status outbox)',
    sensitive: true,
  },
  REGULARS_WEBHOOKS_ALLOW_PRIVATE: {
    description:
      'true lets webhooks reach loopback, private and link-local addresses (local development only; default false)',
    sensitive: false,
  },
  REGULARS_SHUTDOWN_GRACE_MS: {
    description:
      'On SIGTERM/SIGINT, how long in-flight requests, webhook and e-mail sends may finish before they are abandoned and their claims released (default 10000)',
    sensitive: false,
  },
  REGULARS_ORDER_BATCHING: {
    description:
      'on: orders that arrive together are written as one group commit; off: every order in its own transaction (default on)',
    sensitive: false,
  },
  REGULARS_MAX_FUTURE_SKEW_MINUTES: {
    description: `How far ahead of the server's clock an order's placedAt may be, in minutes; later orders are refused (API: 422 placed_in_future; import: the rows are skipped) (default ${DEFAULT_MAX_FUTURE_SKEW_MINUTES}, one day)`,
    sensitive: false,
  },
  LOG_LEVEL: { description: 'pino log level (default info)', sensitive: false },
};

const ConfigFields = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  databaseReadUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  dbSchema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/, 'must be a lower-case SQL name (letters, digits, _)')
    .optional(),
  dataDir: z.string().min(1).default('./data'),
  adminKey: z.string().min(16, 'must be at least 16 characters').optional(),
  poolSize: z.coerce.number().int().min(1).max(200).default(10),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  publicBodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  settleIntervalMs: z.coerce.number().int().min(0).default(60_000),
  tierReviewCron: z
    .string()
    .regex(/^(off|\S+( \S+){4})$/, 'must be a five-field cron expression or "off"')
    .default('20 0 * * *'),
  analyticsCron: z
    .string()
    .regex(/^(off|\S+( \S+){4})$/, 'must be a five-field cron expression or "off"')
    .default('30 2 * * *'),
  cardSecret: z.string().min(32, 'must be at least 32 characters').optional(),
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  webhooksAllowPrivate: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  shutdownGraceMs: z.coerce.number().int().min(0).max(600_000).default(10_000),
  orderBatching: z
    .enum(['on', 'off'], { error: 'must be on or off' })
    .default('on')
    .transform((v) => v === 'on'),
  maxFutureSkewMinutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(366 * 1440)
    .default(DEFAULT_MAX_FUTURE_SKEW_MINUTES),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const ConfigSchema = ConfigFields.superRefine((config, ctx) => {
  // A standby replays a PostgreSQL server's WAL; the embedded PGlite has no WAL to stream.
  if (config.databaseReadUrl && !config.databaseUrl) {
    ctx.addIssue({
      code: 'custom',
      path: ['databaseReadUrl'],
      message:
        'DATABASE_READ_URL names a standby of a PostgreSQL server and needs DATABASE_URL; the embedded PGlite has no replicas',
    });
  }
  if (config.dbSchema && !config.databaseUrl) {
    ctx.addIssue({
      code: 'custom',
      path: ['dbSchema'],
      message: 'REGULARS_DB_SCHEMA names a schema of a PostgreSQL database and needs DATABASE_URL',
    });
  }
});

export type Config = z.infer<typeof ConfigSchema>;

const blankToUndefined = (value: string | undefined) => (value === '' ? undefined : value);

export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = ConfigSchema.safeParse({
    port: blankToUndefined(env.PORT),
    host: blankToUndefined(env.HOST),
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    databaseReadUrl: blankToUndefined(env.DATABASE_READ_URL),
    dbSchema: blankToUndefined(env.REGULARS_DB_SCHEMA),
    dataDir: blankToUndefined(env.REGULARS_DATA_DIR),
    adminKey: blankToUndefined(env.REGULARS_ADMIN_KEY),
    poolSize: blankToUndefined(env.REGULARS_DB_POOL_SIZE),
    analyticsCron: blankToUndefined(env.REGULARS_ANALYTICS_CRON),
    tierReviewCron: blankToUndefined(env.REGULARS_TIER_REVIEW_CRON),
    bodyLimitBytes: blankToUndefined(env.REGULARS_BODY_LIMIT_BYTES),
    publicBodyLimitBytes: blankToUndefined(env.REGULARS_PUBLIC_BODY_LIMIT_BYTES),
    settleIntervalMs: blankToUndefined(env.REGULARS_SETTLE_INTERVAL_MS),
    cardSecret: blankToUndefined(env.REGULARS_CARD_SECRET),
    publicUrl: blankToUndefined(env.REGULARS_PUBLIC_URL),
    smtpUrl: blankToUndefined(env.SMTP_URL),
    webhooksAllowPrivate: blankToUndefined(env.REGULARS_WEBHOOKS_ALLOW_PRIVATE),
    shutdownGraceMs: blankToUndefined(env.REGULARS_SHUTDOWN_GRACE_MS),
    orderBatching: blankToUndefined(env.REGULARS_ORDER_BATCHING),
    maxFutureSkewMinutes: blankToUndefined(env.REGULARS_MAX_FUTURE_SKEW_MINUTES),
    logLevel: blankToUndefined(env.LOG_LEVEL),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.')}: ${i.message}`)
      .join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
};

/**
 * Whether terminal output may use colour: a TTY that has not asked for none (the NO_COLOR
 * convention, TERM=dumb). Not part of Config: it is about the terminal, not the installation.
 */
export const terminalWantsColour = (
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined> = process.env,
): boolean => Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
