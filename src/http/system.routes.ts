import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { sql, type Kysely } from 'kysely';
import { createApiKey } from '../core/auth/auth.service.js';
import { ROLES } from '../core/auth/auth.js';
import { getProgramme, updateProgramme } from '../core/programme/programme.service.js';
import {
  ProgrammeSettingsPatchSchema,
  ProgrammeSettingsSchema,
} from '../core/programme/programme.js';
import type { Clock } from '../core/shared/clock.js';
import { repositoriesFor, type DB } from '../app/database.js';
import { liabilityReport } from '../core/ledger/ledger.liability.js';
import { settleDuePoints } from '../jobs/settle-points.job.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';

// Core schemas are plain zod (the core knows no OpenAPI, and may not have .openapi()): the view
// is the same object rebuilt here, so it can carry its name in /openapi.json.
const ProgrammeView = z.object(ProgrammeSettingsSchema.shape).openapi('ProgrammeSettings');

const ReplicaHealth = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    lagBytes: z.number().int().nullable().openapi({
      description:
        "WAL the replica has still to replay: the primary's current position minus the replica's replay position (null if it is not a standby)",
    }),
    lagSeconds: z.number().nullable().openapi({
      description:
        'Time since the last transaction the replica replayed was committed on the primary; grows while the primary is idle too (null before any)',
    }),
  })
  .openapi('ReplicaHealth');

/** The read replica's delay behind the primary, or unavailable; never fails the health check. */
const replicaHealth = async (db: Kysely<DB>, readDb: Kysely<DB>) => {
  try {
    const { rows } = await sql<{ lsn: string | null; seconds: number | null }>`
      select pg_last_wal_replay_lsn()::text as lsn,
             extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as seconds
    `.execute(readDb);
    const { lsn, seconds } = rows[0]!;
    const lag = lsn
      ? (
          await sql<{ bytes: number }>`
            select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn) as bytes
          `.execute(db)
        ).rows[0]!.bytes
      : null;
    return {
      status: 'ok' as const,
      lagBytes: lag === null ? null : Math.max(0, Math.round(lag)),
      lagSeconds: seconds === null ? null : Math.max(0, seconds),
    };
  } catch {
    return { status: 'unavailable' as const, lagBytes: null, lagSeconds: null };
  }
};

/** `readDb`: the read replica, when there is one (DATABASE_READ_URL); its delay is reported too. */
export const healthRoute = (db: Kysely<DB>, kind: string, readDb?: Kysely<DB>) => {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['System'],
      summary: 'Liveness and database reachability (no key needed)',
      description:
        'With a read replica (DATABASE_READ_URL), also its delay behind the primary; a replica that cannot be reached is reported but leaves the status ok, since writes and most reads do not need it.',
      responses: {
        200: json(
          z.object({
            status: z.literal('ok'),
            database: z.string(),
            replica: ReplicaHealth.optional(),
          }),
          'Healthy',
        ),
        503: json(
          z.object({ status: z.literal('unavailable'), database: z.string() }),
          'Database unreachable',
        ),
      },
    }),
    async (c) => {
      try {
        await sql`select 1`.execute(db);
      } catch {
        return c.json({ status: 'unavailable' as const, database: kind }, 503);
      }
      const replica = readDb && readDb !== db ? await replicaHealth(db, readDb) : undefined;
      return c.json(
        { status: 'ok' as const, database: kind, ...(replica ? { replica } : {}) },
        200,
      );
    },
  );
  return app;
};

export const adminRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/programme',
      tags: ['Programme'],
      summary:
        'Programme settings: earn rate, return window, expiry, point value, currency, time zone, public URL of links',
      responses: { 200: json(ProgrammeView, 'Current settings'), ...commonErrors },
    }),
    async (c) => c.json(await getProgramme(await useCaseDeps(c, clock)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/programme',
      tags: ['Programme'],
      summary: 'Change programme settings (applies to orders ingested from now on)',
      request: { headers: IdempotencyHeader, body: jsonBody(ProgrammeSettingsPatchSchema) },
      responses: {
        200: json(ProgrammeView, 'Updated'),
        ...commonErrors,
        422: problem('Unknown currency or time zone'),
      },
    }),
    async (c) =>
      c.json(await updateProgramme(await useCaseDeps(c, clock), c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/api-keys',
      tags: ['System'],
      summary: 'Create an API key (the secret is shown once)',
      request: {
        headers: IdempotencyHeader,
        body: jsonBody(z.object({ name: z.string().min(1).max(100), role: z.enum(ROLES) })),
      },
      responses: {
        201: json(
          z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES), secret: z.string() }),
          'Created; store the secret now',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { key, secret } = await createApiKey(await useCaseDeps(c, clock), c.req.valid('json'));
      return c.json({ id: key.id, name: key.name, role: key.role, secret }, 201);
    },
  );
  return app;
};

const LiabilityView = z
  .object({
    currency: z.string(),
    outstandingPoints: z.number().int(),
    pendingPoints: z.number().int(),
    pointValueMilliMinor: z.number().int(),
    liabilityMinor: z.number().int(),
    pendingLiabilityMinor: z.number().int(),
    totals: z.object({
      issued: z.number().int(),
      redeemed: z.number().int(),
      expired: z.number().int(),
      adjusted: z.number().int(),
    }),
  })
  .openapi('Liability');

export const liabilityRoute = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/programme/liability',
      tags: ['Programme'],
      summary: 'Outstanding points and their money value (settles due points first)',
      responses: { 200: json(LiabilityView, 'Liability now'), ...commonErrors },
    }),
    async (c) => {
      const settled = await settleDuePoints(c.var.db, clock);
      // What this request just settled is read where it was written; otherwise the replica.
      const source = settled.movements > 0 ? c.var.db : c.var.readDb;
      const deps = await useCaseDeps(c, clock);
      const { ledger } = repositoriesFor(source);
      return c.json(await liabilityReport({ ledger }, deps.programme), 200);
    },
  );
  return app;
};
