import { getCustomer } from '../customers/customers.service.js';
import type { CustomerRepository } from '../customers/customers.js';
import { recordActivity, type ActivityDeps } from '../rules/activities.js';
import type { Review, ReviewInput, ReviewRepository } from './feedback.js';
import { reviewIdReused } from './feedback.errors.js';
import { feedbackId } from './feedback.ids.js';

export type ReviewDeps = ActivityDeps & {
  reviews: ReviewRepository;
  customers: CustomerRepository;
};

/**
 * Stores a review once per the shop's external id and records the `review.submitted` activity
 * (keyed `review:<externalId>`), so a rule awards it once. A repeat returns the first review.
 */
export const submitReview = async (
  deps: ReviewDeps,
  customerId: string,
  input: ReviewInput,
): Promise<{ review: Review; created: boolean; points: number }> => {
  const customer = await getCustomer(deps, customerId);
  const now = deps.clock.now();
  const candidate: Review = {
    id: feedbackId('review'),
    customerId: customer.id,
    externalId: input.externalId,
    sku: input.sku ?? null,
    rating: input.rating,
    text: input.text ?? null,
    submittedAt: input.submittedAt ? new Date(input.submittedAt) : now,
    createdAt: now,
  };
  const created = await deps.reviews.insertIfAbsent(candidate);
  const review = created ? candidate : await deps.reviews.findByExternalId(input.externalId);
  if (!review) throw new Error(`review ${input.externalId} vanished`);
  if (review.customerId !== customer.id) throw reviewIdReused(input.externalId);
  const activity = await recordActivity(deps, {
    customerId: customer.id,
    trigger: 'review.submitted',
    idempotencyKey: `review:${review.externalId}`,
    occurredAt: review.submittedAt,
    payload: {
      reviewId: review.id,
      rating: review.rating,
      ...(review.sku ? { sku: review.sku } : {}),
    },
  });
  return { review, created, points: activity.points };
};
