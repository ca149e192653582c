import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getCustomer } from '../core/customers/customers.service.js';
import type { Clock } from '../core/shared/clock.js';
import type { TierProgress } from '../core/tiers/tiers.decide.js';
import {
  getTierConfig,
  saveTierConfig,
  tierHistory,
  tierMembers,
  tierProgress,
  type TierMembersPage,
} from '../core/tiers/tiers.service.js';
import {
  TierConfigInputSchema,
  type MemberTier,
  type TierChange,
  type TierConfig,
  type TierDefinition,
} from '../core/tiers/tiers.js';
import { tierRepository } from '../app/tiers.js';
import { TIER_PLACEMENT_JOB, placeMembersInTiers } from '../jobs/tier-placement.job.js';
import { useCaseDeps, type AppContext, type AppDeps, type AppEnv } from './context.js';
import { IdParam, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

/** Runs outside the request transaction (see app.ts): it commits batch by batch. */
export const TIER_PLACEMENT_PATH = '/v1/tiers/placement';

/** The tier a member is working towards and how far along they are. */
export const NextTierView = z.object({
  code: z.string(),
  name: z.string(),
  threshold: z.number().int(),
  remaining: z.number().int(),
  percent: z.number().int(),
});

const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const TierView = z
  .object({
    code: z.string().openapi({ example: 'gold' }),
    name: z.string(),
    rank: z.number().int(),
    threshold: z.number().int(),
    earnMultiplierPercent: z.number().int(),
    benefits: z.array(z.string()),
    translations: z
      .record(
        z.string(),
        z.object({ name: z.string().optional(), benefits: z.array(z.string()).optional() }),
      )
      .openapi({ description: 'Per locale code: the name and benefits members of it read' }),
  })
  .openapi('Tier');

const PolicyView = z
  .object({
    metric: z.enum(['points', 'spend', 'orders']),
    window: z.union([
      z.object({ kind: z.literal('rolling'), days: z.number().int() }),
      z.object({ kind: z.literal('calendarYear') }),
    ]),
    graceDays: z.number().int(),
  })
  .openapi('TierPolicy');

const TierConfigView = z
  .object({ policy: PolicyView.nullable(), tiers: z.array(TierView) })
  .openapi('TierConfig');

const presentTier = (t: TierDefinition): z.infer<typeof TierView> => ({ ...t });

const presentConfig = (config: TierConfig | null): z.infer<typeof TierConfigView> => ({
  policy: config?.policy ?? null,
  tiers: (config?.tiers ?? []).map(presentTier),
});

const ProgressView = z
  .object({
    tier: TierView.nullable(),
    since: z.string().nullable(),
    reviewAt: z.string().nullable().openapi({
      description: 'When the tier is reviewed (end of its qualification period plus grace days)',
    }),
    metric: z.enum(['points', 'spend', 'orders']).nullable(),
    windowStart: z.string().nullable(),
    windowEnd: z
      .string()
      .nullable()
      .openapi({ description: 'Exclusive; now for a rolling window' }),
    value: z.number().int(),
    next: NextTierView.nullable(),
    toKeep: z
      .object({
        threshold: z.number().int(),
        value: z.number().int(),
        remaining: z.number().int(),
        windowStart: z.string(),
        windowEnd: z.string(),
      })
      .nullable()
      .openapi({ description: 'What the period under review needs for the held tier to stay' }),
  })
  .openapi('TierProgress');

const presentProgress = (p: TierProgress): z.infer<typeof ProgressView> => ({
  ...p,
  tier: p.tier ? presentTier(p.tier) : null,
  since: iso(p.since),
  reviewAt: iso(p.reviewAt),
  windowStart: iso(p.windowStart),
  windowEnd: iso(p.windowEnd),
  toKeep: p.toKeep
    ? {
        ...p.toKeep,
        windowStart: p.toKeep.windowStart.toISOString(),
        windowEnd: p.toKeep.windowEnd.toISOString(),
      }
    : null,
});

const MemberView = z
  .object({
    customerId: z.string(),
    tier: z.string(),
    since: z.string(),
    reviewAt: z.string().nullable(),
  })
  .openapi('TierMember');

const presentMember = (m: MemberTier): z.infer<typeof MemberView> => ({
  customerId: m.customerId,
  tier: m.tierCode,
  since: m.since.toISOString(),
  reviewAt: iso(m.reviewAt),
});

const MembersPageView = z
  .object({
    counts: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        rank: z.number().int(),
        members: z.number().int(),
      }),
    ),
    members: z.array(MemberView),
    nextCursor: z.string().nullable(),
  })
  .openapi('TierMembers');

const presentMembers = (page: TierMembersPage): z.infer<typeof MembersPageView> => ({
  counts: page.counts,
  members: page.members.map(presentMember),
  nextCursor: page.nextCursor,
});

const ChangeView = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string().openapi({ example: 'review.downgrade' }),
    metric: z.string(),
    value: z.number().int(),
    windowStart: z.string(),
    windowEnd: z.string(),
    reviewAt: z.string().nullable(),
    at: z.string(),
  })
  .openapi('TierChange');

const presentChange = (c: TierChange): z.infer<typeof ChangeView> => ({
  from: c.from,
  to: c.to,
  reason: c.reason,
  metric: c.metric,
  value: c.value,
  windowStart: c.windowStart.toISOString(),
  windowEnd: c.windowEnd.toISOString(),
  reviewAt: iso(c.reviewAt),
  at: c.at.toISOString(),
});

const PlacementView = z
  .object({
    membersMeasured: z.number().int(),
    moved: z.record(z.string(), z.number().int()).openapi({
      description: 'Members moved up, by the tier they moved to (every tier listed)',
      example: { bronze: 1581, silver: 1646, gold: 838 },
    }),
    seconds: z.number(),
  })
  .openapi('TierPlacement');

const tierDeps = async (c: AppContext, clock: Clock) => {
  const deps = await useCaseDeps(c, clock);
  return { ...deps, tiers: tierRepository(deps.db) };
};

export const tierRoutes = (clock: Clock, jobs?: AppDeps['jobs']) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/tiers',
      tags: ['Tiers'],
      summary: 'The tier policy and the tiers, lowest first',
      responses: { 200: json(TierConfigView, 'The configuration'), ...commonErrors },
    }),
    async (c) => c.json(presentConfig(await getTierConfig(await tierDeps(c, clock))), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/tiers',
      tags: ['Tiers'],
      summary: 'Replace the tier policy and the tiers (ascending thresholds; rank = position)',
      description:
        'Members keep their tiers under new thresholds until their review. A tier members hold cannot be removed (409). A new graceDays moves every scheduled review by the difference. When who qualifies may change (first tiers, another metric or window, other codes or thresholds), a tier-placement job is enqueued with the save, to move up every member who now qualifies higher.',
      request: { body: jsonBody(TierConfigInputSchema) },
      responses: {
        200: json(TierConfigView, 'The saved configuration'),
        ...commonErrors,
        409: problem('A removed tier is held by members'),
      },
    }),
    async (c) => {
      const deps = await tierDeps(c, clock);
      const saved = await saveTierConfig(
        {
          ...deps,
          // In the request's transaction: the job exists only if the configuration is saved.
          placement: {
            schedule: async () => {
              await jobs?.enqueue(TIER_PLACEMENT_JOB, {}, { db: deps.db });
            },
          },
        },
        c.req.valid('json'),
      );
      return c.json(presentConfig(saved), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: TIER_PLACEMENT_PATH,
      tags: ['Tiers'],
      summary: 'Place every member in the highest tier they reach now (moves up only)',
      description:
        'Measures every customer over the current window and moves up, at once, everyone whose value reaches a higher tier than the one they hold (tier_change reason `placement`, a tier.changed event each); nobody moves down. Synchronous, in batches of 500 members per transaction; running it again moves nobody. Also run by the tier-placement job after a configuration change and at the end of an import.',
      responses: { 200: json(PlacementView, 'Members measured and moved'), ...commonErrors },
    }),
    async (c) => c.json(await placeMembersInTiers(c.var.db, clock), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/tiers/members',
      tags: ['Tiers'],
      summary: 'Members per tier, and the members of one tier (or all), by customer id',
      request: {
        query: z.object({
          tier: z.string().min(1).max(50).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cursor: z.string().max(100).optional(),
        }),
      },
      responses: {
        200: json(MembersPageView, 'Counts and a page of members'),
        ...commonErrors,
        422: problem('No such tier'),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = await tierMembers(await tierDeps(c, clock), {
        tier: query.tier ?? null,
        limit: query.limit,
        cursor: query.cursor ?? null,
      });
      return c.json(presentMembers(page), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/tier',
      tags: ['Tiers'],
      summary: 'A member’s tier, their metric in the window and progress to the next tier',
      request: { params: CustomerIdParam },
      responses: {
        200: json(ProgressView, 'Tier and progress'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await tierDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      return c.json(presentProgress(await tierProgress(deps, customer.id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/tier/history',
      tags: ['Tiers'],
      summary: 'A member’s tier changes, newest first, with the metric each was decided on',
      request: {
        params: CustomerIdParam,
        query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
      responses: {
        200: json(z.object({ changes: z.array(ChangeView) }), 'Tier changes'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await tierDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const changes = await tierHistory(deps, customer.id, c.req.valid('query').limit);
      return c.json({ changes: changes.map(presentChange) }, 200);
    },
  );

  return app;
};
