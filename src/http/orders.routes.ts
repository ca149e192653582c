import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { CreateReturnSchema, IngestOrderSchema } from '../core/orders/orders.js';
import {
  createReturn,
  getOrder,
  ingestOrder,
  listCustomerOrders,
} from '../core/orders/orders.service.js';
import { getCustomer } from '../core/customers/customers.service.js';
import type { Clock } from '../core/shared/clock.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import {
  IngestView,
  OrderView,
  ReturnView,
  presentIngest,
  presentOrder,
  presentReturn,
} from './presenters.js';

const OrderIdParam = IdParam('id', 'ord_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

export const orderRoutes = (clock: Clock, intake: { maxFutureSkewMinutes?: number } = {}) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders',
      tags: ['Orders'],
      summary: 'Ingest an order and earn its points',
      description:
        'Orders are unique by externalId: sending one again returns the first result with status 200 and created=false.',
      request: { headers: IdempotencyHeader, body: jsonBody(IngestOrderSchema) },
      responses: {
        201: json(IngestView, 'Ingested'),
        200: json(IngestView, 'Already ingested: the first result'),
        ...commonErrors,
        422: problem(
          'Unknown customer or currency, or placedAt too far in the future (placed_in_future)',
        ),
      },
    }),
    async (c) => {
      const deps = { ...(await useCaseDeps(c, clock)), ...intake };
      const result = await ingestOrder(deps, c.req.valid('json'));
      return c.json(presentIngest(result), result.created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/orders/{id}',
      tags: ['Orders'],
      summary: 'Get an order with its lines and returned quantities',
      request: { params: OrderIdParam },
      responses: {
        200: json(OrderView, 'The order'),
        ...commonErrors,
        404: problem('No such order'),
      },
    }),
    async (c) =>
      c.json(
        presentOrder(
          await getOrder(await useCaseDeps(c, clock), c.req.valid('param').id as string),
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/orders/{id}/returns',
      tags: ['Orders'],
      summary: 'Return lines of an order, partly or wholly',
      description:
        'Without lines, everything not yet returned is returned. The points the returned value earned are taken back: from pending points first, then from the balance, never below zero (what cannot be recovered is reported).',
      request: {
        params: OrderIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(CreateReturnSchema),
      },
      responses: {
        201: json(ReturnView, 'Recorded'),
        200: json(ReturnView, 'Already recorded under this externalId'),
        ...commonErrors,
        404: problem('No such order'),
        409: problem('Nothing left to return'),
        422: problem('A line or quantity the order does not have'),
      },
    }),
    async (c) => {
      const { orderReturn, created } = await createReturn(
        await useCaseDeps(c, clock),
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      return c.json(presentReturn(orderReturn), created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/orders',
      tags: ['Orders'],
      summary: 'A customer’s latest orders',
      request: {
        params: IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G'),
        query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      },
      responses: {
        200: json(z.object({ orders: z.array(OrderView) }), 'Newest first'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id as string);
      const orders = await listCustomerOrders(deps, customer.id, c.req.valid('query').limit);
      return c.json({ orders: orders.map(presentOrder) }, 200);
    },
  );

  return app;
};
