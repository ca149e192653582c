import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { cardSecretCache } from '../core/cards/card-secret.js';
import {
  AnswersSchema,
  COMPLAINT_STATUSES,
  ComplaintInputSchema,
  ReplyInputSchema,
  ReviewInputSchema,
  SURVEY_STATUSES,
  SurveyInputSchema,
  SurveyPatchSchema,
  type Survey,
  type SurveyResponse,
  type SurveyWithResponses,
} from '../core/feedback/feedback.js';
import { scoresTrendSvg } from '../core/feedback/feedback-charts.js';
import {
  ComplaintStatsQuerySchema,
  ScoresQuerySchema,
  complaintStats,
  scoresReport,
} from '../core/feedback/feedback-reports.js';
import {
  getComplaint,
  openComplaint,
  replyToComplaint,
  setComplaintStatus,
  type ComplaintCase,
} from '../core/feedback/complaints.service.js';
import { submitReview } from '../core/feedback/reviews.service.js';
import { answersFromForm } from '../core/feedback/survey-answers.js';
import { renderSurveyForm } from '../core/feedback/survey-form.js';
import { surveyLinkKey } from '../core/feedback/survey-token.js';
import {
  answerSurvey,
  createSurvey,
  getSurveyWithResponses,
  listSurveys,
  openSurveyLink,
  surveyLink,
  updateSurvey,
  type AnswerResult,
} from '../core/feedback/surveys.service.js';
import { isDomainError } from '../core/shared/errors.js';
import { cardSecretStore } from '../db/cards.repository.js';
import { complaintRepository } from '../db/feedback/complaints.repository.js';
import { reviewRepository } from '../db/feedback/reviews.repository.js';
import { scoresQueries } from '../db/feedback/scores.queries.js';
import { surveyRepository } from '../db/feedback/surveys.repository.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  inRequestTransaction,
  useCaseDeps,
  type AppContext,
  type AppDeps,
  type AppEnv,
} from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { problemResponse } from './problem.js';
import { DEFAULT_PUBLIC_URL } from './referrals.routes.js';

const SurveyIdParam = IdParam('id', 'svy_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const ComplaintIdParam = IdParam('id', 'cmp_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
// Any string: a malformed token gets the same 404 as a forged one.
const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(1000)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The token of a survey link' }),
});

const SurveyView = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    questions: z.array(z.record(z.string(), z.unknown())),
    status: z.enum(SURVEY_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Survey');

const presentSurvey = (s: Survey): z.infer<typeof SurveyView> => ({
  ...s,
  questions: s.questions as unknown as Record<string, unknown>[],
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

const SurveyWithResponsesView = SurveyView.extend({
  responses: z
    .number()
    .int()
    .openapi({ description: 'Responses recorded, whatever their questions (one per customer)' }),
}).openapi('SurveyWithResponses');

const presentSurveyWithResponses = (
  s: SurveyWithResponses,
): z.infer<typeof SurveyWithResponsesView> => ({ ...presentSurvey(s), responses: s.responses });

const ResponseView = z
  .object({
    id: z.string(),
    surveyId: z.string(),
    customerId: z.string(),
    source: z.enum(['link', 'api']),
    answers: z.array(
      z.object({
        questionId: z.string(),
        type: z.string(),
        score: z.number().int().nullable(),
        value: z.string().nullable(),
      }),
    ),
    submittedAt: z.string(),
    points: z.number().int(),
    created: z.boolean(),
  })
  .openapi('SurveyResponse');

const presentResponse = (r: SurveyResponse, result?: AnswerResult) => ({
  ...r,
  submittedAt: r.submittedAt.toISOString(),
  points: result?.points ?? 0,
  created: result?.created ?? false,
});

const PublicSurveyView = z
  .object({
    survey: SurveyView.omit({ status: true, createdAt: true, updatedAt: true }),
    answered: z.boolean(),
  })
  .openapi('PublicSurvey');

const AnswerBody = z.object({ answers: AnswersSchema }).openapi('SurveyAnswers');

const ReviewView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    externalId: z.string(),
    sku: z.string().nullable(),
    rating: z.number().int(),
    text: z.string().nullable(),
    submittedAt: z.string(),
    points: z.number().int(),
    created: z.boolean(),
  })
  .openapi('Review');

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

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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

const SVG_HEADERS = {
  'content-type': 'image/svg+xml; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};
const HTML_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  'x-content-type-options': 'nosniff',
};

const repos = (db: Kysely<DB>) => ({
  surveys: surveyRepository(db),
  reviews: reviewRepository(db),
  complaints: complaintRepository(db),
});

const wantsHtml = (c: AppContext) => {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/json');
};

const isForm = (c: AppContext) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(
    c.req.header('content-type') ?? '',
  );

/** Answers that do not fit their questions are a 400 naming each question, as bad input. */
const invalidAnswersResponse = (c: AppContext, error: unknown) => {
  if (!isDomainError(error) || error.code !== 'invalid_answers') throw error;
  return problemResponse(c, {
    status: 400,
    code: 'invalid_answers',
    detail: error.message,
    errors: error.issues,
  }) as never;
};

/**
 * Feedback: surveys (admin), their public answer pages `/s/{token}` (no API key: the signed
 * token is the credential), reviews, NPS/CSAT over time, complaints and their response times.
 */
export const feedbackRoutes = (deps: Pick<AppDeps, 'clock' | 'cardSecret' | 'publicUrl'>) => {
  const { clock } = deps;
  const app = new OpenAPIHono<AppEnv>();
  const cardSecret = cardSecretCache(deps.cardSecret);
  const linkKey = async (db: Kysely<DB>) =>
    surveyLinkKey(await cardSecret({ secrets: cardSecretStore(db), clock }));
  const feedbackDeps = async (c: AppContext) => ({
    ...(await useCaseDeps(c, clock)),
    ...repos(c.var.db),
  });

  // ------------------------------------------------------------------------- surveys (admin)

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/surveys',
      tags: ['Feedback'],
      summary: 'Create a survey: NPS (0–10), CSAT (1–5), text and single-choice questions',
      request: { headers: IdempotencyHeader, body: jsonBody(SurveyInputSchema) },
      responses: {
        201: json(SurveyView, 'Created'),
        ...commonErrors,
        409: problem('The key is taken'),
      },
    }),
    async (c) =>
      c.json(presentSurvey(await createSurvey(await feedbackDeps(c), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/surveys',
      tags: ['Feedback'],
      summary: 'List surveys, oldest first, each with its number of responses',
      request: { query: z.object({ status: z.enum(SURVEY_STATUSES).optional() }) },
      responses: {
        200: json(z.object({ surveys: z.array(SurveyWithResponsesView) }), 'Surveys'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const surveys = await listSurveys(await feedbackDeps(c), c.req.valid('query').status);
      return c.json({ surveys: surveys.map(presentSurveyWithResponses) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/surveys/{id}',
      tags: ['Feedback'],
      summary: 'Get a survey with its number of responses',
      request: { params: SurveyIdParam },
      responses: {
        200: json(SurveyWithResponsesView, 'The survey'),
        ...commonErrors,
        404: problem('No such survey'),
      },
    }),
    async (c) =>
      c.json(
        presentSurveyWithResponses(
          await getSurveyWithResponses(await feedbackDeps(c), c.req.valid('param').id as string),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/surveys/{id}',
      tags: ['Feedback'],
      summary: 'Change a survey: title, description, status; questions only before any answer',
      request: {
        params: SurveyIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(SurveyPatchSchema),
      },
      responses: {
        200: json(SurveyView, 'Changed'),
        ...commonErrors,
        404: problem('No such survey'),
        409: problem('The survey has answers: its questions cannot change'),
      },
    }),
    async (c) => {
      const survey = await updateSurvey(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      return c.json(presentSurvey(survey), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/surveys/{id}/link',
      tags: ['Feedback'],
      summary: 'A customer’s personal survey link: `<publicUrl>/s/<signed token>`',
      request: {
        params: SurveyIdParam,
        query: z.object({ customerId: z.string().min(1).max(100) }),
      },
      responses: {
        200: json(
          z.object({
            surveyId: z.string(),
            customerId: z.string(),
            token: z.string(),
            url: z.string(),
          }),
          'The link',
        ),
        ...commonErrors,
        404: problem('No such survey or customer'),
      },
    }),
    async (c) => {
      const link = await surveyLink(await feedbackDeps(c), await linkKey(c.var.db), {
        surveyId: c.req.valid('param').id as string,
        customerId: c.req.valid('query').customerId,
        publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
      });
      return c.json(
        {
          surveyId: link.survey.id,
          customerId: c.req.valid('query').customerId,
          token: link.token,
          url: link.url,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/survey-responses',
      tags: ['Feedback'],
      summary: 'Record a customer’s answers (member page, POS); once per customer and survey',
      request: {
        params: CustomerIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(AnswerBody.extend({ surveyId: z.string().min(1).max(100) })),
      },
      responses: {
        201: json(ResponseView, 'Recorded'),
        200: json(ResponseView, 'Answered before: the first response'),
        ...commonErrors,
        404: problem('No such survey or customer'),
        409: problem('The survey is not active'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      try {
        const result = await answerSurvey(await feedbackDeps(c), {
          surveyId: body.surveyId,
          customerId: c.req.valid('param').id as string,
          answers: body.answers,
          source: 'api',
        });
        return c.json(presentResponse(result.response, result), result.created ? 201 : 200);
      } catch (error) {
        return invalidAnswersResponse(c, error);
      }
    },
  );

  // ------------------------------------------------------------------ public survey pages

  app.openapi(
    createRoute({
      method: 'get',
      path: '/s/{token}',
      tags: ['Feedback'],
      security: [],
      summary: 'The survey behind a link, as JSON (or an HTML form when Accept is text/html)',
      request: { params: TokenParam },
      responses: {
        200: {
          description: 'The survey and whether it was answered',
          content: {
            'application/json': { schema: PublicSurveyView },
            'text/html': { schema: z.string() },
          },
        },
        404: problem('Not a valid survey link'),
      },
    }),
    async (c) => {
      const token = c.req.valid('param').token;
      const link = await openSurveyLink(await feedbackDeps(c), await linkKey(c.var.db), token);
      if (wantsHtml(c)) {
        const page = renderSurveyForm(link.survey, {
          action: `/s/${token}`,
          answered: link.response !== null,
        });
        return c.html(page, 200, HTML_HEADERS) as never;
      }
      const { id, key, title, description, questions } = presentSurvey(link.survey);
      return c.json(
        { survey: { id, key, title, description, questions }, answered: link.response !== null },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/s/{token}',
      tags: ['Feedback'],
      security: [],
      summary:
        'Answer the survey behind a link; recorded once, earns through survey.answered rules',
      request: {
        params: TokenParam,
        body: {
          required: false,
          content: {
            'application/json': { schema: AnswerBody },
            'application/x-www-form-urlencoded': {
              schema: z.record(z.string(), z.string()),
            },
          },
        },
      },
      responses: {
        201: json(ResponseView, 'Recorded (a form post gets the page)', { orPage: true }),
        200: json(ResponseView, 'Answered before: the first response', { orPage: true }),
        400: problem('An answer does not fit its question (each named)', { orPage: true }),
        404: problem('Not a valid survey link'),
        409: problem('The survey is not active'),
      },
    }),
    async (c) => {
      const token = c.req.valid('param').token;
      const form = isForm(c);
      try {
        const result = await inRequestTransaction(c, clock, async (uow) => {
          const d = { ...uow, ...repos(uow.db) };
          const link = await openSurveyLink(d, await linkKey(uow.db), token);
          const answers = form
            ? answersFromForm(link.survey.questions, await c.req.parseBody())
            : (c.req.valid('json') as z.infer<typeof AnswerBody> | undefined)?.answers;
          return {
            survey: link.survey,
            result: await answerSurvey(d, {
              surveyId: link.survey.id,
              customerId: link.customerId,
              answers: answers ?? {},
              source: 'link',
            }),
          };
        });
        if (form)
          return c.html(
            renderSurveyForm(result.survey, { action: `/s/${token}`, answered: true }),
            result.result.created ? 201 : 200,
            HTML_HEADERS,
          ) as never;
        const r = result.result;
        return c.json(presentResponse(r.response, r), r.created ? 201 : 200);
      } catch (error) {
        if (form && isDomainError(error) && error.code === 'invalid_answers')
          return formWithErrors(c, token, error.issues);
        return invalidAnswersResponse(c, error);
      }
    },
  );

  const formWithErrors = async (
    c: AppContext,
    token: string,
    issues: { path: string; message: string }[],
  ) => {
    const link = await openSurveyLink(await feedbackDeps(c), await linkKey(c.var.db), token);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const page = renderSurveyForm(link.survey, {
      action: `/s/${token}`,
      answered: false,
      issues,
      values,
    });
    return c.html(page, 400, HTML_HEADERS) as never;
  };

  // ------------------------------------------------------------------------------- reviews

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/reviews',
      tags: ['Feedback'],
      summary:
        'Record a product or shop review (once per externalId); earns through review.submitted rules',
      request: {
        params: CustomerIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(ReviewInputSchema),
      },
      responses: {
        201: json(ReviewView, 'Recorded'),
        200: json(ReviewView, 'Recorded before: the first review'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('The externalId belongs to another customer’s review'),
      },
    }),
    async (c) => {
      const { review, created, points } = await submitReview(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      const { createdAt: _createdAt, ...fields } = review;
      return c.json(
        { ...fields, submittedAt: review.submittedAt.toISOString(), points, created },
        created ? 201 : 200,
      );
    },
  );

  // ------------------------------------------------------------------------ NPS and CSAT

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
        await scoresReport({ ...d, scores: scoresQueries(c.var.db) }, c.req.valid('query')),
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
        { ...d, scores: scoresQueries(c.var.db) },
        c.req.valid('query'),
      );
      return c.body(scoresTrendSvg(report), 200, SVG_HEADERS);
    },
  );

  // ---------------------------------------------------------------------------- complaints

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
            complaints: z.array(ComplaintView.omit({ events: true })),
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
