import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { DEFAULT_PUBLIC_URL } from '../../config.js';
import { cardSecretCache } from '../../core/cards/card-secret.js';
import {
  AnswersSchema,
  SURVEY_STATUSES,
  type Survey,
  type SurveyResponse,
} from '../../core/feedback/feedback.js';
import { surveyLinkKey } from '../../core/feedback/survey-token.js';
import type { AnswerResult } from '../../core/feedback/surveys.service.js';
import { isDomainError } from '../../core/shared/errors.js';
import { cardSecretStore } from '../../app/customers.js';
import {
  complaintAssignees,
  complaintRepository,
  reviewRepository,
  surveyRepository,
} from '../../app/feedback.js';
import type { DB } from '../../app/database.js';
import { useCaseDeps, type AppContext, type AppDeps } from '../context.js';
import { IdParam } from '../openapi.js';
import { problemResponse } from '../problem.js';

/** What the feedback routes share: schemas, presenters and the dependencies of their use cases. */

export const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

export const SurveyView = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    questions: z.array(z.record(z.string(), z.unknown())),
    status: z.enum(SURVEY_STATUSES),
    translations: z
      .record(
        z.string(),
        z.object({
          title: z.string().optional(),
          description: z.string().optional(),
          questions: z
            .record(
              z.string(),
              z.object({
                prompt: z.string().optional(),
                options: z.record(z.string(), z.string()).optional(),
              }),
            )
            .optional(),
        }),
      )
      .openapi({
        description:
          'Per locale code: the title, introduction, and per question id the prompt and option labels (by default option) its customers read',
      }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Survey');

export const presentSurvey = (s: Survey): z.infer<typeof SurveyView> => ({
  ...s,
  questions: s.questions as unknown as Record<string, unknown>[],
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const ResponseView = z
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

export const presentResponse = (r: SurveyResponse, result?: AnswerResult) => ({
  ...r,
  submittedAt: r.submittedAt.toISOString(),
  points: result?.points ?? 0,
  created: result?.created ?? false,
});

export const AnswerBody = z.object({ answers: AnswersSchema }).openapi('SurveyAnswers');

export const repos = (db: Kysely<DB>) => ({
  surveys: surveyRepository(db),
  reviews: reviewRepository(db),
  complaints: complaintRepository(db),
  assignees: complaintAssignees(db),
});

/** Answers that do not fit their questions are a 400 naming each question, as bad input. */
export const invalidAnswersResponse = (c: AppContext, error: unknown) => {
  if (!isDomainError(error) || error.code !== 'invalid_answers') throw error;
  return problemResponse(c, {
    status: 400,
    code: 'invalid_answers',
    detail: error.message,
    errors: error.issues,
  }) as never;
};

/**
 * The use cases' dependencies with the feedback repositories, and the key survey links are signed
 * with (one cache for the admin link and the public pages).
 */
export const feedbackContext = (deps: Pick<AppDeps, 'clock' | 'cardSecret' | 'publicUrl'>) => {
  const { clock } = deps;
  const cardSecret = cardSecretCache(deps.cardSecret);
  return {
    clock,
    publicUrl: deps.publicUrl ?? DEFAULT_PUBLIC_URL,
    linkKey: async (db: Kysely<DB>) =>
      surveyLinkKey(await cardSecret({ secrets: cardSecretStore(db), clock })),
    feedbackDeps: async (c: AppContext) => ({
      ...(await useCaseDeps(c, clock)),
      ...repos(c.var.db),
    }),
  };
};

export type FeedbackContext = ReturnType<typeof feedbackContext>;
