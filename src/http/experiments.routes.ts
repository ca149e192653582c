import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getCustomer } from '../core/customers/customers.service.js';
import {
  CreateExperimentSchema,
  UpdateExperimentSchema,
} from '../core/experiments/experiment-changes.js';
import { EXPERIMENT_STATUSES, EXPOSURE_SOURCES } from '../core/experiments/experiments.js';
import {
  createExperiment,
  customerExperiments,
  getExperiment,
  listExperiments,
  startExperiment,
  stopExperiment,
  updateExperiment,
  type CustomerExperiment,
  type ExperimentWithExposures,
} from '../core/experiments/experiments.service.js';
import { JOURNEYS } from '../core/messaging/messaging.js';
import type { Clock } from '../core/shared/clock.js';
import { experimentDeps } from '../app/experiments.js';
import { useCaseDeps, type AppContext, type AppEnv } from './context.js';
import { IdParam, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

const ExperimentIdParam = IdParam('id', 'exp_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const VariantView = z.object({
  key: z.string().openapi({ example: 'double' }),
  name: z.string(),
  weight: z.number(),
  control: z.boolean(),
  holdout: z.boolean(),
  templateKey: z.string().nullable(),
  rewardIds: z.array(z.string()),
});

const ExperimentView = z
  .object({
    id: z.string(),
    key: z.string().openapi({ example: 'double-points-q1' }),
    name: z.string(),
    hypothesis: z.string(),
    status: z.enum(EXPERIMENT_STATUSES),
    population: z.object({
      segmentId: z.string().nullable().openapi({ description: 'null: every member' }),
      entry: z.enum(['fixed', 'open']),
    }),
    variants: z.array(VariantView),
    targets: z.object({
      campaignIds: z.array(z.string()),
      journeys: z.array(z.enum(JOURNEYS)),
    }),
    metrics: z.object({
      horizonDays: z.number().int(),
      churnDays: z.number().int(),
      preDays: z.number().int(),
    }),
    orthogonal: z.boolean(),
    plannedStartAt: z.string().nullable(),
    plannedEndAt: z.string().nullable(),
    startedAt: z.string().nullable(),
    stoppedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    exposures: z
      .record(z.string(), z.number().int())
      .openapi({ description: 'Customers exposed so far, by variant key (every arm listed)' }),
  })
  .openapi('Experiment');

/** The experiment as clients see it: dates as ISO strings, and never the salt. */
const presentExperiment = (e: ExperimentWithExposures): z.infer<typeof ExperimentView> => ({
  id: e.id,
  key: e.key,
  name: e.name,
  hypothesis: e.hypothesis,
  status: e.status,
  population: e.population,
  variants: e.variants.map((v) => ({
    key: v.key,
    name: v.name,
    weight: v.weight,
    control: v.control,
    holdout: v.holdout,
    templateKey: v.templateKey,
    rewardIds: v.rewardIds,
  })),
  targets: e.targets,
  metrics: e.metrics,
  orthogonal: e.orthogonal,
  plannedStartAt: iso(e.plannedStartAt),
  plannedEndAt: iso(e.plannedEndAt),
  startedAt: iso(e.startedAt),
  stoppedAt: iso(e.stoppedAt),
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
  exposures: e.exposures,
});

const CustomerExperimentView = z.object({
  experimentId: z.string(),
  key: z.string(),
  name: z.string(),
  status: z.enum(EXPERIMENT_STATUSES),
  variant: z.string(),
  exposedAt: z
    .string()
    .nullable()
    .openapi({ description: 'null: in an open population, not yet touched by a treatment' }),
  source: z.enum(EXPOSURE_SOURCES).nullable(),
});

const presentCustomerExperiment = (x: CustomerExperiment) => ({
  ...x,
  exposedAt: iso(x.exposedAt),
});

const deps = (c: AppContext, clock: Clock) => experimentDeps(c.var.db, clock);

const notFound = { 404: problem('No such experiment') };

export const experimentRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/experiments',
      tags: ['Experiments'],
      summary: 'Create an experiment (a draft: nothing is treated or exposed until it starts)',
      description:
        'Two or more variants with positive weights, exactly one of them the control. Segments, campaigns, templates and rewards it names must exist and not be archived (422 `experiment_reference_invalid`, each with its path, e.g. `variants.1.templateKey`).',
      request: { body: jsonBody(CreateExperimentSchema) },
      responses: {
        201: json(ExperimentView, 'Created, as a draft'),
        ...commonErrors,
        409: problem('The key is taken'),
        422: problem('Invalid variants or dates, or an unknown or archived reference'),
      },
    }),
    async (c) => {
      const experiment = await createExperiment(deps(c, clock), c.req.valid('json'));
      return c.json(presentExperiment(experiment), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/experiments',
      tags: ['Experiments'],
      summary: 'List experiments, newest first, with their exposures per arm',
      request: { query: z.object({ status: z.enum(EXPERIMENT_STATUSES).optional() }) },
      responses: {
        200: json(z.object({ experiments: z.array(ExperimentView) }), 'Newest first'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const list = await listExperiments(deps(c, clock), c.req.valid('query').status);
      return c.json({ experiments: list.map(presentExperiment) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/experiments/{id}',
      tags: ['Experiments'],
      summary: 'Get an experiment with its exposures per arm',
      request: { params: ExperimentIdParam },
      responses: { 200: json(ExperimentView, 'The experiment'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      const experiment = await getExperiment(deps(c, clock), c.req.valid('param').id!);
      return c.json(presentExperiment(experiment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/experiments/{id}',
      tags: ['Experiments'],
      summary:
        'Change an experiment (a draft: anything but the key; running: name, hypothesis, plannedEndAt)',
      description:
        'Fields sent with their current value are not changes. Changing population, variants, targets, metrics, orthogonal or plannedStartAt of a running experiment is refused (409 `experiment_not_draft`, naming the fields); a stopped experiment changes no more (409 `experiment_stopped`).',
      request: { params: ExperimentIdParam, body: jsonBody(UpdateExperimentSchema) },
      responses: {
        200: json(ExperimentView, 'The experiment'),
        ...commonErrors,
        ...notFound,
        409: problem('The fields may not change in the experiment’s status'),
        422: problem('Invalid variants or dates, or an unknown or archived reference'),
      },
    }),
    async (c) => {
      const experiment = await updateExperiment(
        deps(c, clock),
        c.req.valid('param').id!,
        c.req.valid('json'),
      );
      return c.json(presentExperiment(experiment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/experiments/{id}/start',
      tags: ['Experiments'],
      summary: 'Start a draft: exposes its population as it is now, each customer in their arm',
      description:
        'Refused (409 `experiment_overlap`, naming each running experiment and what both reach) when a running experiment, neither marked orthogonal, shares customers and a campaign, journey, reward or rule trigger with it (docs/experiments.md).',
      request: { params: ExperimentIdParam },
      responses: {
        200: json(ExperimentView, 'Running, with its exposures'),
        ...commonErrors,
        ...notFound,
        409: problem('Not a draft, or it overlaps a running experiment'),
        422: problem('An unknown or archived segment, campaign, template or reward'),
      },
    }),
    async (c) => {
      const experiment = await startExperiment(deps(c, clock), c.req.valid('param').id!);
      return c.json(presentExperiment(experiment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/experiments/{id}/stop',
      tags: ['Experiments'],
      summary: 'Stop a running experiment: no more treatment; its exposures stay for the results',
      request: { params: ExperimentIdParam },
      responses: {
        200: json(ExperimentView, 'Stopped'),
        ...commonErrors,
        ...notFound,
        409: problem('The experiment is not running'),
      },
    }),
    async (c) => {
      const experiment = await stopExperiment(deps(c, clock), c.req.valid('param').id!);
      return c.json(presentExperiment(experiment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/experiments',
      tags: ['Experiments'],
      summary:
        'The running experiments a customer is in, and the stopped ones they were exposed to',
      request: { params: CustomerIdParam },
      responses: {
        200: json(z.object({ experiments: z.array(CustomerExperimentView) }), 'Running first'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const useCase = await useCaseDeps(c, clock);
      const customer = await getCustomer(useCase, c.req.valid('param').id!);
      const list = await customerExperiments(experimentDeps(useCase.db, clock), customer);
      return c.json({ experiments: list.map(presentCustomerExperiment) }, 200);
    },
  );

  return app;
};
