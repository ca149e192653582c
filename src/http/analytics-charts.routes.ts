import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { cohortReport } from '../core/analytics/cohorts.js';
import type { Kysely } from 'kysely';
import type { DB } from '../app/database.js';
import {
  latestClvRun,
  cohortQueries,
  customerAnalyticsStore,
  retentionQueries,
} from '../app/analytics.js';
import { CohortQuerySchema, RetentionQuerySchema } from '../core/analytics/periods.js';
import {
  cohortHeatMapSvg,
  holdoutValidationSvg,
  retentionCurvesSvg,
  retentionTrendSvg,
  rfmSegmentsSvg,
  trackingCurveSvg,
} from '../core/analytics/report-charts.js';
import { retentionReport } from '../core/analytics/retention.js';
import { rfmSummary } from '../core/analytics/rfm.js';
import type { Clock } from '../core/shared/clock.js';
import { DomainError } from '../core/shared/errors.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { commonErrors, problem } from './openapi.js';

const svg = (description: string) => ({
  description,
  content: { 'image/svg+xml': { schema: z.string() } },
});

const SVG_HEADERS = {
  'content-type': 'image/svg+xml; charset=utf-8',
  // Labels are escaped, but a picture served from the API should never run anything either.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

const CohortChartQuery = CohortQuerySchema.extend({
  metric: z.enum(['retention', 'revenue']).default('retention'),
});

const RetentionChartQuery = RetentionQuerySchema.extend({
  includePartial: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'Also draw periods the data ends inside of' }),
});

const TAGS = ['Analytics charts'];

/**
 * The analytics reports as SVG pictures, for a dashboard, an e-mail or a slide: the same
 * queries as the JSON endpoints, drawn by src/core/analytics/report-charts.ts.
 */
export const analyticsChartRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/charts/cohorts.svg',
      tags: TAGS,
      summary: 'Cohort heat map (retention % or revenue)',
      request: { query: CohortChartQuery },
      responses: { 200: svg('Heat map'), ...commonErrors },
    }),
    async (c) => {
      const { metric, ...query } = c.req.valid('query');
      const deps = await useCaseDeps(c, clock);
      const report = await cohortReport(
        { cohorts: cohortQueries(c.var.readDb), programme: deps.programme, clock },
        query,
      );
      return c.body(cohortHeatMapSvg(report, metric), 200, SVG_HEADERS);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/charts/retention-curves.svg',
      tags: TAGS,
      summary: 'Retention curve of each acquisition cohort and of all together',
      request: { query: CohortQuerySchema },
      responses: { 200: svg('Line chart'), ...commonErrors },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const report = await cohortReport(
        { cohorts: cohortQueries(c.var.readDb), programme: deps.programme, clock },
        c.req.valid('query'),
      );
      return c.body(retentionCurvesSvg(report), 200, SVG_HEADERS);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/charts/retention.svg',
      tags: TAGS,
      summary: 'CRR and repeat-purchase rate per fully observed period',
      request: { query: RetentionChartQuery },
      responses: { 200: svg('Line chart'), ...commonErrors },
    }),
    async (c) => {
      const { includePartial, ...query } = c.req.valid('query');
      const deps = await useCaseDeps(c, clock);
      const report = await retentionReport(
        { retention: retentionQueries(c.var.readDb), programme: deps.programme, clock },
        query,
      );
      return c.body(
        retentionTrendSvg(report, { includePartial: includePartial === 'true' }),
        200,
        SVG_HEADERS,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/charts/rfm.svg',
      tags: TAGS,
      summary: 'Customers per RFM segment, as of the last refresh',
      responses: { 200: svg('Bar chart'), ...commonErrors },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const summary = await rfmSummary({
        ...deps,
        analytics: customerAnalyticsStore(c.var.readDb),
      });
      return c.body(rfmSegmentsSvg(summary), 200, SVG_HEADERS);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/charts/clv-validation.svg',
      tags: TAGS,
      summary: 'The last CLV fit’s holdout check: expected vs actual repeat purchases',
      responses: {
        200: svg('Bar chart'),
        ...commonErrors,
        409: problem('No CLV fit with a validation report yet'),
      },
    }),
    async (c) => {
      const validation = await storedValidation(c.var.readDb);
      const label = `${validation.calibrationEnd} to ${validation.holdoutEnd}`;
      return c.body(holdoutValidationSvg(validation.report, label), 200, SVG_HEADERS);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/analytics/charts/clv-tracking.svg',
      tags: TAGS,
      summary: 'The last CLV fit’s tracking curve: cumulative repeat purchases, actual vs model',
      responses: {
        200: svg('Line chart'),
        ...commonErrors,
        409: problem('No CLV fit with a validation report yet'),
      },
    }),
    async (c) => {
      const validation = await storedValidation(c.var.readDb);
      return c.body(
        trackingCurveSvg(validation.tracking, validation.calibrationEnd),
        200,
        SVG_HEADERS,
      );
    },
  );
  return app;
};

const storedValidation = async (db: Kysely<DB>) => {
  const run = await latestClvRun(db);
  const validation = run?.details.validation;
  if (!validation) {
    throw new DomainError(
      'conflict',
      'no_clv_validation',
      'No CLV fit with a validation report yet: run POST /v1/analytics/refresh with clv.holdoutWeeks > 0',
    );
  }
  return validation;
};
