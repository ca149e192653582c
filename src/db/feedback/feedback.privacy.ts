import type { Kysely } from 'kysely';
import type { PersonalDataHolder } from '../../core/customers/privacy.js';
import { ERASED } from '../../core/customers/redact.js';
import { changed, exportRows } from '../export-rows.js';
import type { DB } from '../schema.js';

/**
 * Feedback keeps its scores (NPS, CSAT, ratings) and times, so the reports are unchanged; every
 * text the person wrote or that was written to them (review text, text answers, complaint
 * subject, body and replies) is removed.
 */
export const feedbackPrivacy = (db: Kysely<DB>): PersonalDataHolder => ({
  module: 'feedback',
  identifiers: async (customerId) => {
    const texts = [
      ...(
        await db
          .selectFrom('review')
          .select('text as t')
          .where('customer_id', '=', customerId)
          .execute()
      ).map((r) => r.t),
      ...(
        await db
          .selectFrom('survey_answer')
          .select('value as t')
          .where('customer_id', '=', customerId)
          .where('question_type', '=', 'text')
          .execute()
      ).map((r) => r.t),
      ...(
        await db
          .selectFrom('complaint')
          .select(['subject', 'body'])
          .where('customer_id', '=', customerId)
          .execute()
      ).flatMap((r) => [r.subject, r.body]),
      ...(
        await db
          .selectFrom('complaint_event')
          .select('body as t')
          .where('customer_id', '=', customerId)
          .execute()
      ).map((r) => r.t),
    ];
    return texts.filter((t): t is string => typeof t === 'string' && t !== ERASED);
  },
  exportCustomer: async (customerId) => {
    const responses = await db
      .selectFrom('survey_response as r')
      .innerJoin('survey as s', 's.id', 'r.survey_id')
      .select(['r.id', 'r.survey_id', 's.key as survey_key', 's.title as survey_title'])
      .select(['r.source', 'r.answers', 'r.submitted_at'])
      .where('r.customer_id', '=', customerId)
      .orderBy('r.submitted_at')
      .execute();
    const complaints = await db
      .selectFrom('complaint')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('opened_at')
      .execute();
    const events = await db
      .selectFrom('complaint_event')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('seq')
      .execute();
    return {
      surveyResponses: exportRows(responses),
      reviews: exportRows(
        await db
          .selectFrom('review')
          .selectAll()
          .where('customer_id', '=', customerId)
          .orderBy('submitted_at')
          .execute(),
      ),
      complaints: complaints.map((c) => ({
        ...exportRows([c])[0],
        history: exportRows(events.filter((e) => e.complaint_id === c.id)),
      })),
    };
  },
  eraseCustomer: async ({ customerId }) => {
    const textQuestions = await db
      .selectFrom('survey_answer')
      .select(['response_id', 'question_id'])
      .where('customer_id', '=', customerId)
      .where('question_type', '=', 'text')
      .execute();
    const responses = await db
      .selectFrom('survey_response')
      .select(['id', 'answers'])
      .where('customer_id', '=', customerId)
      .execute();
    for (const response of responses) {
      const texts = textQuestions.filter((q) => q.response_id === response.id);
      if (texts.length === 0) continue;
      const ids = new Set(texts.map((q) => q.question_id));
      const answers = Array.isArray(response.answers)
        ? (response.answers as Record<string, unknown>[]).map((a) =>
            ids.has(String(a.questionId)) ? { ...a, value: null } : a,
          )
        : response.answers;
      await db
        .updateTable('survey_response')
        .set({ answers: JSON.stringify(answers) })
        .where('customer_id', '=', customerId)
        .where('id', '=', response.id)
        .execute();
    }
    const results = [
      await db
        .updateTable('survey_answer')
        .set({ value: null })
        .where('customer_id', '=', customerId)
        .where('question_type', '=', 'text')
        .where('value', 'is not', null)
        .executeTakeFirst(),
      await db
        .updateTable('review')
        .set({ text: null })
        .where('customer_id', '=', customerId)
        .where('text', 'is not', null)
        .executeTakeFirst(),
      await db
        .updateTable('complaint')
        .set((eb) => ({
          subject: ERASED,
          body: ERASED,
          resolution_note: eb
            .case()
            .when('resolution_note', 'is', null)
            .then(null)
            .else(ERASED)
            .end(),
        }))
        .where('customer_id', '=', customerId)
        .executeTakeFirst(),
      await db
        .updateTable('complaint_event')
        .set({ body: ERASED })
        .where('customer_id', '=', customerId)
        .where('body', 'is not', null)
        .executeTakeFirst(),
    ];
    return changed(results) + responses.length;
  },
});
