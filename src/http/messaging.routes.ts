import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  CAMPAIGN_STATUSES,
  JourneysSchema,
  MESSAGE_KINDS,
  MESSAGE_STATUSES,
  MessagingSettingsSchema,
  TemplateBodySchema,
  TemplateInputSchema,
  TemplateKeySchema,
  TemplateVersionSchema,
  newMessagingId,
  type Campaign,
  type CampaignCounts,
  type ListedCampaign,
  type Message,
  type Template,
} from '../core/messaging/messaging.js';
import {
  createCampaign,
  createTemplate,
  customerMessages,
  deleteTemplate,
  enqueueMessage,
  getCampaign,
  getMessage,
  getTemplate,
  listCampaigns,
  listMessages,
  previewMessage,
  replaceTemplate,
  saveJourneys,
  saveSettings,
} from '../core/messaging/messaging.service.js';
import type { Clock } from '../core/shared/clock.js';
import { messagingDeps, renderingDeps, type MessagingEnv } from '../db/messaging/messaging-deps.js';
import { messagingRepository } from '../db/messaging/messaging.repository.js';
import { inRequestTransaction, useCaseDeps, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';

const KeyParam = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'lowercase letters, digits, dot, dash or underscore')
    .openapi({ param: { name: 'key', in: 'path' }, example: 'welcome' }),
});

const TemplateView = z
  .object({
    id: z.string(),
    key: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    defaultLocale: z.string(),
    description: z.string().nullable(),
    versions: z.array(TemplateVersionSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('MessageTemplate');

const presentTemplate = (t: Template): z.infer<typeof TemplateView> => ({
  ...t,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
});

const MessageView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    templateKey: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    status: z.enum(MESSAGE_STATUSES),
    reason: z.string().nullable(),
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
  sentAt: m.sentAt?.toISOString() ?? null,
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

const CampaignBody = z.object({
  templateKey: TemplateKeySchema,
  segmentId: z.string().min(1).max(100),
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
});

const CampaignView = z
  .object({
    id: z.string(),
    templateKey: z.string(),
    segmentId: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    scheduledAt: z.string(),
    audience: z.number().int(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    counts: z.object({
      queued: z.number().int(),
      sent: z.number().int(),
      outbox: z.number().int(),
      failed: z.number().int(),
      suppressed: z.number().int(),
      suppressedByReason: z.record(z.string(), z.number().int()),
    }),
  })
  .openapi('Campaign');

const presentCampaign = (
  c: Campaign & { counts: CampaignCounts },
): z.infer<typeof CampaignView> => ({
  ...c,
  scheduledAt: c.scheduledAt.toISOString(),
  createdAt: c.createdAt.toISOString(),
  completedAt: c.completedAt?.toISOString() ?? null,
});

const ListedCampaignView = CampaignView.extend({
  segment: z
    .object({ id: z.string(), key: z.string(), name: z.string() })
    .nullable()
    .openapi({ description: 'The segment it went to; null if that segment no longer exists' }),
}).openapi('ListedCampaign');

const presentListedCampaign = (
  c: ListedCampaign & { counts: CampaignCounts },
): z.infer<typeof ListedCampaignView> => ({ ...presentCampaign(c), segment: c.segment });

const CampaignListQuery = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

const PreviewView = z.object({
  locale: z.string(),
  to: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  unsubscribeUrl: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** Templates, the outbox and send log, settings, journeys and campaigns (admin only). */
export const messagingRoutes = (clock: Clock, env: MessagingEnv) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = async (c: Parameters<typeof useCaseDeps>[0]) =>
    messagingDeps(await useCaseDeps(c, clock));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/templates',
      tags: ['Messaging'],
      summary: 'Create an e-mail template with one version per locale',
      description:
        'Subject, HTML and text are Handlebars templates over the customer’s data (see docs/messaging.md); a part that does not compile is a 422 naming it.',
      request: { headers: IdempotencyHeader, body: jsonBody(TemplateInputSchema) },
      responses: {
        201: json(TemplateView, 'Created'),
        ...commonErrors,
        409: problem('template_key_taken'),
        422: problem('template_invalid'),
      },
    }),
    async (c) =>
      c.json(presentTemplate(await createTemplate(await deps(c), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates',
      tags: ['Messaging'],
      summary: 'List templates',
      responses: {
        200: json(z.object({ templates: z.array(TemplateView) }), 'By key'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const templates = await messagingRepository(c.var.db).listTemplates();
      return c.json({ templates: templates.map(presentTemplate) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates/{key}',
      tags: ['Messaging'],
      summary: 'Get a template',
      request: { params: KeyParam },
      responses: {
        200: json(TemplateView, 'The template'),
        ...commonErrors,
        404: problem('No such template'),
      },
    }),
    async (c) =>
      c.json(presentTemplate(await getTemplate(await deps(c), c.req.valid('param').key)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/templates/{key}',
      tags: ['Messaging'],
      summary: 'Replace a template’s kind, default locale and versions',
      request: {
        params: KeyParam,
        body: jsonBody(TemplateBodySchema),
      },
      responses: {
        200: json(TemplateView, 'Replaced'),
        ...commonErrors,
        404: problem('No such template'),
        422: problem('template_invalid'),
      },
    }),
    async (c) => {
      const template = await replaceTemplate(
        await deps(c),
        c.req.valid('param').key,
        c.req.valid('json'),
      );
      return c.json(presentTemplate(template), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/templates/{key}',
      tags: ['Messaging'],
      summary: 'Delete a template (messages already sent keep their content)',
      request: { params: KeyParam },
      responses: {
        204: { description: 'Deleted' },
        ...commonErrors,
        404: problem('No such template'),
      },
    }),
    async (c) => {
      await deleteTemplate(await deps(c), c.req.valid('param').key);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/templates/{key}/preview',
      tags: ['Messaging'],
      summary: 'Render a template for a customer without sending anything',
      request: {
        params: KeyParam,
        query: z.object({
          customerId: z.string().min(1).max(100),
          locale: z.string().max(35).optional(),
        }),
      },
      responses: {
        200: json(PreviewView, 'The rendered message and the data it used'),
        ...commonErrors,
        404: problem('No such template or customer'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const preview = await inRequestTransaction(c, clock, (uow) =>
        previewMessage(renderingDeps(uow, env), {
          templateKey: c.req.valid('param').key,
          customerId: query.customerId,
          ...(query.locale ? { locale: query.locale } : {}),
        }),
      );
      return c.json({ ...preview, data: preview.data as unknown as Record<string, unknown> }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/messages',
      tags: ['Messaging'],
      summary: 'Queue one message to a customer (consent and the frequency cap apply to marketing)',
      description:
        'Answers 201 with the message — `queued`, or `suppressed` with its reason (no_email, no_consent, frequency_cap) — or 200 with the earlier message of the same dedupeKey.',
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

  const SettingsView = MessagingSettingsSchema;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/messaging/settings',
      tags: ['Messaging'],
      summary: 'Frequency cap and sender',
      responses: { 200: json(SettingsView, 'The settings'), ...commonErrors },
    }),
    async (c) => c.json(await messagingRepository(c.var.db).settings(), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/messaging/settings',
      tags: ['Messaging'],
      summary: 'Replace the frequency cap and sender (absent fields take their defaults)',
      request: { body: jsonBody(MessagingSettingsSchema) },
      responses: { 200: json(SettingsView, 'Saved'), ...commonErrors },
    }),
    async (c) => c.json(await saveSettings(await deps(c), c.req.valid('json')), 200),
  );

  const JourneysView = JourneysSchema;
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/journeys',
      tags: ['Messaging'],
      summary:
        'Automated journeys: welcome, birthday, points expiring, tier changed, review request',
      responses: { 200: json(JourneysView, 'The journeys'), ...commonErrors },
    }),
    async (c) => c.json(await messagingRepository(c.var.db).journeys(), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/journeys',
      tags: ['Messaging'],
      summary: 'Replace the journeys (absent ones are off)',
      request: { body: jsonBody(JourneysSchema) },
      responses: {
        200: json(JourneysView, 'Saved'),
        ...commonErrors,
        404: problem('A template is missing'),
      },
    }),
    async (c) => c.json(await saveJourneys(await deps(c), c.req.valid('json')), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/campaigns',
      tags: ['Messaging'],
      summary: 'Send a template to a segment’s members, now or at scheduledAt',
      request: { headers: IdempotencyHeader, body: jsonBody(CampaignBody) },
      responses: {
        201: json(CampaignView, 'Scheduled; the message job expands it'),
        ...commonErrors,
        404: problem('No such template or segment'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const d = await deps(c);
      const campaign = await createCampaign(d, {
        templateKey: body.templateKey,
        segmentId: body.segmentId,
        ...(body.scheduledAt ? { scheduledAt: new Date(body.scheduledAt) } : {}),
      });
      return c.json(presentCampaign(await getCampaign(d, campaign.id)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/campaigns',
      tags: ['Messaging'],
      summary: 'Campaigns, newest first, each with its messages counted by status and reason',
      description:
        'Pass `nextCursor` back as `cursor` for the next page; `status` is scheduled, expanding or done.',
      request: { query: CampaignListQuery },
      responses: {
        200: json(
          z.object({ campaigns: z.array(ListedCampaignView), nextCursor: z.string().nullable() }),
          'A page of campaigns',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const page = await listCampaigns(await deps(c), c.req.valid('query'));
      return c.json(
        { campaigns: page.campaigns.map(presentListedCampaign), nextCursor: page.nextCursor },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/campaigns/{id}',
      tags: ['Messaging'],
      summary: 'A campaign with its messages counted by status and suppression reason',
      request: { params: IdParam('id', 'cmp_01JD3Q4X5Y6Z7A8B9C0D1E2F3G') },
      responses: {
        200: json(CampaignView, 'The campaign'),
        ...commonErrors,
        404: problem('No such campaign'),
      },
    }),
    async (c) =>
      c.json(presentCampaign(await getCampaign(await deps(c), c.req.valid('param').id!)), 200),
  );

  return app;
};
