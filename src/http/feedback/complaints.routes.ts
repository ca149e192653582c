import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { complaintSla } from '../../core/feedback/complaint-sla.js';
import {
  AssignInputSchema,
  COMPLAINT_STATUSES,
  ComplaintInputSchema,
  ReplyInputSchema,
  ResolveInputSchema,
  DEFAULT_FIRST_RESPONSE_TARGET_HOURS,
  TargetHoursSchema,
  type Complaint,
} from '../../core/feedback/feedback.js';
import { ComplaintStatsQuerySchema, complaintStats } from '../../core/feedback/feedback-reports.js';
import {
  assignComplaint,
  getComplaint,
  openComplaint,
  reopenComplaint,
  replyToComplaint,
  resolveComplaint,
  setComplaintStatus,
  type ComplaintCase,
} from '../../core/feedback/complaints.service.js';
import type { AppEnv } from '../context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from '../openapi.js';
import { iso } from '../presenters.js';
import type { FeedbackContext } from './feedback.context.js';

const ComplaintIdParam = IdParam('id', 'cmp_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const SlaView = z
  .object({
    targetHours: z.number(),
    dueAt: z.string().openapi({ description: 'When the first staff reply is due' }),
    state: z.enum(['running', 'overdue', 'met', 'missed']).openapi({
      description:
        'running/overdue: no staff reply yet, due in the future/past; met/missed: the clock stopped (first staff reply, else resolution) on time/late',
    }),
    stoppedAt: z.string().nullable(),
  })
  .openapi('ComplaintSla');

const ComplaintSummaryView = z
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
    assigneeId: z.string().nullable(),
    resolutionNote: z.string().nullable(),
    dueAt: z.string().openapi({ description: 'When the first staff reply is due (sla.dueAt)' }),
    sla: SlaView,
  })
  .openapi('ComplaintSummary');

const ComplaintView = ComplaintSummaryView.extend({
  events: z.array(z.record(z.string(), z.unknown())),
}).openapi('Complaint');

/** The SLA target of a read: `?targetHours=` (24 unless given), as the stats report takes it. */
const TargetQuery = z.object({ targetHours: TargetHoursSchema });

const presentSummary = (c: Complaint, targetHours: number, now: Date) => {
  const sla = complaintSla(c, targetHours, now);
  return {
    id: c.id,
    customerId: c.customerId,
    subject: c.subject,
    body: c.body,
    channel: c.channel,
    status: c.status,
    openedAt: c.openedAt.toISOString(),
    firstResponseAt: iso(c.firstResponseAt),
    resolvedAt: iso(c.resolvedAt),
    assigneeId: c.assigneeId,
    resolutionNote: c.resolutionNote,
    dueAt: sla.dueAt.toISOString(),
    sla: { ...sla, dueAt: sla.dueAt.toISOString(), stoppedAt: iso(sla.stoppedAt) },
  };
};

const presentComplaint = (
  { complaint, events }: ComplaintCase,
  now: Date,
  targetHours: number = DEFAULT_FIRST_RESPONSE_TARGET_HOURS,
) => ({
  ...presentSummary(complaint, targetHours, now),
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
  const { feedbackDeps, clock } = ctx;
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
        presentComplaint(
          await openComplaint(await feedbackDeps(c), c.req.valid('json')),
          clock.now(),
        ),
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
        query: TargetQuery.extend({
          status: z.enum(COMPLAINT_STATUSES).optional(),
          customerId: z.string().min(1).max(100).optional(),
          assigneeId: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .openapi({ description: 'A user id, or `none` for the cases nobody has taken yet' }),
          overdue: z
            .enum(['true', 'false'])
            .optional()
            .openapi({ description: 'true: only cases unanswered past their due time' }),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      responses: {
        200: json(
          z.object({
            complaints: z.array(ComplaintSummaryView),
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
      const now = clock.now();
      const { complaints, total } = await (
        await feedbackDeps(c)
      ).complaints.list({
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.customerId ? { customerId: q.customerId } : {}),
        ...(q.assigneeId ? { assigneeId: q.assigneeId === 'none' ? null : q.assigneeId } : {}),
        ...(q.overdue === 'true' ? { overdue: { now, targetHours: q.targetHours } } : {}),
      });
      return c.json(
        { complaints: complaints.map((x) => presentSummary(x, q.targetHours, now)), total },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/complaints/{id}',
      tags: ['Feedback'],
      summary: 'A complaint with its whole history and its SLA clock',
      request: { params: ComplaintIdParam, query: TargetQuery },
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
          clock.now(),
          c.req.valid('query').targetHours,
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
      return c.json(presentComplaint(result, clock.now()), 201);
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
      return c.json(presentComplaint(result, clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/complaints/{id}/assignee',
      tags: ['Feedback'],
      summary: 'Give the case to an active dashboard user (GET /v1/users), or to nobody (null)',
      request: {
        params: ComplaintIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(AssignInputSchema),
      },
      responses: {
        200: json(ComplaintView, 'The case'),
        ...commonErrors,
        404: problem('No such complaint'),
      },
    }),
    async (c) => {
      const result = await assignComplaint(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      return c.json(presentComplaint(result, clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/complaints/{id}/resolve',
      tags: ['Feedback'],
      summary: 'Resolve the case with a note saying how',
      request: {
        params: ComplaintIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(ResolveInputSchema),
      },
      responses: {
        200: json(ComplaintView, 'Resolved'),
        ...commonErrors,
        404: problem('No such complaint'),
        409: problem('Resolved already'),
      },
    }),
    async (c) => {
      const result = await resolveComplaint(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      return c.json(presentComplaint(result, clock.now()), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/complaints/{id}/reopen',
      tags: ['Feedback'],
      summary: 'Reopen a resolved case: answered if staff had replied, else open',
      request: { params: ComplaintIdParam, headers: IdempotencyHeader },
      responses: {
        200: json(ComplaintView, 'Reopened'),
        ...commonErrors,
        404: problem('No such complaint'),
        409: problem('The case is not resolved'),
      },
    }),
    async (c) => {
      const result = await reopenComplaint(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
      );
      return c.json(presentComplaint(result, clock.now()), 200);
    },
  );

  return app;
};
