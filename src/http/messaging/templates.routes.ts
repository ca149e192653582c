import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  MESSAGE_KINDS,
  TemplateBodySchema,
  TemplateDraftSchema,
  TemplateInputSchema,
  TemplateVersionSchema,
  type Template,
} from '../../core/messaging/messaging.js';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  previewDraft,
  previewMessage,
  replaceTemplate,
} from '../../core/messaging/messaging.service.js';
import { TEMPLATE_VARIABLES } from '../../core/messaging/messaging.render.js';
import type { Clock } from '../../core/shared/clock.js';
import { renderingDeps, type MessagingEnv } from '../../app/messaging-deps.js';
import { messagingRepository } from '../../app/messaging.js';
import { inRequestTransaction, type AppEnv } from '../context.js';
import { IdempotencyHeader, commonErrors, json, jsonBody, problem } from '../openapi.js';
import { messagingRouteDeps } from './messaging.context.js';

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

const PreviewView = z.object({
  locale: z.string(),
  to: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  unsubscribeUrl: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** E-mail templates: create, list, get, replace, delete, and a preview for one customer. */
export const templateRoutes = (clock: Clock, env: MessagingEnv) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = messagingRouteDeps(clock);

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
      path: '/v1/templates/preview',
      tags: ['Messaging'],
      summary: 'Render an unsaved template draft for a customer (nothing is stored or sent)',
      description:
        'The version is the customer’s language unless `locale` is given. A part with a syntax error or an unknown variable is a 422 naming it (`versions.<i>.<part>`) with line and column.',
      request: {
        body: jsonBody(
          z.object({
            customerId: z.string().min(1).max(100),
            locale: z.string().max(35).optional(),
            draft: TemplateDraftSchema,
          }),
        ),
      },
      responses: {
        200: json(PreviewView, 'The rendered message and the data it used'),
        ...commonErrors,
        404: problem('No such customer'),
        422: problem('template_invalid'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const preview = await inRequestTransaction(c, clock, (uow) =>
        previewDraft(renderingDeps(uow, env), {
          draft: body.draft,
          customerId: body.customerId,
          ...(body.locale ? { locale: body.locale } : {}),
        }),
      );
      return c.json({ ...preview, data: preview.data as unknown as Record<string, unknown> }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/template-variables',
      tags: ['Messaging'],
      summary: 'The variables a template can use',
      responses: {
        200: json(
          z.object({
            variables: z.array(z.object({ name: z.string(), description: z.string() })),
          }),
          'Names and what they hold',
        ),
        ...commonErrors,
      },
    }),
    (c) => c.json({ variables: [...TEMPLATE_VARIABLES] }, 200),
  );

  return app;
};
