import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  COMPLAINT_STATUSES,
  ComplaintInputSchema,
  ReplyInputSchema,
} from '../../core/feedback/feedback.js';
import { ComplaintStatsQuerySchema, complaintStats } from '../../core/feedback/feedback-reports.js';
import {
  getComplaint,
  openComplaint,
  replyToComplaint,
  setComplaintStatus,
  type ComplaintCase,
} from '../../core/feedback/complaints.service.js';
import type { AppEnv } from '../context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from '../openapi.js';
import { iso } from '../presenters.js';
import type { FeedbackContext } from './feedback.context.js';

const ComplaintIdParam = IdParam('id', 'cmp_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const ComplaintView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    subject: z.string(),
    body: z.string(),
    channel: z.string(),
    status: z.enum(COMPLAINT_STATUSES),
    openedAt: z.string(),
    firstResponseAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    events: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('Complaint');

const presentComplaint = ({ complaint: c, events }: ComplaintCase) => ({
  id: c.id,
  customerId: c.customerId,
  subject: c.subject,
  body: c.body,
  channel: c.channel,
  status: c.status,
  openedAt: c.openedAt.toISOString(),
  firstResponseAt: iso(c.firstResponseAt),
  resolvedAt: iso(c.resolvedAt),
  events: events.map((e) => ({ ...e, at: e.at.toISOString() })),
});

const StatsView = z
  .object({
    from: z.string(),
    to: z.string(),
    targetHours: z.number(),
    cases: z.number().int(),
    answered: z.number().int(),
    resolved: z.number().int(),
    due: z.number().int(),
    answeredWithinTarget: z.number().int(),
    withinTargetPct: z.number().nullable(),
    medianFirstResponseHours: z.number().nullable(),
    medianResolutionHours: z.number().nullable(),
  })
  .openapi('ComplaintStats');

/** Complaint cases, their replies and status, and their response times. */
export const complaintRoutes = (ctx: FeedbackContext) => {
  const { feedbackDeps } = ctx;
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/complaints',
      tags: ['Feedback'],
      summary: 'Open a complaint case',
      request: { headers: IdempotencyHeader, body: jsonBody(ComplaintInputSchema) },
      responses: {
        201: json(ComplaintView, 'Opened'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) =>
      c.json(
        presentComplaint(await openComplaint(await feedbackDeps(c), c.req.valid('json'))),
        201,
      ),
  );

  // Registered before /v1/complaints/{id}, which would otherwise take "stats" for an id.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/complaints/stats',
      tags: ['Feedback'],
      summary:
        'Cases opened in [from, to]: median first-response and resolution times, share within target',
      request: { query: ComplaintStatsQuerySchema },
      responses: { 200: json(StatsView, 'Response times'), ...commonErrors },
    }),
    async (c) => c.json(await complaintStats(await feedbackDeps(c), c.req.valid('query')), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/complaints',
      tags: ['Feedback'],
      summary: 'Complaints, newest first; `total` counts every case that matches the filters',
      request: {
        query: z.object({
          status: z.enum(COMPLAINT_STATUSES).optional(),
          customerId: z.string().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: json(
          z.object({
            complaints: z.array(ComplaintView.omit({ events: true }).openapi('ComplaintSummary')),
            total: z
              .number()
              .int()
              .openapi({ description: 'Cases matching status and customerId, beyond limit too' }),
          }),
          'Newest first',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { complaints, total } = await (
        await feedbackDeps(c)
      ).complaints.list({
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.customerId ? { customerId: q.customerId } : {}),
      });
      return c.json(
        {
          complaints: complaints.map((complaint) => {
            const { events: _events, ...rest } = presentComplaint({ complaint, events: [] });
            return rest;
          }),
          total,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/complaints/{id}',
      tags: ['Feedback'],
      summary: 'A complaint with its whole history',
      request: { params: ComplaintIdParam },
      responses: {
        200: json(ComplaintView, 'The case'),
        ...commonErrors,
        404: problem('No such complaint'),
      },
    }),
    async (c) =>
      c.json(
        presentComplaint(
          await getComplaint(await feedbackDeps(c), c.req.valid('param').id as string),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/complaints/{id}/replies',
      tags: ['Feedback'],
      summary: 'Add a reply; the first staff reply is the case’s first response',
      request: {
        params: ComplaintIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(ReplyInputSchema),
      },
      responses: {
        201: json(ComplaintView, 'The case after the reply'),
        ...commonErrors,
        404: problem('No such complaint'),
      },
    }),
    async (c) => {
      const result = await replyToComplaint(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      return c.json(presentComplaint(result), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/complaints/{id}',
      tags: ['Feedback'],
      summary: 'Set the status: open, answered or resolved',
      request: {
        params: ComplaintIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(z.object({ status: z.enum(COMPLAINT_STATUSES) })),
      },
      responses: {
        200: json(ComplaintView, 'The case'),
        ...commonErrors,
        404: problem('No such complaint'),
      },
    }),
    async (c) => {
      const result = await setComplaintStatus(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        c.req.valid('json').status,
      );
      return c.json(presentComplaint(result), 200);
    },
  );

  return app;
};
