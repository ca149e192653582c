import { getCustomer } from '../customers/customers.service.js';
import type { CustomerRepository } from '../customers/customers.js';
import { recordActivity, type ActivityDeps } from '../rules/activities.js';
import type { Clock } from '../shared/clock.js';
import type {
  QuestionType,
  RawAnswers,
  ResponseFilter,
  Survey,
  SurveyInput,
  SurveyPatch,
  SurveyRepository,
  SurveyResponse,
  SurveyStatus,
  SurveyWithResponses,
  ResponseSource,
} from './feedback.js';
import {
  invalidAnswers,
  invalidSurveyTranslations,
  surveyHasResponses,
  surveyKeyTaken,
  surveyLinkNotFound,
  surveyNotActive,
  surveyNotFound,
} from './feedback.errors.js';
import { feedbackId } from './feedback.ids.js';
import { checkAnswers } from './survey-answers.js';
import { surveyTranslationIssues } from './survey-translations.js';
import { signSurveyToken, verifySurveyToken } from './survey-token.js';

export interface SurveyDeps {
  surveys: SurveyRepository;
  clock: Clock;
}

const checkTranslations = (survey: Pick<Survey, 'questions' | 'translations'>) => {
  const issues = surveyTranslationIssues(survey.questions, survey.translations);
  if (issues.length > 0) throw invalidSurveyTranslations(issues);
};

export const createSurvey = async (deps: SurveyDeps, input: SurveyInput): Promise<Survey> => {
  checkTranslations(input);
  if (await deps.surveys.findByKey(input.key)) throw surveyKeyTaken(input.key);
  const now = deps.clock.now();
  const survey: Survey = {
    id: feedbackId('survey'),
    key: input.key,
    title: input.title,
    description: input.description ?? null,
    questions: input.questions,
    status: input.status,
    translations: input.translations,
    createdAt: now,
    updatedAt: now,
  };
  await deps.surveys.insert(survey);
  return survey;
};

export const getSurvey = async (deps: Pick<SurveyDeps, 'surveys'>, id: string): Promise<Survey> => {
  const survey = await deps.surveys.findById(id);
  if (!survey) throw surveyNotFound(id);
  return survey;
};

/** One survey with its number of responses. */
export const getSurveyWithResponses = async (
  deps: Pick<SurveyDeps, 'surveys'>,
  id: string,
): Promise<SurveyWithResponses> => {
  const survey = await getSurvey(deps, id);
  return { ...survey, responses: await deps.surveys.countResponses(id) };
};

/** The surveys, oldest first, each with its number of responses. */
export const listSurveys = async (
  deps: Pick<SurveyDeps, 'surveys'>,
  status?: SurveyStatus,
): Promise<SurveyWithResponses[]> => {
  const surveys = await deps.surveys.list(status);
  const counts = await deps.surveys.countResponsesBySurvey(surveys.map((s) => s.id));
  return surveys.map((s) => ({ ...s, responses: counts.get(s.id) ?? 0 }));
};

/**
 * Title, description, translations and status may change at any time; questions only before any
 * answer. The translations must fit the questions the survey ends up with.
 */
export const updateSurvey = async (
  deps: SurveyDeps,
  id: string,
  patch: SurveyPatch,
): Promise<Survey> => {
  const survey = await getSurvey(deps, id);
  if (patch.questions && (await deps.surveys.countResponses(id)) > 0) throw surveyHasResponses(id);
  const next: Survey = {
    ...survey,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.questions !== undefined ? { questions: patch.questions } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.translations !== undefined ? { translations: patch.translations } : {}),
    updatedAt: deps.clock.now(),
  };
  checkTranslations(next);
  await deps.surveys.update(next);
  return next;
};

/** A customer's personal link to a survey: `<publicUrl>/s/<token>`. */
export const surveyLink = async (
  deps: Pick<SurveyDeps, 'surveys'> & { customers: CustomerRepository },
  key: Uint8Array,
  input: { surveyId: string; customerId: string; publicUrl: string },
) => {
  const survey = await getSurvey(deps, input.surveyId);
  const customer = await getCustomer(deps, input.customerId);
  const token = signSurveyToken(key, { surveyId: survey.id, customerId: customer.id });
  return { token, url: `${input.publicUrl.replace(/\/+$/, '')}/s/${token}`, survey };
};

/** The survey and customer behind a link; every kind of bad link is the same 404. */
export const openSurveyLink = async (
  deps: Pick<SurveyDeps, 'surveys'>,
  key: Uint8Array,
  token: string,
): Promise<{ survey: Survey; customerId: string; response: SurveyResponse | null }> => {
  const subject = verifySurveyToken(key, token);
  const survey = subject ? await deps.surveys.findById(subject.surveyId) : null;
  if (!subject || !survey || survey.status === 'archived') throw surveyLinkNotFound();
  const response = await deps.surveys.findResponse(survey.id, subject.customerId);
  return { survey, customerId: subject.customerId, response };
};

export type AnswerDeps = SurveyDeps & ActivityDeps & { customers: CustomerRepository };

export interface AnswerResult {
  response: SurveyResponse;
  created: boolean;
  points: number;
}

/**
 * Records a customer's answers once per survey (a second submission returns the first one) and
 * the `survey.answered` activity, keyed `survey:<surveyId>:<customerId>`, so rules award once.
 */
export const answerSurvey = async (
  deps: AnswerDeps,
  input: { surveyId: string; customerId: string; answers: RawAnswers; source: ResponseSource },
): Promise<AnswerResult> => {
  const survey = await getSurvey(deps, input.surveyId);
  const customer = await getCustomer(deps, input.customerId);
  const known = await deps.surveys.findResponse(survey.id, customer.id);
  if (!known) {
    if (survey.status !== 'active') throw surveyNotActive(survey.id, survey.status);
    const { answers, issues } = checkAnswers(survey.questions, input.answers);
    if (issues.length > 0) throw invalidAnswers(issues);
    const response: SurveyResponse = {
      id: feedbackId('surveyResponse'),
      surveyId: survey.id,
      customerId: customer.id,
      source: input.source,
      answers,
      submittedAt: deps.clock.now(),
    };
    if (await deps.surveys.insertResponseIfAbsent(response)) {
      const activity = await rewardAnswer(deps, survey, response);
      return { response, created: true, points: activity.points };
    }
  }
  // Answered before (or by a concurrent request): the first response stands.
  const first = known ?? (await deps.surveys.findResponse(survey.id, customer.id));
  if (!first) throw new Error(`survey response of ${customer.id} vanished`);
  const activity = await rewardAnswer(deps, survey, first);
  return { response: first, created: false, points: activity.points };
};

const rewardAnswer = (deps: AnswerDeps, survey: Survey, response: SurveyResponse) =>
  recordActivity(deps, {
    customerId: response.customerId,
    trigger: 'survey.answered',
    name: survey.key,
    idempotencyKey: `survey:${survey.id}:${response.customerId}`,
    occurredAt: response.submittedAt,
    payload: { surveyId: survey.id, responseId: response.id },
  });

/** A page of a survey's responses, newest first (404 for an unknown survey). */
export const listSurveyResponses = async (
  deps: Pick<SurveyDeps, 'surveys'>,
  id: string,
  filter: ResponseFilter,
) => {
  const survey = await getSurvey(deps, id);
  return { survey, ...(await deps.surveys.listResponses({ ...filter, surveyId: id })) };
};

const SCALES: Partial<Record<QuestionType, [number, number]>> = { nps: [0, 10], csat: [1, 5] };

/**
 * For each NPS and CSAT question of the survey, in its order, how many answers each score of its
 * scale had (zeros included, so a chart of it has every bar).
 */
export const scoreDistribution = async (deps: Pick<SurveyDeps, 'surveys'>, id: string) => {
  const survey = await getSurvey(deps, id);
  const counted = await deps.surveys.scoreCounts(id);
  return survey.questions.flatMap((q) => {
    const scale = SCALES[q.type];
    if (!scale) return [];
    const scores = [];
    for (let score = scale[0]; score <= scale[1]; score++)
      scores.push({
        score,
        count: counted.find((c) => c.questionId === q.id && c.score === score)?.count ?? 0,
      });
    const answers = scores.reduce((sum, s) => sum + s.count, 0);
    return [{ questionId: q.id, type: q.type, prompt: q.prompt, answers, scores }];
  });
};
