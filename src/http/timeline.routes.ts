import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getCustomer } from '../core/customers/customers.service.js';
import {
  customerTimeline,
  TIMELINE_KINDS,
  TimelineQuerySchema,
} from '../core/feedback/timeline.js';
import type { Clock } from '../core/shared/clock.js';
import { timelineQueries } from '../app/feedback.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { IdParam, commonErrors, json, problem } from './openapi.js';

const TimelineView = z
  .object({
    items: z.array(
      z.object({
        at: z.string(),
        kind: z.enum(TIMELINE_KINDS),
        id: z.string(),
        title: z.string(),
        detail: z.record(z.string(), z.unknown()),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('CustomerTimeline');

/** One customer's history across modules, newest first, paged with a cursor. */
export const timelineRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/timeline',
      tags: ['Customers'],
      summary: 'Everything that happened to a customer, newest first (orders, points, feedback, …)',
      request: {
        params: IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G'),
        query: TimelineQuerySchema,
      },
      responses: {
        200: json(TimelineView, 'A page of the timeline; nextCursor is null on the last'),
        ...commonErrors,
        404: problem('No such customer'),
        422: problem('A cursor this API did not give'),
      },
    }),
    async (c) => {
      const customer = await getCustomer(
        await useCaseDeps(c, clock),
        c.req.valid('param').id as string,
      );
      const query = c.req.valid('query');
      const page = await customerTimeline(
        { timeline: timelineQueries(c.var.db) },
        {
          customerId: customer.id,
          limit: query.limit,
          ...(query.before ? { before: query.before } : {}),
        },
      );
      return c.json(
        {
          items: page.items.map((i) => ({ ...i, at: i.at.toISOString() })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );
  return app;
};
