import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  AT_RISK_NOTIONS,
  CLV_AT_RISK_DEFAULT_SHARE,
  atRiskDefinitions,
  clvAtRiskDefinition,
} from '../core/analytics/at-risk.js';
import {
  inMajorUnits,
  LOG_LIKELIHOOD_IN_MAJOR_UNITS,
  TRANSACTION_MODEL_NAMES,
  type ModelFit,
} from '../core/analytics/clv/index.js';
import type { Clock } from '../core/shared/clock.js';
import { currencyExponent } from '../core/shared/money.js';
import {
  atRiskCounts,
  clvDistribution,
  customersAtRisk,
  latestClvRun,
  topCustomersByClv,
  type StoredClvRun,
  type ValuedCustomer,
} from '../app/analytics.js';
import { useCaseDeps, type AppEnv } from './context.js';
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

/** Whether a stored fit can be trusted: see ModelFit.identifiable. */
const ClvFitCheckView = z
  .object({
    identifiable: z.boolean().nullable().openapi({
      description:
        'Whether the data pin the parameters down; false: the parameters are where the optimiser stopped, not estimates. Null for runs stored before this was checked.',
    }),
    notIdentifiableReason: z.string().nullable(),
    standardErrors: z.record(z.string(), z.number()).nullable().openapi({
      description: 'Standard errors of the parameters, in their units; null when not identifiable',
    }),
  })
  .openapi('ClvFitCheck');

export const ClvRunView = z
  .object({
    id: z.string(),
    model: z.enum(TRANSACTION_MODEL_NAMES).openapi('ClvTransactionModel'),
    params: z.record(z.string(), z.number()),
    logLikelihood: z.number(),
    fitCheck: ClvFitCheckView,
    spendParams: z.record(z.string(), z.number()).nullable().openapi({
      description: 'p and q (no unit) and gamma, in major units of spendMoney.currency',
    }),
    spendLogLikelihood: z
      .number()
      .nullable()
      .openapi({ description: `ln L as a ${LOG_LIKELIHOOD_IN_MAJOR_UNITS}` }),
    spendMoney: z
      .object({
        currency: z.string(),
        minorDigits: z.number().int(),
        parameters: z.array(z.string()),
        logLikelihood: z.string(),
      })
      .nullable(),
    spendFitCheck: ClvFitCheckView.nullable(),
    validationFitCheck: ClvFitCheckView.nullable().openapi({
      description:
        'The holdout refit: a refit the data do not identify makes its comparison doubtful',
    }),
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

const fitCheckOf = (fit: ModelFit | null | undefined): z.infer<typeof ClvFitCheckView> | null =>
  fit
    ? {
        identifiable: fit.identifiable ?? null,
        notIdentifiableReason: fit.notIdentifiableReason ?? null,
        standardErrors: fit.standardErrors ?? null,
      }
    : null;

/** The spend fit as people read it: γ in major units of the programme currency (money-units.ts). */
const spendOf = (run: StoredClvRun, currency: string) => {
  const fit = run.details.spend;
  if (!run.spendParams || !fit)
    return {
      params: run.spendParams,
      logLikelihood: run.spendLogLikelihood,
      money: null,
      check: null,
    };
  const reported = inMajorUnits(
    { ...fit, params: run.spendParams, logLikelihood: run.spendLogLikelihood ?? fit.logLikelihood },
    { currency, minorDigits: currencyExponent(currency) },
  );
  return {
    params: reported.params,
    logLikelihood: reported.logLikelihood,
    money: reported.money,
    check: fitCheckOf(reported),
  };
};

export const presentClvRun = (run: StoredClvRun, currency: string): z.infer<typeof ClvRunView> => {
  const spend = spendOf(run, currency);
  return {
    id: run.id,
    model: run.transactionModel,
    params: run.transactionParams,
    logLikelihood: run.transactionLogLikelihood,
    fitCheck: fitCheckOf(run.details.transactions) ?? {
      identifiable: null,
      notIdentifiableReason: null,
      standardErrors: null,
    },
    spendParams: spend.params,
    spendLogLikelihood: spend.logLikelihood,
    spendMoney: spend.money,
    spendFitCheck: spend.check,
    validationFitCheck: fitCheckOf(run.details.validation?.fit),
    customers: run.customers,
    repeatBuyers: run.repeatBuyers,
    calibrationEnd: run.calibrationEnd,
    horizonWeeks: run.horizonWeeks,
    annualDiscountRate: run.annualDiscountRate,
    details: run.details,
    durationMs: run.durationMs,
    fittedAt: run.fittedAt.toISOString(),
  };
};

const TopQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(20),
});

const AtRiskQuery = TopQuery.extend({
  maxPAlive: z.coerce
    .number()
    .gt(0)
    .max(1)
    .optional()
    .openapi({
      description: `Strictly below this P(alive). Absent: the ${CLV_AT_RISK_DEFAULT_SHARE * 100} % of repeat buyers with the lowest P(alive) (at or below the cut-off)`,
    }),
});

const AtRiskDefinitionView = z
  .object({
    notion: z.enum(AT_RISK_NOTIONS),
    name: z.string(),
    rule: z.string(),
    explanation: z.string(),
  })
  .openapi('AtRiskDefinition');

const ClvAtRiskView = z
  .object({
    definition: AtRiskDefinitionView,
    maxPAlive: z.number().nullable().openapi({
      description:
        'The threshold applied: as asked, or the default share’s cut-off (null when no customer has a P(alive))',
    }),
    byShare: z
      .boolean()
      .openapi({ description: 'True when maxPAlive is the default share’s cut-off' }),
    total: z.number().int().openapi({ description: 'Customers under the threshold, all pages' }),
    customers: z.array(ValuedCustomerView),
  })
  .openapi('ClvAtRisk');

const AtRiskComparisonView = z
  .object({
    definitions: z.array(
      AtRiskDefinitionView.extend({
        customers: z.number().int().openapi({ description: 'At the last refresh' }),
      }),
    ),
  })
  .openapi('AtRiskComparison');

export const clvRoutes = (clock: Clock) => {
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
      const { programme } = await useCaseDeps(c, clock);
      const [run, distribution, top] = await Promise.all([
        latestClvRun(c.var.readDb),
        clvDistribution(c.var.readDb),
        topCustomersByClv(c.var.readDb, limit),
      ]);
      return c.json(
        {
          run: run ? presentClvRun(run, programme.currency) : null,
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
      responses: { 200: json(ClvAtRiskView, 'Customers at risk'), ...commonErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const list = await customersAtRisk(c.var.readDb, query);
      return c.json(
        {
          ...list,
          definition: clvAtRiskDefinition(query.maxPAlive ?? null),
          customers: list.customers.map(presentCustomer),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/at-risk',
      tags: ['Analytics'],
      summary: 'The three "at risk" figures (RFM segment, lifecycle stage, CLV list) side by side',
      description:
        'Each with its rule and a plain explanation, and how many customers it holds at the last refresh (CLV: its default list).',
      responses: { 200: json(AtRiskComparisonView, 'The three definitions'), ...commonErrors },
    }),
    async (c) => {
      const counts = await atRiskCounts(c.var.readDb);
      const definitions = atRiskDefinitions().map((d) => ({ ...d, customers: counts[d.notion] }));
      return c.json({ definitions }, 200);
    },
  );
  return app;
};
