import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { answersFromForm } from '../../core/feedback/survey-answers.js';
import { renderSurveyForm } from '../../core/feedback/survey-form.js';
import { localizeSurvey } from '../../core/feedback/survey-translations.js';
import { answerSurvey, openSurveyLink } from '../../core/feedback/surveys.service.js';
import { getCustomer, type CustomerDeps } from '../../core/customers/customers.service.js';
import { isDomainError } from '../../core/shared/errors.js';
import { inRequestTransaction, type AppContext, type AppEnv } from '../context.js';
import { json, problem } from '../openapi.js';
import {
  AnswerBody,
  ResponseView,
  SurveyView,
  invalidAnswersResponse,
  presentResponse,
  repos,
  type FeedbackContext,
} from './feedback.context.js';

// Any string: a malformed token gets the same 404 as a forged one.
const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(1000)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The token of a survey link' }),
});

const PublicSurveyView = z
  .object({
    survey: SurveyView.pick({ id: true, key: true, title: true, description: true }).extend({
      questions: z.array(z.record(z.string(), z.unknown())).openapi({
        description:
          'In the customer’s language where translated; a choice question’s `labels` name its `options`, which are the values to answer with',
      }),
    }),
    answered: z.boolean(),
  })
  .openapi('PublicSurvey');

const HTML_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  'x-content-type-options': 'nosniff',
};

const wantsHtml = (c: AppContext) => {
  const accept = c.req.header('accept') ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/json');
};

const isForm = (c: AppContext) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(
    c.req.header('content-type') ?? '',
  );

/** The page speaks the customer's language: the link names them, their profile names it. */
const localeOf = async (deps: Pick<CustomerDeps, 'customers'>, customerId: string) =>
  (await getCustomer(deps, customerId)).locale;

/** The public answer pages `/s/{token}`: no API key, the signed token is the credential. */
export const surveyPageRoutes = (ctx: FeedbackContext) => {
  const { clock, feedbackDeps, linkKey } = ctx;
  const app = new OpenAPIHono<AppEnv>();

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
      const deps = await feedbackDeps(c);
      const link = await openSurveyLink(deps, await linkKey(c.var.db), token);
      if (wantsHtml(c)) {
        const page = renderSurveyForm(link.survey, {
          action: `/s/${token}`,
          answered: link.response !== null,
          locale: await localeOf(deps, link.customerId),
        });
        return c.html(page, 200, HTML_HEADERS) as never;
      }
      const { id, key } = link.survey;
      const shown = localizeSurvey(link.survey, await localeOf(deps, link.customerId));
      const questions = shown.questions as unknown as Record<string, unknown>[];
      return c.json(
        {
          survey: { id, key, title: shown.title, description: shown.description, questions },
          answered: link.response !== null,
        },
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
            locale: form ? await localeOf(d, link.customerId) : null,
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
            renderSurveyForm(result.survey, {
              action: `/s/${token}`,
              answered: true,
              locale: result.locale,
            }),
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
    const deps = await feedbackDeps(c);
    const link = await openSurveyLink(deps, await linkKey(c.var.db), token);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
    const page = renderSurveyForm(link.survey, {
      action: `/s/${token}`,
      answered: false,
      issues,
      values,
      locale: await localeOf(deps, link.customerId),
    });
    return c.html(page, 400, HTML_HEADERS) as never;
  };

  return app;
};
