import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { AuditQuerySchema, actorOf } from '../core/audit/audit.js';
import { eraseCustomer } from '../core/customers/erasure.js';
import { exportCustomer } from '../core/customers/export.js';
import { getPointsSummary } from '../core/ledger/ledger.service.js';
import type { Clock } from '../core/shared/clock.js';
import { auditLogRepository } from '../app/access.js';
import { privacyDeps } from '../app/privacy-deps.js';
import { inRequestTransaction, useCaseDeps, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, problem } from './openapi.js';

const ExportView = z
  .object({
    format: z.literal('regulars.customer-export/1'),
    exportedAt: z.string(),
    readme: z.record(z.string(), z.string()),
  })
  .catchall(z.unknown())
  .openapi('CustomerExport');

const ErasureView = z
  .object({
    customerId: z.string(),
    status: z.literal('erased'),
    erasedAt: z.string(),
  })
  .openapi('CustomerErasure');

const AuditEntryView = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({
      keyId: z.string().nullable(),
      userId: z.string().nullable(),
      label: z.string(),
    }),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    summary: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

const CUSTOMER_ID = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

/** GDPR export and erasure of a customer, and the audit log of admin actions (admin only). */
export const privacyRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/export',
      tags: ['Privacy'],
      summary:
        'Everything the platform holds about a customer, as JSON with a readme of its sections (GDPR art. 15, 20); recorded in the audit log',
      request: { params: CUSTOMER_ID },
      responses: {
        200: json(ExportView, 'The export'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const customerId = c.req.valid('param').id as string;
      // A read that writes its audit entry (and settles due points): one transaction of its own.
      const result = await inRequestTransaction(c, clock, (deps) =>
        exportCustomer(
          privacyDeps(deps.db, clock, (id) => getPointsSummary(deps, deps.programme, id)),
          { customerId, actor: actorOf(c.var.principal), requestId: c.var.requestId },
        ),
      );
      return c.json(result as z.infer<typeof ExportView>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/erase',
      tags: ['Privacy'],
      summary:
        'Erase a customer’s personal data in every table (GDPR art. 17), keeping amounts; idempotent; recorded in the audit log',
      description:
        'Profile fields are nulled, external ids deleted, consents withdrawn, texts and stored payloads scrubbed, queued messages cancelled, the card revoked, segment memberships removed. Ledger entries, order amounts and analytics figures stay under the pseudonymous id. Later orders naming the customer are refused. A second call changes nothing and returns the first erasedAt. See docs/privacy.md.',
      request: { params: CUSTOMER_ID, headers: IdempotencyHeader },
      responses: {
        200: json(ErasureView, 'Erased (now or before)'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const result = await eraseCustomer(
        privacyDeps(deps.db, clock, (id) => getPointsSummary(deps, deps.programme, id)),
        {
          customerId: c.req.valid('param').id as string,
          actor: actorOf(c.var.principal),
          requestId: c.var.requestId,
        },
      );
      return c.json({ ...result, erasedAt: result.erasedAt.toISOString() }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/audit-log',
      tags: ['Privacy'],
      summary:
        'Admin actions, newest first: who changed rules, tiers, rewards, settings, keys, users, webhooks, segments, messaging, points; exports and erasures',
      request: { query: AuditQuerySchema },
      responses: {
        200: json(
          z.object({ entries: z.array(AuditEntryView), nextCursor: z.string().nullable() }),
          'A page of the log; nextCursor is null on the last',
        ),
        ...commonErrors,
        422: problem('A cursor this API did not give'),
      },
    }),
    async (c) => {
      const page = await auditLogRepository(c.var.db).list(c.req.valid('query'));
      return c.json(
        {
          entries: page.entries.map((e) => ({ ...e, at: e.at.toISOString() })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );
  return app;
};
