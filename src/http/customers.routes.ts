import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../core/analytics/lifecycle.js';
import {
  CUSTOMER_SORTS,
  CreateCustomerSchema,
  UpdateCustomerSchema,
} from '../core/customers/customers.js';
import {
  createCustomer,
  getCustomer,
  searchCustomers,
  updateCustomer,
} from '../core/customers/customers.service.js';
import type { Clock } from '../core/shared/clock.js';
import { useCaseDeps, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { CustomerView, iso, presentCustomer } from './presenters.js';

const CustomerSummaryView = z
  .object({
    pointsBalance: z.number().int(),
    tier: z.object({ code: z.string(), name: z.string() }).nullable(),
    spendMinor: z.number().int().nullable().openapi({
      description: 'Net spend (orders less returns), minor units, as of the last analytics refresh',
    }),
    lastOrderAt: z.string().nullable().openapi({ description: 'As of the last analytics refresh' }),
    lifecycleStage: z
      .enum(LIFECYCLE_STAGES)
      .nullable()
      .openapi({ description: 'As of the last analytics refresh; null before the first' }),
  })
  .openapi('CustomerSummary');

const CustomerListItemView = CustomerView.extend({ summary: CustomerSummaryView }).openapi(
  'CustomerListItem',
);

const CustomerPageView = z
  .object({ customers: z.array(CustomerListItemView), nextCursor: z.string().nullable() })
  .openapi('CustomerPage');

const MAX_IDS_PER_QUERY = 200;

const IdList = z
  .string()
  .max(MAX_IDS_PER_QUERY * 101)
  .transform((text) => text.split(',').map((id) => id.trim()))
  .refine((ids) => ids.every((id) => id.length > 0 && id.length <= 100), {
    message: 'a comma-separated list of customer ids, none empty or longer than 100 characters',
  })
  .refine((ids) => ids.length <= MAX_IDS_PER_QUERY, {
    message: `at most ${MAX_IDS_PER_QUERY} ids`,
  })
  .openapi({
    type: 'string',
    description: `Only these customers (comma-separated ids, at most ${MAX_IDS_PER_QUERY}); unknown ids are left out`,
  });

const SearchQuery = z.object({
  ids: IdList.optional(),
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
  externalId: z.string().max(200).optional(),
  source: z.string().max(64).optional(),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'Prefix of e-mail, first or last name' }),
  stage: z
    .enum(LIFECYCLE_STAGES)
    .optional()
    .openapi({ description: 'Lifecycle stage of the last analytics refresh' }),
  tier: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: 'A tier code, or none for members without a tier' }),
  sort: z.enum(CUSTOMER_SORTS).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

export const customerRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers',
      tags: ['Customers'],
      summary: 'Create a customer',
      request: { headers: IdempotencyHeader, body: jsonBody(CreateCustomerSchema) },
      responses: {
        201: json(CustomerView, 'Created'),
        ...commonErrors,
        409: problem('The e-mail or an external id belongs to another customer'),
      },
    }),
    async (c) => {
      const customer = await createCustomer(await useCaseDeps(c, clock), c.req.valid('json'));
      return c.json(presentCustomer(customer), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}',
      tags: ['Customers'],
      summary: 'Get a customer',
      request: { params: CustomerIdParam },
      responses: {
        200: json(CustomerView, 'The customer'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const customer = await getCustomer(
        await useCaseDeps(c, clock),
        c.req.valid('param').id as string,
      );
      return c.json(presentCustomer(customer), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/customers/{id}',
      tags: ['Customers'],
      summary: 'Update a customer',
      description:
        'Absent fields stay as they are, null clears, attributes merge, consents are appended.',
      request: {
        params: CustomerIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(UpdateCustomerSchema),
      },
      responses: {
        200: json(CustomerView, 'Updated'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('The e-mail or an external id belongs to another customer'),
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const customer = await updateCustomer(
        deps,
        c.req.valid('param').id as string,
        c.req.valid('json'),
      );
      return c.json(presentCustomer(customer), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers',
      tags: ['Customers'],
      summary: 'List, filter, sort and search customers',
      description:
        'Each customer comes with their points, tier, spend, last order and lifecycle stage. ' +
        'Sorted by `sort` then id in the same `order`; pass `nextCursor` back as `cursor` with ' +
        'the same query for the next page.',
      request: { query: SearchQuery },
      responses: {
        200: json(CustomerPageView, 'A page of customers'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const deps = await useCaseDeps(c, clock);
      const tierCodes = async () => ((await deps.tierConfig())?.tiers ?? []).map((t) => t.code);
      const page = await searchCustomers({ ...deps, tierCodes }, c.req.valid('query'));
      return c.json(
        {
          customers: page.customers.map((customer) => ({
            ...presentCustomer(customer),
            summary: {
              ...customer.summary,
              lastOrderAt: iso(customer.summary.lastOrderAt),
              lifecycleStage: customer.summary.lifecycleStage as LifecycleStage | null,
            },
          })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );

  return app;
};
