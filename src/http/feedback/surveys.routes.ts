import { linkBase } from '../../core/programme/programme.js';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  ResponseFilterSchema,
  SURVEY_STATUSES,
  SurveyInputSchema,
  SurveyPatchSchema,
  type SurveyWithResponses,
} from '../../core/feedback/feedback.js';
import {
  answerSurvey,
  createSurvey,
  getSurveyWithResponses,
  listSurveyResponses,
  listSurveys,
  scoreDistribution,
  surveyLink,
  updateSurvey,
} from '../../core/feedback/surveys.service.js';
import type { AppEnv } from '../context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from '../openapi.js';
import {
  AnswerBody,
  CustomerIdParam,
  ResponseView,
  SurveyView,
  invalidAnswersResponse,
  presentResponse,
  presentSurvey,
  type FeedbackContext,
} from './feedback.context.js';

const SurveyIdParam = IdParam('id', 'svy_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const SurveyWithResponsesView = SurveyView.extend({
  responses: z
    .number()
    .int()
    .openapi({ description: 'Responses recorded, whatever their questions (one per customer)' }),
}).openapi('SurveyWithResponses');

const presentSurveyWithResponses = (
  s: SurveyWithResponses,
): z.infer<typeof SurveyWithResponsesView> => ({ ...presentSurvey(s), responses: s.responses });

/** Surveys (admin): create, list, change, a customer's personal link, answers from the API. */
export const surveyRoutes = (ctx: FeedbackContext) => {
  const { feedbackDeps, linkKey } = ctx;
  const app = new OpenAPIHono<AppEnv>();

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
      const deps = await feedbackDeps(c);
      const link = await surveyLink(deps, await linkKey(c.var.db), {
        surveyId: c.req.valid('param').id as string,
        customerId: c.req.valid('query').customerId,
        publicUrl: linkBase(deps.programme, ctx.publicUrl),
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
      method: 'get',
      path: '/v1/surveys/{id}/responses',
      tags: ['Feedback'],
      summary:
        'A survey’s responses with every answer (text too), newest first, page by page; filter by score or text',
      request: { params: SurveyIdParam, query: ResponseFilterSchema },
      responses: {
        200: json(
          z.object({
            responses: z.array(ResponseView.omit({ points: true, created: true })),
            total: z.number().int().openapi({ description: 'Responses matching the filters' }),
            limit: z.number().int(),
            offset: z.number().int(),
          }),
          'Newest first',
        ),
        ...commonErrors,
        404: problem('No such survey'),
      },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      const page = await listSurveyResponses(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        filter,
      );
      return c.json(
        {
          responses: page.responses.map((r) => ({
            ...r,
            submittedAt: r.submittedAt.toISOString(),
          })),
          total: page.total,
          limit: filter.limit,
          offset: filter.offset,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/surveys/{id}/score-distribution',
      tags: ['Feedback'],
      summary: 'For each NPS and CSAT question, how many answers each score had',
      request: { params: SurveyIdParam },
      responses: {
        200: json(
          z.object({
            questions: z.array(
              z.object({
                questionId: z.string(),
                type: z.string(),
                prompt: z.string(),
                answers: z.number().int(),
                scores: z.array(z.object({ score: z.number().int(), count: z.number().int() })),
              }),
            ),
          }),
          'Per question, every score of its scale',
        ),
        ...commonErrors,
        404: problem('No such survey'),
      },
    }),
    async (c) =>
      c.json(
        {
          questions: await scoreDistribution(
            await feedbackDeps(c),
            c.req.valid('param').id as string,
          ),
        },
        200,
      ),
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

  return app;
};
