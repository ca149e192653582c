import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { experimentNamed, powerFor, resultsOf } from '../app/experiment-results.js';
import { validateVariants } from '../core/experiments/assignment.js';
import type { Clock } from '../core/shared/clock.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { ExperimentResultsView, PowerBody, PowerPlanView } from './experiment-results.views.js';
import { IdParam, commonErrors, json, jsonBody, problem } from './openapi.js';

const ResultsQuery = z.object({
  asOf: z
    .string()
    .datetime({ offset: true })
    .optional()
    .openapi({
      param: { name: 'asOf', in: 'query' },
      example: '2026-12-01T00:00:00Z',
      description: 'Results as they stood at this instant; default now',
    }),
});

/** An experiment's results and, before any starts, the power its population gives. */
export const experimentResultsRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/experiments/{id}/results',
      tags: ['Experiments'],
      summary: 'Each treatment against the control: differences, intervals, CUPED, SRM, guardrails',
      description:
        'Two cohorts: `fixed` (customers whose horizon has passed, a fixed-horizon test) and `toDate` (every exposed customer, windows cut at asOf). Heterogeneity per RFM segment and lifecycle stage is exploratory.',
      request: { params: IdParam('id', 'exp_01J…'), query: ResultsQuery },
      responses: {
        200: json(ExperimentResultsView, 'The results as of asOf'),
        ...commonErrors,
        404: problem('No such experiment'),
        409: problem('The experiment is a draft (experiment_not_started)'),
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id as string;
      const { asOf } = c.req.valid('query');
      const { programme } = await useCaseDeps(c, clock);
      // The experiment itself from the primary, so one just started has results at once; its
      // exposures and orders from the read replica, a replication delay behind at most.
      const experiment = await experimentNamed(c.var.db, id);
      const when = asOf ? new Date(asOf) : clock.now();
      return c.json(await resultsOf(c.var.readDb, programme, experiment, when), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/experiments/power',
      tags: ['Experiments'],
      summary: 'Baseline from history and the minimum detectable effect, or the duration needed',
      description:
        'The population’s repeat rate and net revenue spread over the last horizon, then what the planned arms can detect (alpha 0.05, power 0.8). Nothing is written.',
      request: { body: jsonBody(PowerBody) },
      responses: {
        200: json(PowerPlanView, 'The power estimate'),
        ...commonErrors,
        422: problem('Unusable variants, an unknown segment, or a question without an answer'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const variants = validateVariants(body.variants);
      const { programme } = await useCaseDeps(c, clock);
      const plan = await powerFor(
        c.var.db,
        programme,
        {
          segmentId: body.population.segmentId,
          entry: body.population.entry,
          weights: variants.map((v) => v.weight),
          horizonDays: body.metrics.horizonDays,
          durationDays: body.durationDays,
          effect: body.effect,
        },
        clock.now(),
      );
      return c.json(plan, 200);
    },
  );
  return app;
};
