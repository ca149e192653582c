import type { Kysely, Selectable } from 'kysely';
import type { Review, ReviewRepository } from '../../core/feedback/feedback.js';
import type { DB, ReviewTable } from '../schema.js';

const toReview = (r: Selectable<ReviewTable>): Review => ({
  id: r.id,
  customerId: r.customer_id,
  externalId: r.external_id,
  sku: r.sku,
  rating: r.rating,
  text: r.text,
  submittedAt: r.submitted_at,
  createdAt: r.created_at,
});

export const reviewRepository = (db: Kysely<DB>): ReviewRepository => ({
  insertIfAbsent: async (r) => {
    const inserted = await db
      .insertInto('review')
      .values({
        id: r.id,
        customer_id: r.customerId,
        external_id: r.externalId,
        sku: r.sku,
        rating: r.rating,
        text: r.text,
        submitted_at: r.submittedAt,
        created_at: r.createdAt,
      })
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  },
  findByExternalId: async (externalId) => {
    const row = await db
      .selectFrom('review')
      .selectAll()
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    return row ? toReview(row) : null;
  },
});
