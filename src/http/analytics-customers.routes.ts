import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getCustomer } from '../core/customers/customers.service.js';
import { KpiWindowQuerySchema, programmeKpis, type ProgrammeKpis } from '../core/analytics/kpis.js';
import {
  LIFECYCLE_STAGES,
  LifecycleThresholdsQuerySchema,
  LifecycleThresholdsSchema,
  THRESHOLD_FIELDS,
  anyThresholdGiven,
  lifecycleFunnelOf,
  lifecycleThresholdQueryFields,
  thresholdIssues,
  validThresholds,
} from '../core/analytics/lifecycle.js';
import { RFM_SEGMENTS } from '../core/analytics/rfm-segments.js';
import {
  customerAnalytics,
  decodeAnalyticsCursor,
  encodeAnalyticsCursor,
  listAnalyticsCustomers,
  rfmSummary,
  type AnalyticsDeps,
  type CustomerAnalytics,
} from '../core/analytics/rfm.js';
import type { Clock } from '../core/shared/clock.js';
import { ClvSettingsSchema, type ClvSettings } from '../core/analytics/clv-refresh.js';
import { refreshAllAnalytics } from '../core/analytics/refresh-all.js';
import { clvSource, storedRunOf, customerAnalyticsStore, kpiSource } from '../app/analytics.js';
import { ClvRunView, presentClvRun } from './analytics-clv.routes.js';
import { settleDuePoints } from '../jobs/settle-points.job.js';
import { useCaseDeps, type AppContext, type AppEnv, type UseCaseDeps } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

const int = () => z.number().int();
const share = () => z.number().nullable().openapi({ description: 'Percent, two decimals' });

const Thresholds = z.object({
  newDays: int(),
  activeDays: int(),
  atRiskDays: int(),
  lapsedDays: int(),
});

const Scores = z.object({ r: int(), f: int(), m: int() }).nullable();

const analyticsFields = {
  asOf: z.string().nullable(),
  computedAt: z.string().nullable(),
  firstPurchaseAt: z.string().nullable(),
  lastPurchaseAt: z.string().nullable(),
  recencyDays: int().nullable(),
  frequency: int().nullable().openapi({ description: 'Distinct purchase days' }),
  monetaryMinor: int().nullable().openapi({ description: 'Net revenue in minor units' }),
  scores: Scores,
  segment: z.enum(RFM_SEGMENTS).nullable(),
  lifecycleStage: z.enum(LIFECYCLE_STAGES).nullable(),
  clv: z
    .object({
      modelRunId: z.string(),
      pAlive: z.number(),
      expectedPurchases: z.number(),
      expectedSpendMinor: z.number().nullable(),
      clvMinor: int().nullable(),
      computedAt: z.string().nullable(),
    })
    .nullable()
    .openapi({ description: 'From the last CLV fit; null before one or without purchases' }),
};

const CustomerAnalyticsView = z
  .object({
    customerId: z.string(),
    status: z.enum(['computed', 'not_computed']).openapi({
      description: 'not_computed: the customer was created after the last refresh',
    }),
    currency: z.string(),
    ...analyticsFields,
  })
  .openapi('CustomerAnalytics');

const presentAnalytics = (a: CustomerAnalytics) => ({
  asOf: iso(a.asOf),
  computedAt: iso(a.computedAt),
  firstPurchaseAt: iso(a.firstPurchaseAt),
  lastPurchaseAt: iso(a.lastPurchaseAt),
  recencyDays: a.recencyDays,
  frequency: a.frequency,
  monetaryMinor: a.monetaryMinor,
  scores: a.scores,
  segment: a.segment,
  lifecycleStage: a.lifecycleStage,
  clv: a.clv ? { ...a.clv, computedAt: iso(a.clv.computedAt) } : null,
});

const StageCountView = z.object({
  stage: z.enum(LIFECYCLE_STAGES),
  customers: int(),
  sharePercent: share(),
});

const RfmSummaryView = z
  .object({
    asOf: z.string().nullable(),
    computedAt: z.string().nullable(),
    currency: z.string(),
    customers: int(),
    withPurchases: int(),
    notRefreshed: int().openapi({ description: 'Customers created since the last refresh' }),
    segments: z.array(
      z.object({
        segment: z.enum(RFM_SEGMENTS),
        label: z.string(),
        customers: int(),
        sharePercent: share(),
        avgRecencyDays: z.number().nullable(),
        avgFrequency: z.number().nullable(),
        avgMonetaryMinor: z.number().nullable(),
      }),
    ),
    rfGrid: z.array(z.object({ r: int(), f: int(), customers: int() })),
    lifecycle: z.array(StageCountView),
  })
  .openapi('RfmSummary');

const LifecycleView = z
  .object({
    asOf: z.string().nullable(),
    thresholds: Thresholds.nullable().openapi({
      description: 'The thresholds stages were re-evaluated with; null: as stored by the refresh',
    }),
    customers: int(),
    stages: z.array(StageCountView),
  })
  .openapi('LifecycleFunnel');

const AnalyticsPageView = z
  .object({
    customers: z.array(
      z.object({
        customerId: z.string(),
        email: z.string().nullable(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        ...analyticsFields,
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('AnalyticsCustomerPage');

const ListQuery = z
  .object({
    segment: z.enum(RFM_SEGMENTS).optional(),
    stage: z.enum(LIFECYCLE_STAGES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z
      .string()
      .max(200)
      .refine((c) => decodeAnalyticsCursor(c) !== null, 'not a cursor this endpoint returned')
      .optional(),
    ...lifecycleThresholdQueryFields(),
  })
  .superRefine((q, ctx) => {
    if ((q.segment === undefined) === (q.stage === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['segment'], message: 'give either segment or stage' });
    }
    if (q.segment !== undefined && anyThresholdGiven(q)) {
      const field = THRESHOLD_FIELDS.find((f) => q[f] !== undefined)!;
      ctx.addIssue({ code: 'custom', path: [field], message: 'thresholds apply to stage only' });
    }
    for (const issue of thresholdIssues(q)) {
      ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    }
  });

const RefreshBody = z
  .object({
    asOf: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: 'The instant to compute as of; default now' }),
    thresholds: LifecycleThresholdsSchema.optional(),
    clv: ClvSettingsSchema.partial()
      .extend({
        enabled: z
          .boolean()
          .optional()
          .openapi({ description: 'false refreshes RFM and lifecycle only (default true)' }),
      })
      .optional()
      .openapi({ description: 'CLV model settings; defaults: bgnbd, 52 weeks, 10%/year' }),
  })
  .openapi('AnalyticsRefresh');

const RefreshView = z
  .object({
    asOf: z.string(),
    thresholds: Thresholds,
    customers: int(),
    withPurchases: int(),
    durationMs: int(),
    clv: z.object({
      status: z.enum(['fitted', 'not_fitted', 'skipped']),
      reason: z.string().nullable(),
      run: ClvRunView.nullable(),
    }),
  })
  .openapi('AnalyticsRefreshResult');

const KpiView = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    currency: z.string(),
    windowStart: z.string(),
    windowEnd: z.string(),
    members: int(),
    membersAtStart: int(),
    newMembers: int(),
    enrolmentRatePercent: share(),
    buyers: int(),
    activeMembers: int(),
    points: z.object({
      issued: z
        .object({
          byLedgerDate: int().openapi({
            description:
              'Earn entries by the day they took effect in the ledger: a live order when recorded (pending), an order recorded after its return window (imports) when the window ended. netIssued and the rates use this.',
          }),
          byOrderDate: int().openapi({
            description:
              'Earn entries of orders placed in the window (programme time zone), pending ones included; awards without an order by their date',
          }),
          byOrderDatePending: int().openapi({
            description: 'Of byOrderDate, the points still pending now (return window open)',
          }),
        })
        .openapi('IssuedPoints'),
      reversedByReturns: int(),
      netIssued: int().openapi({ description: 'issued.byLedgerDate − reversedByReturns' }),
      redeemed: int(),
      expired: int(),
      adjustedCredit: int(),
      adjustedDebit: int(),
      redemptionRatePercent: share().openapi({
        description: 'Percent, two decimals: redeemed / issued.byLedgerDate × 100',
      }),
      breakagePercent: share().openapi({
        description: 'Percent, two decimals: expired / issued.byLedgerDate × 100',
      }),
    }),
    balances: z.object({
      at: z.string(),
      outstandingPoints: int(),
      outstandingValueMinor: int(),
      pendingPoints: int(),
      pendingValueMinor: int(),
      pointValueMilliMinor: int(),
    }),
  })
  .openapi('ProgrammeKpis');

const presentKpis = (k: ProgrammeKpis): z.infer<typeof KpiView> => ({
  ...k,
  windowStart: k.windowStart.toISOString(),
  windowEnd: k.windowEnd.toISOString(),
  balances: { ...k.balances, at: k.balances.at.toISOString() },
});

const analyticsDeps = async (
  c: AppContext,
  clock: Clock,
): Promise<UseCaseDeps & AnalyticsDeps> => ({
  ...(await useCaseDeps(c, clock)),
  analytics: customerAnalyticsStore(c.var.db),
});

/** The same, reading the stored analytics from the read replica (reports that may lag a moment). */
const reportDeps = async (c: AppContext, clock: Clock): Promise<UseCaseDeps & AnalyticsDeps> => ({
  ...(await useCaseDeps(c, clock)),
  analytics: customerAnalyticsStore(c.var.readDb),
});

const clvRequest = ({
  enabled,
  ...settings
}: { enabled?: boolean | undefined } & Partial<ClvSettings>) =>
  enabled === false ? (false as const) : settings;

const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const TAGS = ['Analytics'];

/** RFM, lifecycle and programme KPIs (admin only). Mount with `app.route('/', …)`. */
export const analyticsCustomerRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/analytics/refresh',
      tags: TAGS,
      summary: 'Recompute RFM, lifecycle stages and CLV of every customer',
      description:
        'RFM and lifecycle in one SQL statement over all customers (prospects included), then the CLV models fitted on every buyer’s history, synchronously. Thresholds default to 30/90/180/365 days and must increase. A CLV model that cannot be fitted leaves `clv.status` = not_fitted with the reason.',
      request: {
        headers: IdempotencyHeader,
        body: { ...jsonBody(RefreshBody), required: false },
      },
      responses: {
        200: json(RefreshView, 'Refreshed'),
        ...commonErrors,
        422: problem('asOf in the future'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') ?? {};
      const deps = await analyticsDeps(c, clock);
      const result = await refreshAllAnalytics(
        { ...deps, clv: clvSource(c.var.db, deps.programme) },
        {
          ...(body.asOf ? { asOf: new Date(body.asOf) } : {}),
          thresholds: body.thresholds ?? {},
          ...(body.clv ? { clv: clvRequest(body.clv) } : {}),
        },
      );
      return c.json(
        {
          ...result,
          asOf: result.asOf.toISOString(),
          clv: {
            ...result.clv,
            run: result.clv.run
              ? presentClvRun(storedRunOf(result.clv.run), deps.programme.currency)
              : null,
          },
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/rfm',
      tags: TAGS,
      summary: 'RFM segments with sizes and averages, the R × F grid and the lifecycle funnel',
      responses: { 200: json(RfmSummaryView, 'As of the last refresh'), ...commonErrors },
    }),
    async (c) => {
      const s = await rfmSummary(await reportDeps(c, clock));
      return c.json({ ...s, asOf: iso(s.asOf), computedAt: iso(s.computedAt) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/rfm/customers',
      tags: TAGS,
      summary: 'Customers of one segment or lifecycle stage, biggest spenders first',
      request: { query: ListQuery },
      responses: { 200: json(AnalyticsPageView, 'A page of customers'), ...commonErrors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const filter = q.segment
        ? { segment: q.segment }
        : { stage: q.stage!, thresholds: anyThresholdGiven(q) ? validThresholds(q) : null };
      const page = await listAnalyticsCustomers(await reportDeps(c, clock), {
        filter,
        limit: q.limit,
        cursor: q.cursor ? decodeAnalyticsCursor(q.cursor) : null,
      });
      return c.json(
        {
          customers: page.customers.map((a) => ({
            customerId: a.customerId,
            email: a.email,
            firstName: a.firstName,
            lastName: a.lastName,
            ...presentAnalytics(a),
          })),
          nextCursor: page.nextCursor ? encodeAnalyticsCursor(page.nextCursor) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/lifecycle',
      tags: TAGS,
      summary: 'Lifecycle funnel: prospects, new, active, at risk, lapsed, lost',
      description:
        'Without thresholds, the stages stored by the last refresh; with any of newDays, activeDays, atRiskDays, lapsedDays, the stages re-evaluated from the stored day counts.',
      request: { query: LifecycleThresholdsQuerySchema },
      responses: { 200: json(LifecycleView, 'The funnel'), ...commonErrors },
    }),
    async (c) => {
      const f = await lifecycleFunnelOf(await reportDeps(c, clock), c.req.valid('query'));
      return c.json({ ...f, asOf: iso(f.asOf) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/kpis',
      tags: TAGS,
      summary: 'Programme KPIs of a window of days: members, buyers, points issued and spent',
      description:
        'from and to are inclusive calendar dates in the programme time zone (default: the last 30 days). Due points are settled first, so expiries are counted.',
      request: { query: KpiWindowQuerySchema },
      responses: { 200: json(KpiView, 'The KPIs'), ...commonErrors },
    }),
    async (c) => {
      const settled = await settleDuePoints(c.var.db, clock);
      // What this request just settled is on the primary at once, on the replica only after
      // replay: read it where it was written, else from the replica.
      const source = settled.movements > 0 ? c.var.db : c.var.readDb;
      const deps = await useCaseDeps(c, clock);
      const kpis = await programmeKpis(
        { kpis: kpiSource(source), clock, programme: deps.programme },
        c.req.valid('query'),
      );
      return c.json(presentKpis(kpis), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/analytics',
      tags: TAGS,
      summary: 'A customer’s stored RFM scores, segment and lifecycle stage (customer 360)',
      request: { params: CustomerIdParam },
      responses: {
        200: json(CustomerAnalyticsView, 'As of the last refresh'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await analyticsDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const row = await customerAnalytics(deps, customer.id);
      const base = { customerId: customer.id, currency: deps.programme.currency };
      // Rows are created by the refresh; a row it never computed (rfm_computed_at null) is not computed.
      if (row?.computedAt)
        return c.json({ ...base, status: 'computed' as const, ...presentAnalytics(row) }, 200);
      const nulls = Object.fromEntries(Object.keys(analyticsFields).map((k) => [k, null]));
      return c.json(
        {
          ...base,
          status: 'not_computed' as const,
          ...(nulls as Record<keyof typeof analyticsFields, null>),
        },
        200,
      );
    },
  );

  return app;
};
