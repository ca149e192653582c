import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { ReviewInputSchema } from '../../core/feedback/feedback.js';
import { submitReview } from '../../core/feedback/reviews.service.js';
import type { AppEnv } from '../context.js';
import { IdempotencyHeader, commonErrors, json, jsonBody, problem } from '../openapi.js';
import { CustomerIdParam, type FeedbackContext } from './feedback.context.js';

const ReviewView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    externalId: z.string(),
    sku: z.string().nullable(),
    rating: z.number().int(),
    text: z.string().nullable(),
    submittedAt: z.string(),
    points: z.number().int(),
    created: z.boolean(),
  })
  .openapi('Review');

/** Product and shop reviews, once per externalId. */
export const reviewRoutes = (ctx: FeedbackContext) => {
  const { feedbackDeps } = ctx;
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/reviews',
      tags: ['Feedback'],
      summary:
        'Record a product or shop review (once per externalId); earns through review.submitted rules',
      request: {
        params: CustomerIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(ReviewInputSchema),
      },
      responses: {
        201: json(ReviewView, 'Recorded'),
        200: json(ReviewView, 'Recorded before: the first review'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('The externalId belongs to another customer’s review'),
      },
    }),
    async (c) => {
      const { review, created, points } = await submitReview(
        await feedbackDeps(c),
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      const { createdAt: _createdAt, ...fields } = review;
      return c.json(
        { ...fields, submittedAt: review.submittedAt.toISOString(), points, created },
        created ? 201 : 200,
      );
    },
  );

  return app;
};
