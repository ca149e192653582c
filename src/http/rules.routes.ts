import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { simulateRule, type SimulationReport } from '../core/rules/rules.simulate.js';
import { RuleDocumentSchema } from '../core/rules/rules.js';
import { addDays, type Clock } from '../core/shared/clock.js';
import { orderHistorySource } from '../app/orders.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { commonErrors, json, jsonBody, problem } from './openapi.js';

const SimulateBody = z.object({
  rule: RuleDocumentSchema,
  /** How far back to replay when `from` is not given. */
  days: z.number().int().min(1).max(3650).default(90),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

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
  })
  .openapi('RuleSimulation');

export const presentSimulation = (r: SimulationReport): z.infer<typeof SimulationView> => ({
  ...r,
  from: r.from.toISOString(),
  to: r.to.toISOString(),
});

export const ruleRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
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
        422: problem('A rule that cannot be replayed over orders, or an empty period'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const to = body.to ? new Date(body.to) : clock.now();
      const from = body.from ? new Date(body.from) : addDays(to, -body.days);
      const deps = await useCaseDeps(c, clock);
      const report = await simulateRule(orderHistorySource(c.var.db), deps.programme, body.rule, {
        from,
        to,
      });
      return c.json(presentSimulation(report), 200);
    },
  );
  return app;
};
