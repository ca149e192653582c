import type { Kysely, Selectable } from 'kysely';
import type {
  Answer,
  Question,
  Survey,
  SurveyRepository,
  SurveyResponse,
} from '../../core/feedback/feedback.js';
import type { DB, SurveyResponseTable, SurveyTable } from '../schema.js';

const toSurvey = (r: Selectable<SurveyTable>): Survey => ({
  id: r.id,
  key: r.key,
  title: r.title,
  description: r.description,
  questions: r.questions as Question[],
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

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
});
