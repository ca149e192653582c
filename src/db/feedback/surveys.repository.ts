import { sql, type Kysely, type Selectable } from 'kysely';
import {
  SurveyTranslationsSchema,
  type Answer,
  type Question,
  type Survey,
  type SurveyRepository,
  type SurveyResponse,
} from '../../core/feedback/feedback.js';
import type { DB, SurveyResponseTable, SurveyTable } from '../schema.js';

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (m) => `\\${m}`);

const toSurvey = (r: Selectable<SurveyTable>): Survey => {
  // Stored JSON is checked on the way out: anything unexpected reads as untranslated.
  const translations = SurveyTranslationsSchema.safeParse(r.translations);
  return {
    id: r.id,
    key: r.key,
    title: r.title,
    description: r.description,
    questions: r.questions as Question[],
    status: r.status,
    translations: translations.success ? translations.data : {},
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
};

const toResponse = (r: Selectable<SurveyResponseTable>): SurveyResponse => ({
  id: r.id,
  surveyId: r.survey_id,
  customerId: r.customer_id,
  source: r.source,
  answers: r.answers as Answer[],
  submittedAt: r.submitted_at,
});

export const surveyRepository = (db: Kysely<DB>): SurveyRepository => ({
  insert: async (s) => {
    await db
      .insertInto('survey')
      .values({
        id: s.id,
        key: s.key,
        title: s.title,
        description: s.description,
        questions: JSON.stringify(s.questions),
        status: s.status,
        translations: JSON.stringify(s.translations),
        created_at: s.createdAt,
        updated_at: s.updatedAt,
      })
      .execute();
  },
  update: async (s) => {
    await db
      .updateTable('survey')
      .set({
        title: s.title,
        description: s.description,
        questions: JSON.stringify(s.questions),
        status: s.status,
        translations: JSON.stringify(s.translations),
        updated_at: s.updatedAt,
      })
      .where('id', '=', s.id)
      .execute();
  },
  findById: async (id) => {
    const row = await db.selectFrom('survey').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSurvey(row) : null;
  },
  findByKey: async (key) => {
    const row = await db.selectFrom('survey').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? toSurvey(row) : null;
  },
  list: async (status) => {
    let query = db.selectFrom('survey').selectAll().orderBy('created_at').orderBy('id');
    if (status) query = query.where('status', '=', status);
    return (await query.execute()).map(toSurvey);
  },
  insertResponseIfAbsent: async (r) => {
    const inserted = await db
      .insertInto('survey_response')
      .values({
        id: r.id,
        survey_id: r.surveyId,
        customer_id: r.customerId,
        source: r.source,
        answers: JSON.stringify(r.answers),
        submitted_at: r.submittedAt,
      })
      .onConflict((oc) => oc.columns(['survey_id', 'customer_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    if (r.answers.length > 0) {
      await db
        .insertInto('survey_answer')
        .values(
          r.answers.map((a) => ({
            response_id: r.id,
            survey_id: r.surveyId,
            customer_id: r.customerId,
            question_id: a.questionId,
            question_type: a.type,
            score: a.score,
            value: a.value,
            submitted_at: r.submittedAt,
          })),
        )
        .execute();
    }
    return true;
  },
  findResponse: async (surveyId, customerId) => {
    const row = await db
      .selectFrom('survey_response')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return row ? toResponse(row) : null;
  },
  countResponses: async (surveyId) => {
    const row = await db
      .selectFrom('survey_response')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  countResponsesBySurvey: async (surveyIds) => {
    if (surveyIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('survey_response')
      .select(['survey_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('survey_id', 'in', [...surveyIds])
      .groupBy('survey_id')
      .execute();
    return new Map(rows.map((r) => [r.survey_id, Number(r.n)]));
  },
  listResponses: async ({ surveyId, score, q, withText, limit, offset }) => {
    let matching = db.selectFrom('survey_response as r').where('r.survey_id', '=', surveyId);
    const answer = () =>
      db
        .selectFrom('survey_answer as a')
        .select(sql`1`.as('one'))
        .where('a.response_id', '=', sql<string>`r.id`);
    if (score !== undefined)
      matching = matching.where(({ exists }) =>
        exists(
          answer().where('a.question_type', 'in', ['nps', 'csat']).where('a.score', '=', score),
        ),
      );
    if (withText)
      matching = matching.where(({ exists }) =>
        exists(answer().where('a.question_type', '=', 'text').where('a.value', '<>', '')),
      );
    if (q) {
      const pattern = `%${escapeLike(q.toLowerCase())}%`;
      matching = matching.where(({ exists }) =>
        exists(
          answer()
            .where('a.question_type', '=', 'text')
            .where(sql`lower(a.value)`, 'like', pattern),
        ),
      );
    }
    const rows = await matching
      .selectAll('r')
      .select(sql<string>`count(*) over ()`.as('total'))
      .orderBy('r.submitted_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    // Past the last page there are no rows to carry the window count: count on its own then.
    const total =
      rows[0]?.total ??
      (offset === 0
        ? 0
        : (
            await matching
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n);
    return {
      responses: rows.map(({ total: _total, ...row }) => toResponse(row)),
      total: Number(total),
    };
  },
  scoreCounts: async (surveyId) => {
    const rows = await db
      .selectFrom('survey_answer')
      .select(['question_id', 'question_type', 'score', (eb) => eb.fn.countAll<string>().as('n')])
      .where('survey_id', '=', surveyId)
      .where('question_type', 'in', ['nps', 'csat'])
      .where('score', 'is not', null)
      .groupBy(['question_id', 'question_type', 'score'])
      .orderBy('question_id')
      .orderBy('score')
      .execute();
    return rows.map((r) => ({
      questionId: r.question_id,
      type: r.question_type,
      score: Number(r.score),
      count: Number(r.n),
    }));
  },
});
