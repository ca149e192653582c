import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../core/shared/clock.js';
import {
  createWebhook,
  deleteWebhook,
  getDelivery,
  getWebhook,
  listDeliveries,
  listWebhooks,
  replayDelivery,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhook,
  type WebhookDeps,
  type WebhookWithSecret,
} from '../core/webhooks/webhooks.service.js';
import {
  CreateWebhookSchema,
  DELIVERY_STATUSES,
  UpdateWebhookSchema,
  type WebhookDelivery,
  type WebhookSubscription,
} from '../core/webhooks/webhooks.js';
import { invalidateWebhookSubscriptions } from '../app/webhook-outbox.js';
import { webhookRepository } from '../app/webhooks.js';
import type { AppContext, AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

const WebhookView = z
  .object({
    id: z.string().openapi({ example: 'whk_01JD3Q4X5Y6Z7A8B9C0D1E2F3G' }),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .openapi('Webhook');

const WebhookWithSecretView = WebhookView.extend({
  secret: z.string().openapi({
    description: 'The signing secret (whsec_…), shown only here: keep it to verify signatures',
  }),
}).openapi('WebhookWithSecret');

const AttemptView = z.object({
  attempt: z.number().int(),
  at: z.string(),
  statusCode: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

const DeliveryView = z
  .object({
    id: z.string().openapi({ example: 'dlv_01JD3Q4X5Y6Z7A8B9C0D1E2F3G' }),
    webhookId: z.string(),
    messageId: z.string().openapi({ description: 'Sent as webhook-id; the same on every attempt' }),
    eventType: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    replayOf: z.string().nullable(),
    createdAt: z.string(),
    payload: z.unknown().openapi({ description: 'The body sent: { type, timestamp, data }' }),
    attempts: z.array(AttemptView),
  })
  .openapi('WebhookDelivery');

const presentWebhook = (w: WebhookSubscription): z.infer<typeof WebhookView> => ({
  ...w,
  createdAt: w.createdAt.toISOString(),
  updatedAt: w.updatedAt.toISOString(),
  deletedAt: iso(w.deletedAt),
});

const presentWithSecret = (r: WebhookWithSecret): z.infer<typeof WebhookWithSecretView> => ({
  ...presentWebhook(r.webhook),
  secret: r.secret,
});

const presentDelivery = (d: WebhookDelivery): z.infer<typeof DeliveryView> => ({
  id: d.id,
  webhookId: d.subscriptionId,
  messageId: d.messageId,
  eventType: d.eventType,
  status: d.status,
  attemptCount: d.attemptCount,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  lastAttemptAt: iso(d.lastAttemptAt),
  completedAt: iso(d.completedAt),
  replayOf: d.replayOf,
  createdAt: d.createdAt.toISOString(),
  payload: JSON.parse(d.payload) as unknown,
  attempts: d.attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
});

const WebhookIdParam = IdParam('id', 'whk_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const DeliveryIdParam = IdParam('deliveryId', 'dlv_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const DeliveriesQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

interface WebhookRouteEnv {
  clock: Clock;
  /** REGULARS_WEBHOOKS_ALLOW_PRIVATE: subscriptions may name loopback and private targets. */
  allowPrivateTargets: boolean;
}

const deps = (c: AppContext, env: WebhookRouteEnv): WebhookDeps => ({
  webhooks: webhookRepository(c.var.db),
  clock: env.clock,
  allowPrivateTargets: env.allowPrivateTargets,
});

const notFound = problem('No such webhook subscription');
const TAGS = ['Webhooks'];

/**
 * Drops this process's cached subscription list once a change has committed. Registered before
 * the transactional middleware, so it wraps it: dropping it inside the transaction would let a
 * concurrent request cache the old list again.
 */
export const invalidateWebhooksOnChange: MiddlewareHandler = async (c, next) => {
  try {
    await next();
  } finally {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') invalidateWebhookSubscriptions();
  }
};

const subscriptionRoutes = (app: OpenAPIHono<AppEnv>, env: WebhookRouteEnv) => {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks',
      tags: TAGS,
      summary: 'Subscribe an endpoint to events',
      description: 'The answer holds the signing secret; it is not shown again.',
      request: { headers: IdempotencyHeader, body: jsonBody(CreateWebhookSchema) },
      responses: { 201: json(WebhookWithSecretView, 'Subscribed'), ...commonErrors },
    }),
    async (c) =>
      c.json(presentWithSecret(await createWebhook(deps(c, env), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhooks',
      tags: TAGS,
      summary: 'List webhook subscriptions (deleted ones are left out)',
      responses: {
        200: json(z.object({ webhooks: z.array(WebhookView) }), 'Subscriptions, oldest first'),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ webhooks: (await listWebhooks(deps(c, env))).map(presentWebhook) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhooks/{id}',
      tags: TAGS,
      summary: 'Get a webhook subscription',
      request: { params: WebhookIdParam },
      responses: { 200: json(WebhookView, 'The subscription'), ...commonErrors, 404: notFound },
    }),
    async (c) =>
      c.json(presentWebhook(await getWebhook(deps(c, env), c.req.valid('param').id!)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/webhooks/{id}',
      tags: TAGS,
      summary: 'Change the URL, event types or description; pause or resume',
      request: {
        params: WebhookIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(UpdateWebhookSchema),
      },
      responses: {
        200: json(WebhookView, 'Updated'),
        ...commonErrors,
        404: notFound,
        409: problem('The subscription was deleted'),
      },
    }),
    async (c) => {
      const updated = await updateWebhook(
        deps(c, env),
        c.req.valid('param').id!,
        c.req.valid('json'),
      );
      return c.json(presentWebhook(updated), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/webhooks/{id}',
      tags: TAGS,
      summary: 'Delete a subscription: nothing more is sent, pending deliveries are cancelled',
      description: 'The subscription and its delivery log stay readable.',
      request: { params: WebhookIdParam, headers: IdempotencyHeader },
      responses: { 200: json(WebhookView, 'Deleted'), ...commonErrors, 404: notFound },
    }),
    async (c) =>
      c.json(presentWebhook(await deleteWebhook(deps(c, env), c.req.valid('param').id!)), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks/{id}/rotate-secret',
      tags: TAGS,
      summary: 'Replace the signing secret',
      description:
        'The new secret signs from now on; for 24 hours the old one signs too (two signatures in webhook-signature), so receivers can switch.',
      request: { params: WebhookIdParam, headers: IdempotencyHeader },
      responses: {
        200: json(WebhookWithSecretView, 'The new secret'),
        ...commonErrors,
        404: notFound,
        409: problem('The subscription was deleted'),
      },
    }),
    async (c) =>
      c.json(
        presentWithSecret(await rotateWebhookSecret(deps(c, env), c.req.valid('param').id!)),
        200,
      ),
  );
};

const deliveryRoutes = (app: OpenAPIHono<AppEnv>, env: WebhookRouteEnv) => {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks/{id}/test',
      tags: TAGS,
      summary: 'Send a webhook.test ping to the endpoint',
      request: { params: WebhookIdParam, headers: IdempotencyHeader },
      responses: {
        202: json(DeliveryView, 'Queued; it leaves within seconds'),
        ...commonErrors,
        404: notFound,
        409: problem('The subscription is paused or deleted'),
      },
    }),
    async (c) =>
      c.json(presentDelivery(await sendTestWebhook(deps(c, env), c.req.valid('param').id!)), 202),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhooks/{id}/deliveries',
      tags: TAGS,
      summary: 'The delivery log of a subscription, newest first, with every attempt',
      request: { params: WebhookIdParam, query: DeliveriesQuery },
      responses: {
        200: json(z.object({ deliveries: z.array(DeliveryView) }), 'Deliveries'),
        ...commonErrors,
        404: notFound,
      },
    }),
    async (c) => {
      const deliveries = await listDeliveries(
        deps(c, env),
        c.req.valid('param').id!,
        c.req.valid('query'),
      );
      return c.json({ deliveries: deliveries.map(presentDelivery) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/webhooks/deliveries/{deliveryId}',
      tags: TAGS,
      summary: 'One delivery with its payload and attempts',
      request: { params: DeliveryIdParam },
      responses: {
        200: json(DeliveryView, 'The delivery'),
        ...commonErrors,
        404: problem('No such delivery'),
      },
    }),
    async (c) =>
      c.json(
        presentDelivery(await getDelivery(deps(c, env), c.req.valid('param').deliveryId!)),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/webhooks/deliveries/{deliveryId}/replay',
      tags: TAGS,
      summary: 'Send a delivery’s message again, now, as a new delivery',
      description:
        'The same webhook-id and body as the original, whatever became of it (succeeded or failed for good).',
      request: { params: DeliveryIdParam, headers: IdempotencyHeader },
      responses: {
        202: json(DeliveryView, 'The new delivery, queued'),
        ...commonErrors,
        404: problem('No such delivery'),
        409: problem('The subscription is paused or deleted'),
      },
    }),
    async (c) =>
      c.json(
        presentDelivery(await replayDelivery(deps(c, env), c.req.valid('param').deliveryId!)),
        202,
      ),
  );
};

/** Webhook subscriptions, their delivery log, replays and test pings: admin only. */
export const webhookRoutes = (clock: Clock, options: { allowPrivateTargets?: boolean } = {}) => {
  const app = new OpenAPIHono<AppEnv>();
  const env = { clock, allowPrivateTargets: options.allowPrivateTargets ?? false };
  deliveryRoutes(app, env);
  subscriptionRoutes(app, env);
  return app;
};
