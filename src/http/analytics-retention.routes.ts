import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { campaignEffectFromQuery } from '../core/analytics/campaign-effect.js';
import { cohortReport } from '../core/analytics/cohorts.js';
import {
  CampaignEffectQuerySchema,
  CohortQuerySchema,
  RetentionQuerySchema,
  segmentRefToString,
  type AnalyticsFilter,
} from '../core/analytics/periods.js';
import { retentionReport } from '../core/analytics/retention.js';
import type { Clock } from '../core/shared/clock.js';
import { campaignEffectQueries, cohortQueries, retentionQueries } from '../app/analytics.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { commonErrors, json, problem } from './openapi.js';

const int = () => z.number().int();
const pct = () => z.number().nullable().openapi({ description: 'Percent (0–100), unrounded' });
const minor = () => int().openapi({ description: 'Minor units of the programme currency' });
const day = () => z.string().openapi({ example: '2026-04-01' });

const FilterView = z.object({
  channel: z.string().optional(),
  store: z.string().optional(),
  segment: z.string().optional(),
});

const presentFilter = (f: AnalyticsFilter): z.infer<typeof FilterView> => ({
  ...(f.channel ? { channel: f.channel } : {}),
  ...(f.storeId ? { store: f.storeId } : {}),
  ...(f.segment ? { segment: segmentRefToString(f.segment) } : {}),
});

const Split = (unit: () => z.ZodNumber) =>
  z.object({ total: unit(), new: unit(), returning: unit() });

const RetentionView = z
  .object({
    granularity: z.enum(['week', 'month', 'quarter']),
    from: day(),
    to: day(),
    activeDays: int().openapi({ description: 'The active window used (= activeWindow.days)' }),
    activeWindow: z
      .object({
        days: int(),
        source: z.enum(['derived', 'requested']).openapi({
          description: 'requested: activeDays was given; derived: from the gaps (the default)',
        }),
        percentile: int(),
        gaps: int().openapi({
          description: 'Gaps between consecutive purchase days of a customer, up to the end',
        }),
        gapDays: int()
          .nullable()
          .openapi({ description: 'That percentile of the gaps; null: none' }),
        derivedDays: int().openapi({
          description:
            'gapDays rounded up to 30, 60, 90, 180 or 365 (then whole years); 365 without gaps',
        }),
      })
      .openapi('ActiveWindow'),
    observedUntil: day().nullable().openapi({ description: 'Exclusive; null: no orders' }),
    currency: z.string(),
    timeZone: z.string(),
    filter: FilterView,
    periods: z.array(
      z.object({
        start: day(),
        end: day().openapi({ description: 'Exclusive' }),
        customers: z.object({
          atStart: int().openapi({ description: 'S: active base at the start' }),
          atEnd: int().openapi({ description: 'E: active base at the end' }),
          new: int().openapi({ description: 'N: first purchase ever in the period' }),
          retained: int().openapi({ description: 'R: in S and in E' }),
          churned: int().openapi({ description: 'In S, not in E' }),
          reactivated: int().openapi({ description: 'In E, not in S, not new' }),
        }),
        retentionRatePct: pct().openapi({ description: 'CRR = R / S × 100' }),
        churnRatePct: pct().openapi({ description: 'churned / S × 100 = 100 − CRR' }),
        buyers: Split(int),
        orders: Split(int),
        revenueMinor: Split(minor),
        repeatBuyers: int(),
        repeatPurchaseRatePct: pct(),
        purchaseFrequency: z.number().nullable().openapi({ description: 'Orders per buyer' }),
        averageOrderValueMinor: int()
          .nullable()
          .openapi({ description: 'Rounded half away from zero' }),
        daysBetweenPurchases: z.object({
          intervals: int(),
          mean: z.number().nullable(),
          median: z.number().nullable(),
        }),
        partial: z.boolean().openapi({
          description: 'The data ends before the period does: incomplete, left out of trends',
        }),
      }),
    ),
  })
  .openapi('RetentionReport');

const CohortCellView = z.object({
  offset: int(),
  start: day(),
  end: day(),
  customers: int().nullable().openapi({ description: 'null: not observed yet' }),
  retentionPct: pct(),
  revenueMinor: int().nullable(),
  partial: z.boolean().openapi({ description: 'The data ends inside this period' }),
});

const CohortsView = z
  .object({
    granularity: z.enum(['week', 'month', 'quarter']),
    from: day(),
    to: day(),
    currency: z.string(),
    timeZone: z.string(),
    filter: FilterView,
    observedUntil: day().nullable().openapi({ description: 'Exclusive; null: no orders' }),
    offsets: int(),
    cohorts: z.array(
      z.object({ start: day(), end: day(), customers: int(), cells: z.array(CohortCellView) }),
    ),
    curves: z.array(
      z.object({
        start: day(),
        points: z.array(z.object({ offset: int(), retentionPct: pct(), partial: z.boolean() })),
      }),
    ),
    average: z.array(
      z.object({ offset: int(), retentionPct: pct(), cohorts: int(), customers: int() }),
    ),
  })
  .openapi('CohortReport');

const Group = z.object({
  buyers: int(),
  orders: int(),
  revenueMinor: minor(),
  averageOrderValueMinor: int().nullable(),
});
const WindowView = z.object({
  from: day(),
  to: day(),
  all: Group,
  new: Group,
  returning: Group,
});
const ChangeView = z.object({ absolute: z.number().nullable(), percent: z.number().nullable() });
const GroupChange = z.object({
  buyers: ChangeView,
  orders: ChangeView,
  revenueMinor: ChangeView,
  averageOrderValueMinor: ChangeView,
});

const CampaignEffectView = z
  .object({
    currency: z.string(),
    timeZone: z.string(),
    filter: FilterView,
    days: int(),
    current: WindowView,
    baseline: WindowView.openapi({ description: 'The window of equal length just before' }),
    change: z.object({ all: GroupChange, new: GroupChange, returning: GroupChange }),
  })
  .openapi('CampaignEffect');

const TAGS = ['Analytics'];
const rangeErrors = { 422: problem('from after to, or a range too long') };

/** Retention metrics, cohorts and campaign effect (admin only). Mount with `app.route('/', …)`. */
export const analyticsRetentionRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/retention',
      tags: TAGS,
      summary: 'CRR, churn, repeat rate, frequency, order value, time between purchases',
      description:
        'Per calendar period (programme time zone) overlapping [from, to]; definitions in docs/analytics.md.',
      request: { query: RetentionQuerySchema },
      responses: {
        200: json(RetentionView, 'One entry per period'),
        ...commonErrors,
        ...rangeErrors,
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const report = await retentionReport(
        { retention: retentionQueries(c.var.readDb), programme: deps.programme, clock },
        c.req.valid('query'),
      );
      return c.json({ ...report, filter: presentFilter(report.filter) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/cohorts',
      tags: TAGS,
      summary: 'Acquisition cohorts: retention and revenue k periods after the first purchase',
      description: 'Cells not observed yet are null, never 0.',
      request: { query: CohortQuerySchema },
      responses: { 200: json(CohortsView, 'The cohort matrix'), ...commonErrors, ...rangeErrors },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const report = await cohortReport(
        { cohorts: cohortQueries(c.var.readDb), programme: deps.programme, clock },
        c.req.valid('query'),
      );
      return c.json({ ...report, filter: presentFilter(report.filter) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/campaign-effect',
      tags: TAGS,
      summary: 'New and returning buyers in a date window against the window before it',
      request: { query: CampaignEffectQuerySchema },
      responses: {
        200: json(CampaignEffectView, 'Both windows and the change'),
        ...commonErrors,
        ...rangeErrors,
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const report = await campaignEffectFromQuery(
        { campaignEffect: campaignEffectQueries(c.var.readDb), programme: deps.programme },
        c.req.valid('query'),
      );
      return c.json({ ...report, filter: presentFilter(report.filter) }, 200);
    },
  );
  return app;
};
