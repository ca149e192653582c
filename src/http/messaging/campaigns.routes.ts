import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  CAMPAIGN_STATUSES,
  TemplateKeySchema,
  type Campaign,
  type CampaignCounts,
  type ListedCampaign,
} from '../../core/messaging/messaging.js';
import { campaignReach } from '../../core/messaging/messaging.reach.js';
import {
  createCampaign,
  getCampaign,
  listCampaigns,
} from '../../core/messaging/messaging.service.js';
import type { Clock } from '../../core/shared/clock.js';
import type { AppEnv } from '../context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from '../openapi.js';
import { iso } from '../presenters.js';
import { messagingRouteDeps } from './messaging.context.js';

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
  completedAt: iso(c.completedAt),
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

const ReachView = z
  .object({
    segmentSize: z.number().int(),
    willReceive: z.number().int(),
    excluded: z.object({
      no_consent: z.number().int().openapi({ description: 'Marketing without e-mail consent' }),
      no_email: z.number().int().openapi({ description: 'No e-mail address' }),
      frequency_cap: z.number().int().openapi({ description: 'Frequency cap reached' }),
      global_control: z
        .number()
        .int()
        .openapi({ description: 'Held back from marketing as the global control group' }),
      experiment_holdout: z.number().int().openapi({
        description:
          'In the holdout arm of a running experiment that targets the campaign (campaignId)',
      }),
    }),
  })
  .openapi('CampaignReach');

const CampaignListQuery = z.object({
  status: z.enum(CAMPAIGN_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

/** Campaigns: a template sent to a segment's members, now or later, and their counts. */
export const campaignRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = messagingRouteDeps(clock);

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
      method: 'post',
      path: '/v1/campaigns/reach',
      tags: ['Messaging'],
      summary: 'Who a campaign would reach if sent now, and why the other members would not',
      description:
        'Reads the segment’s members as the send does and applies the very checks the send applies (e-mail address; for marketing, the global control group, consent and the frequency cap; with campaignId, the holdout arms of running experiments that target that campaign). Nothing is written, and nobody is exposed to an experiment.',
      request: {
        body: jsonBody(
          CampaignBody.omit({ scheduledAt: true }).extend({
            campaignId: z.string().min(1).max(100).optional().openapi({
              description:
                'A scheduled campaign: its experiments’ holdouts are counted (experiment_holdout)',
            }),
          }),
        ),
      },
      responses: {
        200: json(ReachView, 'The breakdown'),
        ...commonErrors,
        404: problem('No such template or segment'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await campaignReach(await deps(c), body), 200);
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
