import type { Kysely, Selectable } from 'kysely';
import type { Review, ReviewRepository } from '../../core/feedback/feedback.js';
import { inTransaction } from '../repositories.js';
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
  // The external id is unique across all customers through its lookup table, claimed first in the
  // review's transaction: a second claim waits for the first and then finds the id taken.
  insertIfAbsent: (r) =>
    inTransaction(db, async (trx) => {
      const claimed = await trx
        .insertInto('review_external_key')
        .values({ external_id: r.externalId, customer_id: r.customerId, review_id: r.id })
        .onConflict((oc) => oc.column('external_id').doNothing())
        .returning('external_id')
        .executeTakeFirst();
      if (!claimed) return false;
      await trx
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
        .execute();
      return true;
    }),
  findByExternalId: async (externalId) => {
    const key = await db
      .selectFrom('review_external_key')
      .select(['customer_id', 'review_id'])
      .where('external_id', '=', externalId)
      .executeTakeFirst();
    if (!key) return null;
    const row = await db
      .selectFrom('review')
      .selectAll()
      .where('customer_id', '=', key.customer_id)
      .where('id', '=', key.review_id)
      .executeTakeFirst();
    return row ? toReview(row) : null;
  },
});
