import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { TRANSACTION_MODEL_NAMES } from '../core/analytics/clv/index.js';
import type { Clock } from '../core/shared/clock.js';
import {
  clvDistribution,
  customersAtRisk,
  latestClvRun,
  topCustomersByClv,
  type StoredClvRun,
  type ValuedCustomer,
} from '../app/analytics.js';
import type { AppEnv } from './context.js';
import { commonErrors, json } from './openapi.js';
import { iso } from './presenters.js';

const ValuedCustomerView = z
  .object({
    customerId: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    clvMinor: z.number().int().nullable(),
    pAlive: z.number().nullable(),
    expectedPurchases: z.number().nullable(),
    monetaryMinor: z.number().int(),
    frequency: z.number().int(),
    lastPurchaseAt: z.string().nullable(),
  })
  .openapi('ValuedCustomer');

/** The holdout check of a fit: refitted before `calibrationEnd`, compared up to `holdoutEnd`. */
const ClvHoldoutCheckView = z
  .object({
    calibrationEnd: z.string(),
    holdoutEnd: z.string(),
    report: z.object({
      byFrequency: z.array(
        z.object({
          frequency: z
            .string()
            .openapi({ description: 'Repeat purchases before: "0" … "6", "7+"' }),
          customers: z.number().int(),
          actualMean: z.number(),
          expectedMean: z.number(),
        }),
      ),
      totalActual: z.number(),
      totalExpected: z.number(),
    }),
    tracking: z.array(
      z.object({
        week: z.number().int(),
        weekStart: z.string(),
        actualCumulative: z.number(),
        expectedCumulative: z.number(),
      }),
    ),
  })
  .openapi('ClvHoldoutCheck');

export const ClvRunView = z
  .object({
    id: z.string(),
    model: z.enum(TRANSACTION_MODEL_NAMES).openapi('ClvTransactionModel'),
    params: z.record(z.string(), z.number()),
    logLikelihood: z.number(),
    spendParams: z.record(z.string(), z.number()).nullable(),
    spendLogLikelihood: z.number().nullable(),
    customers: z.number().int(),
    repeatBuyers: z.number().int(),
    calibrationEnd: z.string(),
    horizonWeeks: z.number(),
    annualDiscountRate: z.number(),
    details: z
      .looseObject({
        validation: z.union([ClvHoldoutCheckView, z.null()]).optional(),
        validationProblem: z.string().nullable().optional(),
      })
      .openapi({
        description:
          'The run as the refresh produced it: the fits, settings and the holdout check, or why there is none',
      }),
    durationMs: z.number().int(),
    fittedAt: z.string(),
  })
  .openapi('ClvRun');

const ClvOverview = z
  .object({
    run: ClvRunView.nullable(),
    distribution: z.object({
      customersWithClv: z.number().int(),
      totalMinor: z.number().int(),
      meanMinor: z.number().int().nullable(),
      medianMinor: z.number().int().nullable(),
      p90Minor: z.number().int().nullable(),
      buckets: z.array(
        z.object({
          fromMinor: z.number().int(),
          toMinor: z.number().int().nullable(),
          customers: z.number().int(),
        }),
      ),
    }),
    topCustomers: z.array(ValuedCustomerView),
  })
  .openapi('ClvOverview');

const presentCustomer = (c: ValuedCustomer): z.infer<typeof ValuedCustomerView> => ({
  ...c,
  lastPurchaseAt: iso(c.lastPurchaseAt),
});

export const presentClvRun = (run: StoredClvRun): z.infer<typeof ClvRunView> => ({
  id: run.id,
  model: run.transactionModel,
  params: run.transactionParams,
  logLikelihood: run.transactionLogLikelihood,
  spendParams: run.spendParams,
  spendLogLikelihood: run.spendLogLikelihood,
  customers: run.customers,
  repeatBuyers: run.repeatBuyers,
  calibrationEnd: run.calibrationEnd,
  horizonWeeks: run.horizonWeeks,
  annualDiscountRate: run.annualDiscountRate,
  details: run.details,
  durationMs: run.durationMs,
  fittedAt: run.fittedAt.toISOString(),
});

const TopQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(20),
});

const AtRiskQuery = TopQuery.extend({
  maxPAlive: z.coerce.number().gt(0).max(1).default(0.5),
});

// The clock is accepted for symmetry with the other route groups; reads here are of stored runs.
export const clvRoutes = (_clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/clv',
      tags: ['Analytics'],
      summary: 'The latest CLV fit, the distribution of customer value and the top customers',
      description:
        'Figures come from the last analytics refresh (job or POST /v1/analytics/refresh); `run` is null before the first one.',
      request: { query: TopQuery },
      responses: { 200: json(ClvOverview, 'CLV overview'), ...commonErrors },
    }),
    async (c) => {
      const { limit } = c.req.valid('query');
      const [run, distribution, top] = await Promise.all([
        latestClvRun(c.var.db),
        clvDistribution(c.var.db),
        topCustomersByClv(c.var.db, limit),
      ]);
      return c.json(
        {
          run: run ? presentClvRun(run) : null,
          distribution,
          topCustomers: top.map(presentCustomer),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/clv/at-risk',
      tags: ['Analytics'],
      summary: 'Repeat customers the model thinks are slipping away, most valuable first',
      request: { query: AtRiskQuery },
      responses: {
        200: json(z.object({ customers: z.array(ValuedCustomerView) }), 'Customers at risk'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const customers = await customersAtRisk(c.var.db, query);
      return c.json({ customers: customers.map(presentCustomer) }, 200);
    },
  );
  return app;
};
