import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { getCustomer } from '../core/customers/customers.service.js';
import type { Clock } from '../core/shared/clock.js';
import {
  archiveSegment,
  createSegment,
  customerSegments,
  getSegment,
  listSegments,
  previewSegment,
  refreshSegment,
  segmentMembers,
  updateSegment,
  uploadMembers,
  type UploadBody,
} from '../core/segments/segments.service.js';
import {
  CreateSegmentSchema,
  SEGMENT_KINDS,
  SegmentDefinitionSchema,
  UpdateSegmentSchema,
  type Segment,
} from '../core/segments/segments.js';
import { UploadJsonSchema } from '../core/segments/static-list.js';
import {
  FIELD_GROUPS,
  FIELD_INPUT_TYPES,
  SEGMENT_FIELDS,
} from '../core/segments/segment-fields.js';
import { segmentRepository } from '../app/segments.js';
import { useCaseDeps, type AppContext, type AppEnv } from './context.js';
import { IdParam, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';
import { validationErrorFrom } from './problem.js';

const SegmentIdParam = IdParam('id', 'seg_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const SegmentView = z
  .object({
    id: z.string(),
    key: z.string().openapi({ example: 'big-spenders' }),
    name: z.string(),
    kind: z.enum(SEGMENT_KINDS),
    definition: z.record(z.string(), z.unknown()).nullable(),
    memberCount: z.number().int(),
    refreshedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi('Segment');

const presentSegment = (s: Segment): z.infer<typeof SegmentView> => ({
  ...s,
  definition: s.definition as Record<string, unknown> | null,
  refreshedAt: iso(s.refreshedAt),
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
  archivedAt: iso(s.archivedAt),
});

const PreviewView = z
  .object({
    size: z.number().int(),
    sample: z.array(
      z.object({
        id: z.string(),
        email: z.string().nullable(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
      }),
    ),
  })
  .openapi('SegmentPreview');

const RefreshView = z
  .object({
    segment: SegmentView,
    size: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
  })
  .openapi('SegmentRefresh');

const UploadView = z
  .object({
    rows: z.number().int(),
    matched: z.number().int(),
    added: z.number().int(),
    alreadyMembers: z.number().int(),
    removed: z.number().int(),
    unmatchedCount: z.number().int(),
    unmatched: z.array(z.object({ line: z.number().int(), value: z.string(), reason: z.string() })),
  })
  .openapi('SegmentUpload');

const MembersView = z
  .object({
    members: z.array(
      z.object({
        customerId: z.string(),
        addedAt: z.string(),
        name: z.string().nullable().openapi({ description: 'First and last name' }),
        email: z.string().nullable(),
        externalId: z.object({ source: z.string(), id: z.string() }).nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('SegmentMembers');

const ChoiceView = z.object({ value: z.union([z.string(), z.number()]), label: z.string() });

const FieldsView = z
  .object({
    fields: z.array(
      z.object({
        field: z.string().openapi({ example: 'totalSpendMinor' }),
        group: z.enum(FIELD_GROUPS),
        label: z.string(),
        description: z.string(),
        operators: z.array(
          z.object({
            op: z.string(),
            label: z.string(),
            inputs: z.array(
              z.object({
                key: z.string().openapi({ description: 'The leaf property the input sets' }),
                label: z.string(),
                type: z.enum(FIELD_INPUT_TYPES).openapi({
                  description:
                    'money: minor units in the definition; tiers: tier codes (null: no tier); segments: segment ids, picked from GET /v1/segments; oneOf/someOf: from choices',
                }),
                choices: z.array(ChoiceView).optional(),
              }),
            ),
            fixed: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
          }),
        ),
      }),
    ),
  })
  .openapi('SegmentFields');

const segmentDeps = async (c: AppContext, clock: Clock) => {
  const deps = await useCaseDeps(c, clock);
  return { ...deps, segments: segmentRepository(deps.db) };
};

/**
 * A preview checks the segments it names on the primary (one saved a moment ago is known) and
 * counts its customers on the read replica, a replication delay behind at most (docs/scale.md).
 */
const previewDeps = async (c: AppContext, clock: Clock) => {
  const deps = await segmentDeps(c, clock);
  return {
    ...deps,
    segments: { ...deps.segments, preview: segmentRepository(c.var.readDb).preview },
  };
};

/** A CSV (text/csv) or `{customerIds}` (JSON), validated here because it has two media types. */
const uploadBodyOf = async (c: AppContext): Promise<UploadBody> => {
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'text/csv' || mediaType === 'text/plain') return { csv: await c.req.text() };
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw validationErrorFrom(
      new z.ZodError([{ code: 'custom', message: 'not valid JSON or CSV', path: [], input: null }]),
      'json',
    );
  }
  const parsed = UploadJsonSchema.safeParse(body);
  if (!parsed.success) throw validationErrorFrom(parsed.error, 'json');
  return parsed.data;
};

export const segmentRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const notFound = { 404: problem('No such segment') };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/segments',
      tags: ['Segments'],
      summary: 'Create a dynamic (filter) or static (list) segment',
      description:
        'A dynamic segment takes a definition `{schemaVersion: 1, filter}` (see docs/segments.md); an invalid tree is refused with the path of each fault (e.g. `definition.filter.all.1.gte`). Members appear at its first refresh.',
      request: { body: jsonBody(CreateSegmentSchema) },
      responses: {
        201: json(SegmentView, 'Created'),
        ...commonErrors,
        409: problem('The key is taken'),
        422: problem('The definition names an unknown or archived segment'),
      },
    }),
    async (c) => {
      const segment = await createSegment(await segmentDeps(c, clock), c.req.valid('json'));
      return c.json(presentSegment(segment), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/segments',
      tags: ['Segments'],
      summary: 'List segments by key',
      request: {
        query: z.object({ includeArchived: z.enum(['true', 'false']).default('false') }),
      },
      responses: {
        200: json(z.object({ segments: z.array(SegmentView) }), 'By key'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const all = c.req.valid('query').includeArchived === 'true';
      const segments = await listSegments(await segmentDeps(c, clock), all);
      return c.json({ segments: segments.map(presentSegment) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/segments/preview',
      tags: ['Segments'],
      summary: 'Size and a sample of 10 customers of a definition, without saving anything',
      request: { body: jsonBody(z.object({ definition: SegmentDefinitionSchema })) },
      responses: {
        200: json(PreviewView, 'Size and sample (by id)'),
        ...commonErrors,
        422: problem('The definition names an unknown or archived segment'),
      },
    }),
    async (c) => {
      const preview = await previewSegment(
        await previewDeps(c, clock),
        c.req.valid('json').definition,
      );
      return c.json(preview, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/segments/fields',
      tags: ['Segments'],
      summary: 'The conditions a definition can use: each leaf field, its operators and inputs',
      description:
        'Served from the same catalogue the definition schema is tested against, so a builder offers exactly what POST /v1/segments accepts.',
      responses: { 200: json(FieldsView, 'The fields, grouped'), ...commonErrors },
    }),
    (c) => c.json({ fields: SEGMENT_FIELDS }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/segments/{id}',
      tags: ['Segments'],
      summary: 'Get a segment',
      request: { params: SegmentIdParam },
      responses: { 200: json(SegmentView, 'The segment'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      const segment = await getSegment(await segmentDeps(c, clock), c.req.valid('param').id!);
      return c.json(presentSegment(segment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/segments/{id}',
      tags: ['Segments'],
      summary: 'Rename a segment or replace its definition (applied at the next refresh)',
      request: { params: SegmentIdParam, body: jsonBody(UpdateSegmentSchema) },
      responses: {
        200: json(SegmentView, 'The segment'),
        ...commonErrors,
        ...notFound,
        409: problem('The segment is archived'),
        422: problem(
          'A definition given to a static segment, or naming an unknown or archived segment, or one leading back to this segment',
        ),
      },
    }),
    async (c) => {
      const segment = await updateSegment(
        await segmentDeps(c, clock),
        c.req.valid('param').id!,
        c.req.valid('json'),
      );
      return c.json(presentSegment(segment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/segments/{id}/archive',
      tags: ['Segments'],
      summary: 'Archive a segment: no more refreshes; rules and analytics stop matching it',
      description:
        'Refused (409 `segment_in_use`, its detail naming them by key and id) while live segments name it in their definitions.',
      request: { params: SegmentIdParam },
      responses: {
        200: json(SegmentView, 'The archived segment'),
        ...commonErrors,
        ...notFound,
        409: problem('Live segments name this one in their definitions'),
      },
    }),
    async (c) => {
      const segment = await archiveSegment(await segmentDeps(c, clock), c.req.valid('param').id!);
      return c.json(presentSegment(segment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/segments/{id}/refresh',
      tags: ['Segments'],
      summary: 'Materialise a dynamic segment’s members now (adds the new, removes the gone)',
      request: { params: SegmentIdParam },
      responses: {
        200: json(RefreshView, 'The new size, and how many joined and left'),
        ...commonErrors,
        ...notFound,
        409: problem('The segment is archived'),
        422: problem('A static segment, or segments naming each other'),
      },
    }),
    async (c) => {
      const { segment, result } = await refreshSegment(
        await segmentDeps(c, clock),
        c.req.valid('param').id!,
      );
      return c.json({ segment: presentSegment(segment), ...result }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/segments/{id}/members',
      tags: ['Segments'],
      summary: 'Add customers to a static segment, from a CSV or a list of ids',
      description:
        'text/csv: a header line naming `customer_id`, `email`, or `external_id` with `source`, then one customer per line. application/json: `{customerIds: [...]}`. Every row is matched or reported with its line number. `mode=replace` removes the members not in the upload.',
      request: {
        params: SegmentIdParam,
        query: z.object({ mode: z.enum(['add', 'replace']).default('add') }),
        // Not `required`: a required body makes the JSON validator refuse a CSV; uploadBodyOf
        // checks both media types.
        body: {
          required: false,
          content: {
            'text/csv': { schema: z.string() },
            'application/json': { schema: UploadJsonSchema },
          },
        },
      },
      responses: {
        200: json(UploadView, 'Rows matched, added and unmatched (with line numbers)'),
        ...commonErrors,
        ...notFound,
        409: problem('The segment is archived'),
        422: problem('A dynamic segment, or a CSV that cannot be read'),
      },
    }),
    async (c) => {
      const report = await uploadMembers(
        await segmentDeps(c, clock),
        c.req.valid('param').id!,
        await uploadBodyOf(c),
        c.req.valid('query').mode === 'replace',
      );
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/segments/{id}/members',
      tags: ['Segments'],
      summary: 'A page of a segment’s members, by customer id',
      request: {
        params: SegmentIdParam,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.string().max(100).optional(),
        }),
      },
      responses: {
        200: json(MembersView, 'Members and the next cursor'),
        ...commonErrors,
        ...notFound,
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = await segmentMembers(await segmentDeps(c, clock), c.req.valid('param').id!, {
        limit: query.limit,
        cursor: query.cursor ?? null,
      });
      return c.json(
        {
          members: page.members.map((m) => ({ ...m, addedAt: m.addedAt.toISOString() })),
          nextCursor: page.nextCursor,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/segments',
      tags: ['Segments'],
      summary: 'The (not archived) segments a customer belongs to',
      request: { params: CustomerIdParam },
      responses: {
        200: json(z.object({ segments: z.array(SegmentView) }), 'By key'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const deps = await segmentDeps(c, clock);
      const customer = await getCustomer(deps, c.req.valid('param').id!);
      const segments = await customerSegments(deps, customer.id);
      return c.json({ segments: segments.map(presentSegment) }, 200);
    },
  );

  return app;
};
