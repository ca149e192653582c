import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { ulid } from 'ulid';
import { getCustomer } from '../core/customers/customers.service.js';
import {
  adjustPoints,
  getPointsSummary,
  listLedgerEntries,
  redeemPoints,
} from '../core/ledger/ledger.service.js';
import type { Clock } from '../core/shared/clock.js';
import { inRequestTransaction, useCaseDeps, type AppContext, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { EntryView, PointsView, presentEntry, presentPoints } from './presenters.js';

const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const MAX_POINTS = 1_000_000_000;

const RedeemBody = z
  .object({
    points: z.number().int().positive().max(MAX_POINTS),
    reason: z.string().max(500).optional(),
  })
  .openapi('RedeemPoints');

const AdjustBody = z
  .object({
    points: z
      .number()
      .int()
      .refine((n) => n !== 0, 'must not be zero')
      .refine((n) => Math.abs(n) <= MAX_POINTS, `must be between -${MAX_POINTS} and ${MAX_POINTS}`)
      .openapi({ description: 'Positive credits the member, negative debits' }),
    reason: z.string().min(3).max(500),
  })
  .openapi('AdjustPoints');

const EntryPageView = z
  .object({ entries: z.array(EntryView), nextCursor: z.string().nullable() })
  .openapi('LedgerPage');

/** The ledger-level key: the client's Idempotency-Key when given, so retries of one spend collapse. */
const ledgerKey = (c: AppContext) => {
  const header = c.req.header('idempotency-key');
  return header ? `${c.var.principal.keyId}:${header}` : `once:${ulid()}`;
};

export const pointsRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/points',
      tags: ['Points'],
      summary: 'Balance, pending points, next expiry and lifetime totals',
      request: { params: CustomerIdParam },
      responses: {
        200: json(PointsView, 'Points summary'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const summary = await inRequestTransaction(c, clock, async (deps) => {
        const customer = await getCustomer(deps, c.req.valid('param').id as string);
        return getPointsSummary(deps, deps.programme, customer.id);
      });
      return c.json(presentPoints(summary), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/ledger',
      tags: ['Points'],
      summary: 'Ledger entries of a customer, newest first',
      request: {
        params: CustomerIdParam,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(100).optional(),
        }),
      },
      responses: {
        200: json(EntryPageView, 'A page of entries'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const { limit, cursor } = c.req.valid('query');
      const page = await listLedgerEntries(deps, customer.id, limit, cursor ?? null);
      return c.json({ entries: page.entries.map(presentEntry), nextCursor: page.nextCursor }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/points/redeem',
      tags: ['Points'],
      summary: 'Spend points (oldest-expiring first); never overdraws',
      request: { params: CustomerIdParam, headers: IdempotencyHeader, body: jsonBody(RedeemBody) },
      responses: {
        201: json(EntryView, 'Redeemed'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('Not enough points'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const body = c.req.valid('json');
      const spent = await redeemPoints(deps, deps.programme, {
        customerId: customer.id,
        points: body.points,
        reason: body.reason ?? null,
        actor: c.var.principal.name,
        idempotencyKey: ledgerKey(c),
      });
      deps.events.emit({
        type: 'points.redeemed',
        customerId: customer.id,
        occurredAt: spent.createdAt,
        data: { points: spent.points, entryId: spent.id, reason: spent.reason },
      });
      return c.json(presentEntry(spent), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/points/adjust',
      tags: ['Points'],
      summary: 'Manual correction with a reason (admin)',
      request: { params: CustomerIdParam, headers: IdempotencyHeader, body: jsonBody(AdjustBody) },
      responses: {
        201: json(EntryView, 'Adjusted'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('A debit larger than the balance'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const body = c.req.valid('json');
      const adjusted = await adjustPoints(deps, deps.programme, {
        customerId: customer.id,
        points: body.points,
        reason: body.reason,
        actor: c.var.principal.name,
        idempotencyKey: ledgerKey(c),
      });
      deps.events.emit({
        type: 'points.adjusted',
        customerId: customer.id,
        occurredAt: adjusted.createdAt,
        data: {
          points: adjusted.code === 'adjust.debit' ? -adjusted.points : adjusted.points,
          entryId: adjusted.id,
          reason: body.reason,
          actor: c.var.principal.name,
        },
      });
      return c.json(presentEntry(adjusted), 201);
    },
  );

  return app;
};
