import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  MESSAGE_KINDS,
  MESSAGE_STATUSES,
  MessagingSettingsInputSchema,
  MessagingSettingsSchema,
  TemplateKeySchema,
  newMessagingId,
  type Message,
} from '../../core/messaging/messaging.js';
import {
  customerMessages,
  enqueueMessage,
  getMessage,
  listMessages,
  saveSettings,
} from '../../core/messaging/messaging.service.js';
import type { Clock } from '../../core/shared/clock.js';
import { messagingRepository } from '../../app/messaging.js';
import type { AppEnv } from '../context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from '../openapi.js';
import { iso } from '../presenters.js';
import { messagingRouteDeps } from './messaging.context.js';

const MessageView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    templateKey: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    status: z.enum(MESSAGE_STATUSES),
    reason: z.string().nullable().openapi({
      description:
        'Why it was suppressed or failed: no_email, no_consent, frequency_cap, global_control, experiment_holdout (the holdout arm of a running experiment targeting its campaign or journey), template_missing, smtp_error; smtp_not_configured when kept in the outbox',
    }),
    locale: z.string().nullable(),
    to: z.string().nullable(),
    subject: z.string().nullable(),
    html: z.string().nullable(),
    text: z.string().nullable(),
    unsubscribeUrl: z.string().nullable(),
    campaignId: z.string().nullable(),
    journey: z.string().nullable(),
    dedupeKey: z.string(),
    data: z.record(z.string(), z.unknown()),
    scheduledAt: z.string(),
    sentAt: z.string().nullable(),
    attempts: z.number().int(),
    smtpMessageId: z.string().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Message');

const presentMessage = (m: Message): z.infer<typeof MessageView> => ({
  ...m,
  scheduledAt: m.scheduledAt.toISOString(),
  sentAt: iso(m.sentAt),
  createdAt: m.createdAt.toISOString(),
});

const MessagePage = z.object({ messages: z.array(MessageView), nextCursor: z.string().nullable() });

const ListQuery = z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

const SendBody = z.object({
  templateKey: TemplateKeySchema,
  customerId: z.string().min(1).max(100),
  /** Once per customer and key; default: a new key (the message is always new). */
  dedupeKey: z.string().min(1).max(200).optional(),
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** The outbox and send log: queue one message, list, get, a customer's log; and the settings. */
export const messageRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = messagingRouteDeps(clock);

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/messages',
      tags: ['Messaging'],
      summary: 'Queue one message to a customer (consent and the frequency cap apply to marketing)',
      description:
        'Answers 201 with the message — `queued`, or `suppressed` with its reason (no_email, global_control, no_consent, frequency_cap) — or 200 with the earlier message of the same dedupeKey.',
      request: { headers: IdempotencyHeader, body: jsonBody(SendBody) },
      responses: {
        201: json(MessageView, 'Queued or suppressed'),
        200: json(MessageView, 'This dedupe key already has a message'),
        ...commonErrors,
        404: problem('No such template or customer'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { message, created } = await enqueueMessage(await deps(c), {
        customerId: body.customerId,
        templateKey: body.templateKey,
        dedupeKey: body.dedupeKey ?? `api:${newMessagingId('message')}`,
        ...(body.scheduledAt ? { scheduledAt: new Date(body.scheduledAt) } : {}),
        ...(body.data ? { data: body.data } : {}),
      });
      return created ? c.json(presentMessage(message), 201) : c.json(presentMessage(message), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/messages',
      tags: ['Messaging'],
      summary: 'Messages, newest first; `status=outbox` lists what waits for SMTP_URL',
      request: { query: ListQuery },
      responses: { 200: json(MessagePage, 'A page of messages'), ...commonErrors },
    }),
    async (c) => {
      const page = await listMessages(await deps(c), c.req.valid('query'));
      return c.json(
        { messages: page.messages.map(presentMessage), nextCursor: page.nextCursor },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/messages/{id}',
      tags: ['Messaging'],
      summary: 'One message',
      request: { params: IdParam('id', 'eml_01JD3Q4X5Y6Z7A8B9C0D1E2F3G') },
      responses: {
        200: json(MessageView, 'The message'),
        ...commonErrors,
        404: problem('No such message'),
      },
    }),
    async (c) =>
      c.json(presentMessage(await getMessage(await deps(c), c.req.valid('param').id!)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/messages',
      tags: ['Messaging'],
      summary: 'The customer’s send log, newest first',
      request: { params: IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G'), query: ListQuery },
      responses: {
        200: json(MessagePage, 'A page of messages'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const page = await customerMessages(await deps(c), {
        ...c.req.valid('query'),
        customerId: c.req.valid('param').id!,
      });
      return c.json(
        { messages: page.messages.map(presentMessage), nextCursor: page.nextCursor },
        200,
      );
    },
  );

  // The core's plain zod object rebuilt, so the view carries its name in /openapi.json.
  const SettingsView = z.object(MessagingSettingsSchema.shape).openapi('MessagingSettings');
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/messaging/settings',
      tags: ['Messaging'],
      summary: 'Frequency cap, sender and global control group',
      description:
        '`globalControlSalt` fixes who is in the global control group; it is null until the settings are first saved.',
      responses: { 200: json(SettingsView, 'The settings'), ...commonErrors },
    }),
    async (c) => c.json(await messagingRepository(c.var.db).settings(), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/messaging/settings',
      tags: ['Messaging'],
      summary:
        'Replace the frequency cap, sender and global control share (absent fields take their defaults)',
      description:
        '`globalControlPercent` (0–50, in steps of 0.1) holds that share of members back from all marketing e-mail, campaigns and journeys alike; transactional mail still goes. Who is held back is a hash of the customer id and `globalControlSalt`, which is read-only: the first save makes it and every later one keeps it (a salt in the body is ignored), so a member stays in or out while the share is unchanged and raising the share only adds members.',
      request: { body: jsonBody(MessagingSettingsInputSchema) },
      responses: { 200: json(SettingsView, 'Saved'), ...commonErrors },
    }),
    async (c) => c.json(await saveSettings(await deps(c), c.req.valid('json')), 200),
  );

  return app;
};
