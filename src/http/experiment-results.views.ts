import { z } from '@hono/zod-openapi';

/** The OpenAPI shapes of an experiment's results and power estimate (src/core/experiments). */

const Interval = z.object({ lower: z.number(), upper: z.number() });
const MetricName = z.enum([
  'orders',
  'netRevenue',
  'pointsIssued',
  'pointsCost',
  'profit',
  'converted',
  'churned',
  'unsubscribed',
  'complained',
]);

const Comparison = z
  .object({
    metric: MetricName,
    kind: z.enum(['mean', 'proportion']),
    method: z.enum(['fixedHorizon', 'alwaysValid', 'classic']),
    difference: z.number().openapi({ description: 'treatment − control, per customer' }),
    interval: Interval.openapi({ description: '95% interval of the difference' }),
    relativeLift: z.number().nullable(),
    relativeLiftInterval: Interval.nullable(),
    pValue: z.number(),
    significant: z.boolean().openapi({ description: 'The interval excludes 0' }),
  })
  .openapi('ExperimentComparison');

const Skipped = z
  .object({ metric: MetricName, skipped: z.string() })
  .openapi('ExperimentComparisonSkipped');

const CupedComparison = Comparison.extend({
  varianceReduction: z.number().openapi({ description: '1 − Var(adjusted)/Var(raw), pooled' }),
  theta: z.number(),
});

const MeanFigure = z.object({ mean: z.number(), variance: z.number() });
const RateFigure = z.object({
  count: z.number().int(),
  n: z.number().int(),
  rate: z.number().nullable(),
});

const ArmFigures = z
  .object({
    n: z.number().int(),
    means: z.object({
      orders: MeanFigure,
      netRevenue: MeanFigure,
      pointsIssued: MeanFigure,
      pointsCost: MeanFigure,
      profit: MeanFigure,
    }),
    rates: z.object({
      converted: RateFigure,
      churned: RateFigure,
      unsubscribed: RateFigure,
      complained: RateFigure,
    }),
  })
  .openapi('ExperimentArmFigures');

const Incremental = z.object({ total: z.number(), interval: Interval });

const CohortComparison = z
  .object({
    cohort: z.enum(['fixed', 'toDate']),
    method: z.enum(['fixedHorizon', 'alwaysValid']),
    treatment: ArmFigures,
    control: ArmFigures,
    metrics: z.array(z.union([Comparison, Skipped])),
    cuped: z.object({
      netRevenue: z.union([CupedComparison, Skipped]).optional(),
      orders: z.union([CupedComparison, Skipped]).optional(),
      profit: z.union([CupedComparison, Skipped]).optional(),
    }),
    incremental: z.object({
      orders: Incremental.optional(),
      netRevenue: Incremental.optional(),
      profit: Incremental.optional(),
    }),
  })
  .openapi('ExperimentCohortComparison');

export const ExperimentResultsView = z
  .object({
    experiment: z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      status: z.enum(['draft', 'running', 'stopped']),
    }),
    asOf: z.string(),
    currency: z.string(),
    metrics: z.object({
      horizonDays: z.number().int(),
      churnDays: z.number().int(),
      preDays: z.number().int(),
    }),
    arms: z.array(
      z.object({
        variant: z.string(),
        name: z.string(),
        control: z.boolean(),
        weight: z.number(),
        exposed: z.number().int(),
        horizonComplete: z.number().int(),
      }),
    ),
    sampleRatio: z.object({
      chiSquare: z.number(),
      degreesOfFreedom: z.number().int(),
      pValue: z.number(),
      mismatch: z.boolean(),
      expected: z.array(z.number()),
      blocking: z.boolean(),
    }),
    comparisons: z.array(
      z.object({ variant: z.string(), fixed: CohortComparison, toDate: CohortComparison }),
    ),
    guardrails: z.array(
      z.object({
        variant: z.string(),
        metric: z.enum(['unsubscribed', 'complained']),
        cohort: z.enum(['fixed', 'toDate']),
        flagged: z.boolean(),
        comparison: z.union([Comparison, Skipped]),
      }),
    ),
    heterogeneity: z.object({
      exploratory: z.literal(true),
      cohort: z.enum(['fixed', 'toDate']),
      groups: z.array(
        z.object({
          dimension: z.enum(['rfmSegment', 'lifecycleStage']),
          value: z.string(),
          variant: z.string(),
          n: z.object({ treatment: z.number().int(), control: z.number().int() }),
          converted: Comparison.nullable(),
          netRevenue: Comparison.nullable(),
        }),
      ),
    }),
    summary: z.array(z.object({ variant: z.string(), sentence: z.string() })),
    warnings: z.array(z.string()),
  })
  .openapi('ExperimentResults');

const Detectable = z.union([
  z.object({ absolute: z.number(), relative: z.number().nullable() }),
  z.object({ unavailable: z.string() }),
]);

export const PowerPlanView = z
  .object({
    baseline: z.object({
      customers: z.number().int(),
      convertedRate: z.number(),
      netRevenueMean: z.number(),
      netRevenueStandardDeviation: z.number(),
      newEntrantsPerDay: z.number(),
      windowDays: z.number().int(),
    }),
    alpha: z.number(),
    power: z.number(),
    smallestArmShare: z.number(),
    durationDays: z.number().int(),
    customersPerArm: z.number().int(),
    minimumDetectableEffect: z.object({ converted: Detectable, netRevenue: Detectable }),
    effect: z
      .object({
        metric: z.enum(['converted', 'netRevenue']),
        relative: z.number(),
        absolute: z.number(),
        customersPerArm: z.number().int(),
        entryDays: z.number().int().nullable(),
        daysToResult: z.number().int().nullable(),
        note: z.string(),
      })
      .nullable(),
  })
  .openapi('ExperimentPowerPlan');

export const PowerBody = z
  .object({
    population: z
      .object({
        segmentId: z.string().min(1).max(100).nullable().default(null),
        entry: z.enum(['fixed', 'open']).default('fixed'),
      })
      .strict()
      .default({ segmentId: null, entry: 'fixed' }),
    variants: z
      .array(
        z
          .object({
            key: z.string().min(1).max(64),
            weight: z.number().positive().max(1_000_000),
            control: z.boolean().default(false),
          })
          .passthrough(),
      )
      .min(2)
      .max(20),
    metrics: z
      .object({ horizonDays: z.number().int().min(1).max(730).default(60) })
      .passthrough()
      .default({ horizonDays: 60 }),
    durationDays: z.number().int().min(1).max(730).optional(),
    effect: z
      .object({
        metric: z.enum(['converted', 'netRevenue']),
        relative: z
          .number()
          .min(-0.99)
          .max(10)
          .refine((v) => v !== 0, 'must not be 0'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('ExperimentPowerRequest');
