import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { describeRule } from '../core/rules/rules.describe.js';
import { simulateRule, type SimulationReport } from '../core/rules/rules.simulate.js';
import { simulationPeriod } from '../core/rules/rules.simulation-period.js';
import { RuleDocumentSchema } from '../core/rules/rules.js';
import { EXPERIMENT_STATUSES } from '../core/experiments/experiments.js';
import type { Clock } from '../core/shared/clock.js';
import { orderHistorySource } from '../app/orders.js';
import { ruleCatalogue, simulationExperiments } from '../app/rules.js';
import { ttlCache } from '../core/shared/ttl-cache.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { commonErrors, json, jsonBody, problem } from './openapi.js';
import { describeContextOf } from './rule-describe.js';

const periodEnd = z.string().max(40).optional();

/** The period a simulation replays; the dates are checked by the domain, which names the field. */
export const PeriodFields = {
  /** How far back to replay when `from` is not given. */
  days: z.number().int().min(1).max(3650).default(90),
  from: periodEnd.openapi({
    description:
      'First day (YYYY-MM-DD, programme time zone) or an instant with an offset; default `to` less `days`',
    example: '2026-11-01',
  }),
  to: periodEnd.openapi({
    description:
      'Last day, included (YYYY-MM-DD), or an instant with an offset (excluded); default now',
    example: '2026-11-30',
  }),
};

const SimulateBody = z.object({ rule: RuleDocumentSchema, ...PeriodFields });

const CatalogueQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Part of a category, SKU or name' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const CatalogueView = z
  .object({
    categories: z.array(z.object({ name: z.string(), lines: z.number().int() })),
    skus: z.array(
      z.object({
        sku: z.string(),
        name: z.string().nullable(),
        category: z.string().nullable(),
        lines: z.number().int(),
      }),
    ),
    stores: z.array(z.object({ id: z.string(), orders: z.number().int() })),
    channels: z.array(z.object({ channel: z.string(), orders: z.number().int() })),
  })
  .openapi('RuleCatalogue');

export const SimulationView = z
  .object({
    from: z.string(),
    to: z.string(),
    ordersEvaluated: z.number().int(),
    ordersMatched: z.number().int(),
    customersAffected: z.number().int(),
    pointsIssued: z.number().int(),
    pointsBeforeCaps: z.number().int(),
    currency: z.string(),
    costMinor: z.number().int(),
    skippedReasons: z.array(z.object({ reason: z.string(), orders: z.number().int() })),
    pointsByDay: z.array(
      z.object({ day: z.string(), points: z.number().int(), orders: z.number().int() }),
    ),
    experiments: z.array(
      z.object({
        key: z.string(),
        status: z.enum(EXPERIMENT_STATUSES),
        arms: z.array(
          z.object({
            variant: z.string(),
            customers: z.number().int(),
            orders: z.number().int(),
          }),
        ),
        outside: z.object({ customers: z.number().int(), orders: z.number().int() }),
      }),
    ),
  })
  .openapi('RuleSimulation');

export const presentSimulation = (r: SimulationReport): z.infer<typeof SimulationView> => ({
  ...r,
  from: r.from.toISOString(),
  to: r.to.toISOString(),
});

// Grouping every order line by SKU costs a scan of the table; a picker a minute behind the orders
// is still right for writing a rule, and opening the builder again costs nothing.
const CATALOGUE_TTL_MS = 60_000;

export const ruleRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const catalogues = ttlCache<Awaited<ReturnType<typeof ruleCatalogue>>>({
    ttlMs: CATALOGUE_TTL_MS,
    maxEntries: 100,
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/rules/simulate',
      tags: ['Rules'],
      summary: 'Replay a draft earning rule over past orders; nothing is written',
      description:
        'Reports the points the rule would have issued, the customers it would have reached, its cost in money, why orders did not qualify, and points by day.',
      request: { body: jsonBody(SimulateBody) },
      responses: {
        200: json(SimulationView, 'What the rule would have done'),
        ...commonErrors,
        422: problem(
          'A rule that cannot be replayed over orders, names an unknown experiment or arm, or an empty period',
        ),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const deps = await useCaseDeps(c, clock);
      const period = simulationPeriod(body, clock.now(), deps.programme.timeZone);
      const report = await simulateRule(
        orderHistorySource(c.var.readDb),
        deps.programme,
        body.rule,
        period,
        await simulationExperiments(c.var.db, body.rule),
      );
      return c.json(presentSimulation(report), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/rules/catalogue',
      tags: ['Rules'],
      summary: 'Categories, SKUs, stores and channels seen in orders, for rule conditions',
      description:
        'Most used first. `q` searches categories, SKUs and product names; `limit` bounds categories and SKUs each. Counted at most a minute ago.',
      request: { query: CatalogueQuery },
      responses: { 200: json(CatalogueView, 'What orders contain'), ...commonErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const key = JSON.stringify([query.q?.trim() ?? '', query.limit]);
      let catalogue = catalogues.get(key);
      if (!catalogue) {
        catalogue = await ruleCatalogue(c.var.db, query);
        catalogues.set(key, catalogue);
      }
      return c.json(catalogue, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/rules/describe',
      tags: ['Rules'],
      summary: 'The plain-language sentence of a draft rule',
      description:
        'E.g. "Double points on Home at weekends, at most 500 points per member per month". Nothing is written.',
      request: { body: jsonBody(z.object({ rule: RuleDocumentSchema })) },
      responses: {
        200: json(z.object({ description: z.string() }), 'What the rule does'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const context = await describeContextOf(c, deps.programme);
      return c.json({ description: describeRule(c.req.valid('json').rule, context) }, 200);
    },
  );
  return app;
};
