import { z } from 'zod';
import { translationsSchema, type Translations } from '../shared/translations.js';

/**
 * Feedback: surveys (NPS, CSAT, free text and single-choice questions), one response per customer
 * and survey, reviews, and complaints whose response times are tracked. Answering a survey or
 * submitting a review is recorded as a rules activity, so a rule can award points for it.
 */

export const QUESTION_TYPES = ['nps', 'csat', 'text', 'choice'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SURVEY_STATUSES = ['draft', 'active', 'archived'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

const QUESTION_ID = /^[a-z][a-z0-9_-]{0,49}$/;
const questionBase = {
  id: z.string().regex(QUESTION_ID, 'lowercase letters, digits, dash or underscore (up to 50)'),
  prompt: z.string().min(1).max(500),
};

export const QuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('nps'), required: z.boolean().default(true) }),
  z.object({ ...questionBase, type: z.literal('csat'), required: z.boolean().default(true) }),
  z.object({
    ...questionBase,
    type: z.literal('text'),
    required: z.boolean().default(false),
    maxLength: z.number().int().min(1).max(5000).default(2000),
  }),
  z.object({
    ...questionBase,
    type: z.literal('choice'),
    required: z.boolean().default(true),
    options: z
      .array(z.string().min(1).max(200))
      .min(2)
      .max(30)
      .refine((o) => new Set(o).size === o.length, { message: 'options must be different' }),
  }),
]);
export type Question = z.infer<typeof QuestionSchema>;

export const QuestionsSchema = z
  .array(QuestionSchema)
  .min(1)
  .max(50)
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate question id ${q.id}` });
      seen.add(q.id);
    });
  });

// A survey's words per content locale; what each translation may name is checked against the
// questions in survey-translations.ts.
const QuestionTranslationSchema = z
  .object({
    prompt: z.string().trim().min(1).max(500).optional(),
    /** Default option text → its label in this language (choice questions only). */
    options: z.record(z.string(), z.string().trim().min(1).max(200)).optional(),
  })
  .strict();

export const SurveyTranslationSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().min(1).max(2000).optional(),
    /** Question id → its prompt and choice labels in this language. */
    questions: z.record(z.string(), QuestionTranslationSchema).optional(),
  })
  .strict();
export type SurveyTranslation = z.infer<typeof SurveyTranslationSchema>;
export const SurveyTranslationsSchema = translationsSchema(SurveyTranslationSchema);
export type SurveyTranslations = Translations<SurveyTranslation>;

/** The survey key names the survey in rules activities (the activity's name). */
export const SURVEY_KEY = /^[a-z][a-z0-9_.-]{0,99}$/;

export const SurveyInputSchema = z.object({
  key: z.string().regex(SURVEY_KEY, 'lowercase letters, digits, dot, dash or underscore'),
  title: z.string().min(1).max(200),
  description: z.string().max(2000).optional(),
  questions: QuestionsSchema,
  status: z.enum(SURVEY_STATUSES).default('draft'),
  /** Per locale code (de, et…): the title, introduction, questions and labels its customers read. */
  translations: SurveyTranslationsSchema.default({}),
});
export type SurveyInput = z.infer<typeof SurveyInputSchema>;

export const SurveyPatchSchema = z
  .object({
    title: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).nullable().optional(),
    questions: QuestionsSchema.optional(),
    status: z.enum(SURVEY_STATUSES).optional(),
    /** Replaces every translation: a locale left out is no longer translated. */
    translations: SurveyTranslationsSchema.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), {
    message: 'give at least one field to change',
  });
export type SurveyPatch = z.infer<typeof SurveyPatchSchema>;

export interface Survey {
  id: string;
  key: string;
  title: string;
  description: string | null;
  questions: Question[];
  status: SurveyStatus;
  translations: SurveyTranslations;
  createdAt: Date;
  updatedAt: Date;
}

/** Answers as they arrive: question id → a number (nps, csat) or a string (text, choice). */
export const AnswersSchema = z.record(z.string().max(50), z.unknown());
export type RawAnswers = z.infer<typeof AnswersSchema>;

/** One checked answer: scores for nps and csat, the text or chosen option otherwise. */
export interface Answer {
  questionId: string;
  type: QuestionType;
  score: number | null;
  value: string | null;
}

export type ResponseSource = 'link' | 'api';

export interface SurveyResponse {
  id: string;
  surveyId: string;
  customerId: string;
  source: ResponseSource;
  answers: Answer[];
  submittedAt: Date;
}

export interface SurveyRepository {
  insert(survey: Survey): Promise<void>;
  update(survey: Survey): Promise<void>;
  findById(id: string): Promise<Survey | null>;
  findByKey(key: string): Promise<Survey | null>;
  list(status?: SurveyStatus): Promise<Survey[]>;
  /** Stores the response and its answers; false when the customer had answered already. */
  insertResponseIfAbsent(response: SurveyResponse): Promise<boolean>;
  findResponse(surveyId: string, customerId: string): Promise<SurveyResponse | null>;
  countResponses(surveyId: string): Promise<number>;
  /** Responses per survey (every one counts, whatever its questions), in one grouped query. */
  countResponsesBySurvey(surveyIds: readonly string[]): Promise<Map<string, number>>;
  /** A page of a survey's responses, newest first, and how many match in all. */
  listResponses(input: ResponseFilter & { surveyId: string }): Promise<{
    responses: SurveyResponse[];
    total: number;
  }>;
  /** How many answers each score has had, per nps or csat question (scores never given: absent). */
  scoreCounts(
    surveyId: string,
  ): Promise<{ questionId: string; type: QuestionType; score: number; count: number }[]>;
}

export const ResponseFilterSchema = z.object({
  score: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .optional()
    .describe('Only responses with this score on an NPS or CSAT question'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Only responses whose text answers contain this (any case)'),
  withText: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only responses with a text answer'),
  limit: z.coerce.number().int().min(1).max(200).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ResponseFilter = z.infer<typeof ResponseFilterSchema>;

/** A survey as the admin reads it: with the number of responses it has had. */
export type SurveyWithResponses = Survey & { responses: number };

// ---------------------------------------------------------------------------------------------
// Reviews

export const ReviewInputSchema = z.object({
  externalId: z.string().min(1).max(200),
  sku: z.string().min(1).max(100).optional(),
  rating: z.number().int().min(1).max(5),
  text: z.string().max(10_000).optional(),
  submittedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

export interface Review {
  id: string;
  customerId: string;
  externalId: string;
  sku: string | null;
  rating: number;
  text: string | null;
  submittedAt: Date;
  createdAt: Date;
}

export interface ReviewRepository {
  /** False when a review with this external id exists already. */
  insertIfAbsent(review: Review): Promise<boolean>;
  findByExternalId(externalId: string): Promise<Review | null>;
}

// ---------------------------------------------------------------------------------------------
// Complaints

export const COMPLAINT_STATUSES = ['open', 'answered', 'resolved'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_CHANNELS = ['email', 'phone', 'web', 'store', 'social', 'other'] as const;
export const REPLY_AUTHORS = ['staff', 'customer'] as const;
export type ReplyAuthor = (typeof REPLY_AUTHORS)[number];

export const ComplaintInputSchema = z.object({
  customerId: z.string().min(1).max(100),
  subject: z.string().min(1).max(300),
  body: z.string().min(1).max(20_000),
  channel: z.enum(COMPLAINT_CHANNELS),
});
export type ComplaintInput = z.infer<typeof ComplaintInputSchema>;

export const ReplyInputSchema = z.object({
  body: z.string().min(1).max(20_000),
  by: z.enum(REPLY_AUTHORS),
});
export type ReplyInput = z.infer<typeof ReplyInputSchema>;

export const AssignInputSchema = z.object({
  userId: z.string().min(1).max(100).nullable().describe('The dashboard user; null unassigns'),
});
export type AssignInput = z.infer<typeof AssignInputSchema>;

export const ResolveInputSchema = z.object({
  note: z.string().trim().min(1).max(5000).describe('How the case was resolved'),
});
export type ResolveInput = z.infer<typeof ResolveInputSchema>;

/**
 * The service level of a case: the first staff reply is due `targetHours` after it was opened
 * (the same target the response-time report judges by, 24 hours unless asked otherwise).
 */
export const DEFAULT_FIRST_RESPONSE_TARGET_HOURS = 24;
export const TargetHoursSchema = z.coerce
  .number()
  .positive()
  .max(24 * 365)
  .default(DEFAULT_FIRST_RESPONSE_TARGET_HOURS)
  .describe('The first-response target, in hours');

export interface Complaint {
  id: string;
  customerId: string;
  subject: string;
  body: string;
  channel: string;
  status: ComplaintStatus;
  openedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  updatedAt: Date;
  /** The dashboard user the case is given to, if any. */
  assigneeId: string | null;
  /** The note of the last resolution; cleared when the case is reopened. */
  resolutionNote: string | null;
}

export type ComplaintEvent =
  | { seq: number; kind: 'opened'; at: Date; body: string }
  | { seq: number; kind: 'reply'; at: Date; by: ReplyAuthor; body: string }
  | {
      seq: number;
      kind: 'status';
      at: Date;
      from: ComplaintStatus;
      to: ComplaintStatus;
      note?: string;
    }
  | { seq: number; kind: 'assigned'; at: Date; assigneeId: string | null };

export interface ComplaintStats {
  cases: number;
  answered: number;
  resolved: number;
  /** Cases answered, or unanswered past the target: those the target can be judged on. */
  due: number;
  answeredWithinTarget: number;
  withinTargetPct: number | null;
  medianFirstResponseHours: number | null;
  medianResolutionHours: number | null;
}

export interface ComplaintRepository {
  insert(complaint: Complaint): Promise<void>;
  /** Reads and locks the case, so its events are numbered one after the other. */
  lock(id: string): Promise<Complaint | null>;
  findById(id: string): Promise<Complaint | null>;
  update(complaint: Complaint): Promise<void>;
  appendEvent(complaint: Complaint, event: ComplaintEvent): Promise<void>;
  events(id: string): Promise<ComplaintEvent[]>;
  lastSeq(id: string): Promise<number>;
  /** The newest `limit` cases that match, and how many match in all. */
  list(input: {
    status?: ComplaintStatus;
    customerId?: string;
    /** A user's cases, or `null` for the cases nobody has taken yet. */
    assigneeId?: string | null;
    /** Only cases still unanswered after the target (by `now`), resolved ones excluded. */
    overdue?: { now: Date; targetHours: number };
    limit: number;
  }): Promise<{ complaints: Complaint[]; total: number }>;
  stats(input: { from: Date; to: Date; targetHours: number; now: Date }): Promise<ComplaintStats>;
}

/** Who a case may be given to: the dashboard users who are not disabled. */
export interface ComplaintAssignees {
  isActiveUser(userId: string): Promise<boolean>;
}
