import { z } from 'zod';
import { LIFECYCLE_STAGES } from '../analytics/lifecycle.js';
import { RFM_SEGMENTS } from '../analytics/rfm-segments.js';
import { CONSENT_CHANNELS } from '../customers/customers.js';
import { ORDER_CHANNELS } from '../orders/orders.js';

/**
 * Segments: a dynamic filter tree over customer facts and computed metrics, or a static list.
 * The tree is data (stored JSON, checked here); src/db/segments compiles it to one SQL query.
 */

export const SEGMENT_KINDS = ['dynamic', 'static'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/** How deep groups may nest and how many leaves a tree may hold. */
export const MAX_DEPTH = 5;
export const MAX_LEAVES = 50;

/** A segment key: a slug, also how rules (`customer.segment`) and analytics (`segment:<key>`) name it. */
export const SEGMENT_KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const SegmentKeySchema = z
  .string()
  .regex(SEGMENT_KEY_PATTERN, 'a slug: lowercase letters, digits, dash or underscore (1–64)');

const isoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD, in the programme time zone');
const minor = z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000);
const count = z.number().int().min(0).max(1_000_000_000);
const days = z.number().int().min(0).max(36_500);
const segmentIds = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(100)
  .describe('Segment ids: in matches members of any of them, notIn members of none');
const AttributeValue = z.union([z.string().max(1000), z.number(), z.boolean()]);

const atLeastOne =
  (...keys: string[]) =>
  (leaf: Record<string, unknown>) =>
    keys.some((k) => leaf[k] !== undefined);
const oneOf = (...keys: string[]) => ({ message: `give at least one of ${keys.join(', ')}` });

const range = <F extends string>(field: F, bound: z.ZodNumber) =>
  z
    .object({ field: z.literal(field), gte: bound.optional(), lte: bound.optional() })
    .strict()
    .refine(atLeastOne('gte', 'lte'), oneOf('gte', 'lte'));

const AttributeLeaf = z
  .object({
    field: z.literal('attribute'),
    key: z.string().min(1).max(100),
    op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'exists']),
    value: z.union([AttributeValue, z.array(AttributeValue).min(1).max(500)]).optional(),
  })
  .strict()
  .refine((l) => l.op === 'exists' || l.value !== undefined, {
    message: 'value is required unless op is exists',
    path: ['value'],
  })
  .refine((l) => l.op === 'exists' || (l.op === 'in') === Array.isArray(l.value), {
    message: 'op in takes a list; the other operators take one value',
    path: ['value'],
  })
  .refine((l) => !['gt', 'gte', 'lt', 'lte'].includes(l.op) || typeof l.value === 'number', {
    message: 'gt, gte, lt and lte compare numbers',
    path: ['value'],
  });

const dateWindow = <F extends string>(field: F) =>
  z.object({ field: z.literal(field), before: isoDate.optional(), after: isoDate.optional() });

export const SegmentLeafSchema = z.discriminatedUnion('field', [
  AttributeLeaf,
  z.object({ field: z.literal('rfmSegment'), in: z.array(z.enum(RFM_SEGMENTS)).min(1) }).strict(),
  z
    .object({ field: z.literal('lifecycleStage'), in: z.array(z.enum(LIFECYCLE_STAGES)).min(1) })
    .strict(),
  range('clvMinor', minor),
  range('pAlive', z.number().min(0).max(1)),
  z
    .object({
      field: z.literal('tier'),
      in: z
        .array(z.string().min(1).max(50).nullable())
        .min(1)
        .max(100)
        .describe('Tier codes; null matches members without a tier'),
    })
    .strict(),
  range('pointsBalance', minor),
  dateWindow('lastOrderDate')
    .extend({ withinDays: days.optional(), notWithinDays: days.optional() })
    .strict()
    .refine(
      atLeastOne('before', 'after', 'withinDays', 'notWithinDays'),
      oneOf('before', 'after', 'withinDays', 'notWithinDays'),
    ),
  range('totalSpendMinor', minor),
  range('orderCount', count),
  z.object({ field: z.literal('channel'), in: z.array(z.enum(ORDER_CHANNELS)).min(1) }).strict(),
  z
    .object({
      field: z.literal('consent'),
      channel: z.enum(CONSENT_CHANNELS),
      granted: z.boolean(),
    })
    .strict(),
  dateWindow('createdAt').strict().refine(atLeastOne('before', 'after'), oneOf('before', 'after')),
  z
    .object({
      field: z.literal('segment'),
      in: segmentIds.optional(),
      notIn: segmentIds.optional(),
    })
    .strict()
    .refine((l) => (l.in === undefined) !== (l.notIn === undefined), {
      message: 'give exactly one of in, notIn',
    }),
  z
    .object({
      field: z.literal('birthdayMonth'),
      in: z.array(z.number().int().min(1).max(12)).min(1).max(12),
    })
    .strict(),
]);
export type SegmentLeaf = z.infer<typeof SegmentLeafSchema>;
export type SegmentField = SegmentLeaf['field'];

export type SegmentNode =
  { all: SegmentNode[] } | { any: SegmentNode[] } | { not: SegmentNode } | SegmentLeaf;

const children = () => z.array(SegmentNodeSchema).min(1).max(MAX_LEAVES);
const AllGroup = z.object({ all: z.lazy(children) }).strict();
const AnyGroup = z.object({ any: z.lazy(children) }).strict();
const NotGroup = z.object({ not: z.lazy(() => SegmentNodeSchema) }).strict();

const schemaOf = (value: unknown): z.ZodType | null => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if ('all' in value) return AllGroup;
  if ('any' in value) return AnyGroup;
  if ('not' in value) return NotGroup;
  if ('field' in value) return SegmentLeafSchema;
  return null;
};

/**
 * A node: a group ({all}, {any}, {not}) or a leaf ({field, …}). Dispatching on the node's shape
 * (instead of a plain union) lets an error name the exact field at fault, e.g.
 * `filter.all.1.gte`, rather than "no option matched" at the node.
 */
export const SegmentNodeSchema: z.ZodType<SegmentNode> = z
  .unknown()
  .superRefine((value, ctx) => {
    const schema = schemaOf(value);
    if (!schema) {
      ctx.addIssue({
        code: 'custom',
        message: 'a group {all: […]}, {any: […]}, {not: …} or a leaf {field: …}',
      });
      return;
    }
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  })
  .meta({ description: 'A filter node: {all}, {any}, {not} or a leaf {field, …}' }) as never;

/** Each node with its path and group depth (the root is depth 1). */
export const walkNodes = (
  node: SegmentNode,
  visit: (node: SegmentNode, path: (string | number)[], depth: number) => void,
  path: (string | number)[] = [],
  depth = 1,
): void => {
  visit(node, path, depth);
  if ('all' in node)
    node.all.forEach((n, i) => walkNodes(n, visit, [...path, 'all', i], depth + 1));
  else if ('any' in node)
    node.any.forEach((n, i) => walkNodes(n, visit, [...path, 'any', i], depth + 1));
  else if ('not' in node) walkNodes(node.not, visit, [...path, 'not'], depth + 1);
};

/**
 * The path of the first node nested deeper than MAX_DEPTH, or null. Iterative and bounded: it
 * stops at the first node too deep, so a hostile tree 50,000 levels deep costs a few steps and no
 * stack, and it runs before the (recursive) node schema ever sees the tree.
 */
const firstNodeTooDeep = (filter: unknown): (string | number)[] | null => {
  const stack: [unknown, (string | number)[], number][] = [[filter, [], 1]];
  while (stack.length > 0) {
    const [node, path, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    if (depth > MAX_DEPTH) return path;
    const group = node as Record<string, unknown>;
    if ('not' in group) stack.push([group.not, [...path, 'not'], depth + 1]);
    for (const key of ['any', 'all'] as const) {
      const list = group[key];
      if (!Array.isArray(list)) continue;
      for (let i = list.length - 1; i >= 0; i -= 1)
        stack.push([list[i], [...path, key, i], depth + 1]);
    }
  }
  return null;
};

/** A whole filter: depth first (without recursion), then each node's shape, then the leaf count. */
const FilterSchema: z.ZodType<SegmentNode> = z
  .unknown()
  .superRefine((value, ctx) => {
    const tooDeep = firstNodeTooDeep(value);
    if (tooDeep) {
      ctx.addIssue({
        code: 'custom',
        message: `nodes nest at most ${MAX_DEPTH} deep`,
        path: tooDeep,
      });
      return;
    }
    const result = SegmentNodeSchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
      return;
    }
    let leaves = 0;
    walkNodes(result.data, (node) => {
      if ('field' in node) leaves += 1;
    });
    if (leaves > MAX_LEAVES) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${MAX_LEAVES} conditions (this tree has ${leaves})`,
      });
    }
  })
  .meta({ description: 'A filter tree: {all}, {any}, {not} or a leaf {field, …}' }) as never;

export const SegmentDefinitionSchema = z
  .object({
    schemaVersion: z.literal(1),
    filter: FilterSchema,
  })
  .strict();
export type SegmentDefinition = z.infer<typeof SegmentDefinitionSchema>;

export const CreateSegmentSchema = z
  .object({
    key: SegmentKeySchema,
    name: z.string().trim().min(1).max(200),
    kind: z.enum(SEGMENT_KINDS),
    definition: SegmentDefinitionSchema.optional(),
  })
  .strict()
  .refine((s) => (s.kind === 'dynamic') === (s.definition !== undefined), {
    message: 'a dynamic segment needs a definition; a static one takes none',
    path: ['definition'],
  });
export type CreateSegmentInput = z.infer<typeof CreateSegmentSchema>;

export const UpdateSegmentSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    definition: SegmentDefinitionSchema.optional(),
  })
  .strict()
  .refine((s) => s.name !== undefined || s.definition !== undefined, {
    message: 'give a name, a definition or both',
  });
export type UpdateSegmentInput = z.infer<typeof UpdateSegmentSchema>;

export interface Segment {
  id: string;
  key: string;
  name: string;
  kind: SegmentKind;
  definition: SegmentDefinition | null;
  memberCount: number;
  refreshedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

/** What a filter is evaluated against: money in this currency, dates in this zone, as of now. */
export interface SegmentScope {
  currency: string;
  timeZone: string;
  now: Date;
}

export interface CustomerSample {
  id: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface SegmentPreview {
  size: number;
  sample: CustomerSample[];
}

export interface RefreshResult {
  size: number;
  added: number;
  removed: number;
}

export interface SegmentMember {
  customerId: string;
  addedAt: Date;
  /** Enough to name the member in a list without asking for each customer. */
  name: string | null;
  email: string | null;
  externalId: { source: string; id: string } | null;
}
