import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { recordActivity, type ActivityResult } from '../core/rules/activities.js';
import { simulateRule } from '../core/rules/rules.simulate.js';
import {
  createRule,
  getRule,
  listRules,
  reviseRule,
  ruleHistory,
} from '../core/rules/rules.service.js';
import { RULE_STATUSES, type StoredRule } from '../core/rules/rules.store.js';
import { RULE_TRIGGERS, RuleDocumentSchema } from '../core/rules/rules.js';
import { getCustomer } from '../core/customers/customers.service.js';
import { addDays, type Clock } from '../core/shared/clock.js';
import { repositoriesFor } from '../app/database.js';
import { orderHistorySource } from '../app/orders.js';
import { customerAwards, simulationExperiments } from '../app/rules.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { PeriodFields, SimulationView, presentSimulation } from './rules.routes.js';
import { describeContextOf } from './rule-describe.js';
import { describeRule, type DescribeContext } from '../core/rules/rules.describe.js';
import { simulationPeriod } from '../core/rules/rules.simulation-period.js';

const RuleIdParam = IdParam('id', 'rul_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const RuleView = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    trigger: z.enum(RULE_TRIGGERS),
    status: z.enum(RULE_STATUSES),
    /** What the rule does in plain language, e.g. "Double points on Home at weekends". */
    description: z.string(),
    document: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Rule');

const presentRule = (r: StoredRule, context: DescribeContext): z.infer<typeof RuleView> => ({
  id: r.id,
  version: r.version,
  name: r.name,
  trigger: r.trigger,
  status: r.status,
  description: describeRule(r.document, context),
  document: r.document as unknown as Record<string, unknown>,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const CreateRuleBody = z.object({
  document: RuleDocumentSchema,
  status: z.enum(['draft', 'active']).default('draft'),
});

const ReviseRuleBody = z
  .object({ document: RuleDocumentSchema.optional(), status: z.enum(RULE_STATUSES).optional() })
  .refine((b) => b.document !== undefined || b.status !== undefined, {
    message: 'give a document, a status or both',
  });

const ACTIVITY_TRIGGERS = ['review.submitted', 'survey.answered', 'custom'] as const;

const ActivityBody = z
  .object({
    trigger: z.enum(ACTIVITY_TRIGGERS),
    /** For trigger custom: the event's name, as the rules' customEvent. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'lowercase letters, digits, dot, dash or underscore')
      .optional(),
    /** Your id of the event (a review id, a survey response id): it is recorded once. */
    externalId: z.string().min(1).max(200),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((b) => (b.trigger === 'custom') === (b.name !== undefined), {
    message: 'name is required for trigger custom, and only for it',
    path: ['name'],
  });

const ActivityView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    trigger: z.string(),
    name: z.string().nullable(),
    occurredAt: z.string(),
    points: z.number().int(),
    entryId: z.string().nullable(),
  })
  .openapi('Activity');

const RuleVersionView = z
  .object({
    version: z.number().int(),
    status: z.enum(RULE_STATUSES),
    document: z.record(z.string(), z.unknown()),
    actor: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('RuleVersion');

const RulePerformanceView = z
  .object({
    ruleId: z.string(),
    since: z.string(),
    points: z.number().int(),
    customers: z.number().int(),
    awards: z.number().int(),
    costMinor: z.number().int(),
    currency: z.string(),
  })
  .openapi('RulePerformance');

const presentActivity = (r: ActivityResult): z.infer<typeof ActivityView> => ({
  id: r.activity.id,
  customerId: r.activity.customerId,
  trigger: r.activity.trigger,
  name: r.activity.name,
  occurredAt: r.activity.occurredAt.toISOString(),
  points: r.points,
  entryId: r.entryId,
});

const AwardView = z.object({
  entryId: z.string(),
  ruleId: z.string().nullable(),
  ruleVersion: z.number().int().nullable(),
  tierCode: z.string().nullable(),
  points: z.number().int(),
  orderId: z.string().nullable(),
  activityId: z.string().nullable(),
  awardedAt: z.string(),
});

const PeriodBody = z.object(PeriodFields);

/** Stored rules (versioned, draft → active → archived), their history and what they cost. */
export const ruleAdminRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/rules',
      tags: ['Rules'],
      summary: 'Save an earning rule, as a draft or active at once',
      description:
        'The document is validated field by field; an invalid rule is refused with the path of each fault (e.g. `document.effects.0.points`).',
      request: { headers: IdempotencyHeader, body: jsonBody(CreateRuleBody) },
      responses: {
        201: json(RuleView, 'Saved as version 1'),
        ...commonErrors,
        422: problem('The rule names an experiment or arm that does not exist'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const rule = await createRule(deps, c.req.valid('json'), c.var.principal.keyId);
      return c.json(presentRule(rule, await describeContextOf(c, deps.programme)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/rules',
      tags: ['Rules'],
      summary: 'List rules',
      request: {
        query: z.object({
          status: z.enum(RULE_STATUSES).optional(),
          trigger: z.enum(RULE_TRIGGERS).optional(),
        }),
      },
      responses: {
        200: json(z.object({ rules: z.array(RuleView) }), 'Oldest first'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const rules = await listRules(deps, c.req.valid('query'));
      const context = await describeContextOf(c, deps.programme);
      return c.json({ rules: rules.map((r) => presentRule(r, context)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/rules/{id}',
      tags: ['Rules'],
      summary: 'Get a rule’s current version',
      request: { params: RuleIdParam },
      responses: { 200: json(RuleView, 'The rule'), ...commonErrors, 404: problem('No such rule') },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const rule = await getRule(deps, c.req.valid('param').id as string);
      return c.json(presentRule(rule, await describeContextOf(c, deps.programme)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/rules/{id}',
      tags: ['Rules'],
      summary: 'Save a new version: a new document, a new status (activate, archive), or both',
      request: { params: RuleIdParam, headers: IdempotencyHeader, body: jsonBody(ReviseRuleBody) },
      responses: {
        200: json(RuleView, 'The new version'),
        ...commonErrors,
        404: problem('No such rule'),
        422: problem('The rule names an experiment or arm that does not exist'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const rule = await reviseRule(
        deps,
        c.req.valid('param').id as string,
        c.req.valid('json'),
        c.var.principal.keyId,
      );
      return c.json(presentRule(rule, await describeContextOf(c, deps.programme)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/rules/{id}/versions',
      tags: ['Rules'],
      summary: 'Every version of a rule, newest first',
      request: { params: RuleIdParam },
      responses: {
        200: json(
          z.object({
            versions: z.array(RuleVersionView),
          }),
          'Newest first',
        ),
        ...commonErrors,
        404: problem('No such rule'),
      },
    }),
    async (c) => {
      const versions = await ruleHistory(
        await useCaseDeps(c, clock),
        c.req.valid('param').id as string,
      );
      return c.json(
        {
          versions: versions.map((v) => ({
            version: v.version,
            status: v.status,
            document: v.document as unknown as Record<string, unknown>,
            actor: v.actor,
            createdAt: v.createdAt.toISOString(),
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/rules/{id}/simulate',
      tags: ['Rules'],
      summary: 'Replay a saved rule (e.g. a draft) over past orders; nothing is written',
      request: { params: RuleIdParam, body: jsonBody(PeriodBody) },
      responses: {
        200: json(SimulationView, 'What the rule would have done'),
        ...commonErrors,
        404: problem('No such rule'),
        422: problem(
          'A rule that cannot be replayed over orders, names an unknown experiment or arm, or an empty period',
        ),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const rule = await getRule(deps, c.req.valid('param').id as string);
      const period = simulationPeriod(c.req.valid('json'), clock.now(), deps.programme.timeZone);
      // The rule and the experiments it names from the primary (one saved a moment ago counts);
      // the past orders it replays from the read replica.
      const report = await simulateRule(
        orderHistorySource(c.var.readDb),
        deps.programme,
        rule.document,
        period,
        await simulationExperiments(c.var.db, rule.document),
      );
      return c.json(presentSimulation(report), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/rules/{id}/performance',
      tags: ['Rules'],
      summary: 'What a live rule actually awarded: points, members, awards and cost',
      request: {
        params: RuleIdParam,
        query: z.object({ days: z.coerce.number().int().min(1).max(3650).default(30) }),
      },
      responses: {
        200: json(RulePerformanceView, 'Totals since the start of the window'),
        ...commonErrors,
        404: problem('No such rule'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const rule = await getRule(deps, c.req.valid('param').id as string);
      const since = addDays(clock.now(), -c.req.valid('query').days);
      // The rule from the primary; what it awarded, a report, from the read replica.
      const awards = repositoriesFor(c.var.readDb).rules;
      const totals = (await awards.awardTotals([rule.id], since))[rule.id] ?? {
        points: 0,
        customers: 0,
        awards: 0,
      };
      const costMinor = Number(
        (BigInt(totals.points) * BigInt(deps.programme.pointValueMilliMinor)) / 1000n,
      );
      return c.json(
        {
          ruleId: rule.id,
          since: since.toISOString(),
          ...totals,
          costMinor,
          currency: deps.programme.currency,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/activities',
      tags: ['Rules'],
      summary: 'Record a review, a survey answer or a custom event; its rules award points',
      description:
        "Recorded once per customer and externalId (another customer's activity may share the externalId, as attendees share an event's): sending it again returns the first result with status 200.",
      request: {
        params: CustomerIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(ActivityBody),
      },
      responses: {
        201: json(ActivityView, 'Recorded'),
        200: json(ActivityView, 'Already recorded: the first result'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem("The externalId was used for another of this customer's activities"),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const body = c.req.valid('json');
      const result = await recordActivity(deps, {
        customerId: customer.id,
        trigger: body.trigger,
        name: body.name ?? null,
        idempotencyKey: `${body.trigger}:${body.name ?? ''}:${body.externalId}`,
        ...(body.occurredAt ? { occurredAt: new Date(body.occurredAt) } : {}),
        ...(body.payload ? { payload: body.payload } : {}),
      });
      return c.json(presentActivity(result), result.created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/awards',
      tags: ['Rules'],
      summary: 'Which rules (and tier bonuses) gave a customer which points, newest first',
      request: {
        params: CustomerIdParam,
        query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      },
      responses: {
        200: json(z.object({ awards: z.array(AwardView) }), 'Newest first'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const awards = await customerAwards(c.var.db, customer.id, c.req.valid('query').limit);
      return c.json(
        { awards: awards.map((a) => ({ ...a, awardedAt: a.awardedAt.toISOString() })) },
        200,
      );
    },
  );

  return app;
};
