import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { scoresTrendSvg } from '../../core/feedback/feedback-charts.js';
import { ScoresQuerySchema, scoresReport } from '../../core/feedback/feedback-reports.js';
import { scoresQueries } from '../../app/feedback.js';
import type { AppEnv } from '../context.js';
import { commonErrors, json } from '../openapi.js';
import type { FeedbackContext } from './feedback.context.js';

const Counts = z.object({
  nps: z.object({
    responses: z.number().int(),
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
    score: z.number().nullable(),
  }),
  csat: z.object({
    responses: z.number().int(),
    satisfied: z.number().int(),
    satisfiedPct: z.number().nullable(),
    mean: z.number().nullable(),
  }),
});
const ScoresView = z
  .object({
    granularity: z.string(),
    from: z.string(),
    to: z.string(),
    surveyId: z.string().nullable(),
    periods: z.array(Counts.extend({ start: z.string(), end: z.string() })),
    total: Counts,
  })
  .openapi('FeedbackScores');

const SVG_HEADERS = {
  'content-type': 'image/svg+xml; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

/** NPS and CSAT over time, as JSON or an SVG chart. */
export const scoreRoutes = (ctx: FeedbackContext) => {
  const { feedbackDeps } = ctx;
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/feedback/nps',
      tags: ['Feedback'],
      summary: 'NPS and CSAT per week, month or quarter (programme time zone)',
      request: { query: ScoresQuerySchema },
      responses: { 200: json(ScoresView, 'Per period and in total'), ...commonErrors },
    }),
    async (c) => {
      const d = await feedbackDeps(c);
      return c.json(
        await scoresReport({ ...d, scores: scoresQueries(c.var.readDb) }, c.req.valid('query')),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/feedback/charts/nps.svg',
      tags: ['Feedback'],
      summary: 'NPS and CSAT over time, as an SVG line chart',
      request: { query: ScoresQuerySchema },
      responses: {
        200: { description: 'Line chart', content: { 'image/svg+xml': { schema: z.string() } } },
        ...commonErrors,
      },
    }),
    async (c) => {
      const d = await feedbackDeps(c);
      const report = await scoresReport(
        { ...d, scores: scoresQueries(c.var.readDb) },
        c.req.valid('query'),
      );
      return c.body(scoresTrendSvg(report), 200, SVG_HEADERS);
    },
  );

  return app;
};
