import { z } from 'zod';

/**
 * Earning and promotion rules are data: a versioned JSON document, checked by these schemas at
 * the edge and evaluated by pure functions (rules.evaluate.ts) that return proposals. Money is in
 * minor units, points are whole, times are evaluated in the programme's time zone.
 */

export const RULE_TRIGGERS = [
  'order.placed',
  'customer.enrolled',
  'customer.birthday',
  'review.submitted',
  'survey.answered',
  'referral.converted',
  'custom',
] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

const names = z.array(z.string().min(1).max(200)).min(1).max(500);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24-hour)');
const minor = z.number().int().nonnegative().max(1_000_000_000_000);
const points = z.number().int().positive().max(1_000_000_000);

/** Which order lines a rule looks at: gift cards, say, are usually excluded. */
export const LineFilterSchema = z
  .object({
    skus: names.optional(),
    categories: names.optional(),
    excludeSkus: names.optional(),
    excludeCategories: names.optional(),
  })
  .strict();
export type LineFilter = z.infer<typeof LineFilterSchema>;

const AttributeValue = z.union([z.string().max(1000), z.number(), z.boolean()]);

export const ConditionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('order.amount'),
      minMinor: minor.optional(),
      maxMinor: minor.optional(),
    })
    .strict()
    .refine((c) => c.minMinor !== undefined || c.maxMinor !== undefined, {
      message: 'give minMinor, maxMinor or both',
    })
    .refine(
      (c) => c.minMinor === undefined || c.maxMinor === undefined || c.minMinor <= c.maxMinor,
      {
        message: 'minMinor must not exceed maxMinor',
        path: ['minMinor'],
      },
    ),
  z
    .object({ type: z.literal('order.quantity'), min: z.number().int().positive().max(1_000_000) })
    .strict(),
  z
    .object({
      type: z.literal('order.channel'),
      in: z.array(z.enum(['web', 'pos', 'app', 'other'])).min(1),
    })
    .strict(),
  z.object({ type: z.literal('order.store'), in: names }).strict(),
  z
    .object({
      type: z.literal('time.dayOfWeek'),
      /** ISO days: 1 = Monday … 7 = Sunday, in the programme's time zone. */
      days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    })
    .strict(),
  z.object({ type: z.literal('time.window'), from: hhmm, to: hhmm }).strict(),
  z.object({ type: z.literal('customer.tier'), in: names }).strict(),
  z.object({ type: z.literal('customer.segment'), in: names }).strict(),
  /** The customer is in this arm of a running experiment (its key and the variant's key). */
  z
    .object({
      type: z.literal('customer.experiment'),
      key: z.string().min(1).max(64),
      variant: z.string().min(1).max(64),
    })
    .strict(),
  z
    .object({
      type: z.literal('customer.attribute'),
      key: z.string().min(1).max(100),
      op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'exists']),
      value: z.union([AttributeValue, z.array(AttributeValue).min(1).max(500)]).optional(),
    })
    .strict()
    .refine((c) => c.op === 'exists' || c.value !== undefined, {
      message: 'value is required unless op is exists',
      path: ['value'],
    })
    .refine((c) => (c.op === 'in') === Array.isArray(c.value) || c.op === 'exists', {
      message: 'op in takes a list; the other operators take one value',
      path: ['value'],
    }),
  z
    .object({
      type: z.literal('customer.orderNumber'),
      /** This order is the customer's nth (1 = first order). */
      nth: z.number().int().positive().max(1_000_000).optional(),
      /** Every nth order (5 = the 5th, 10th, 15th …). */
      every: z.number().int().min(2).max(1_000_000).optional(),
    })
    .strict()
    .refine((c) => (c.nth === undefined) !== (c.every === undefined), {
      message: 'give exactly one of nth or every',
    }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const CAP_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type CapPeriod = (typeof CAP_PERIODS)[number];

export const EffectSchema = z.discriminatedUnion('type', [
  /** Points for every whole currency unit of the eligible lines. */
  z.object({ type: z.literal('points.perCurrencyUnit'), points }).strict(),
  z.object({ type: z.literal('points.fixed'), points }).strict(),
  /** The eligible lines' base points times percent/100, less the base already earned (200 = double). */
  z
    .object({
      type: z.literal('points.multiplier'),
      percent: z.number().int().min(101).max(100_000),
    })
    .strict(),
  z.object({ type: z.literal('issue.coupon'), couponBatchId: z.string().min(1).max(100) }).strict(),
  z.object({ type: z.literal('issue.reward'), rewardId: z.string().min(1).max(100) }).strict(),
]);
export type Effect = z.infer<typeof EffectSchema>;

export const CapsSchema = z
  .object({
    perOrder: points.optional(),
    perCustomer: z
      .object({ points, period: z.enum(CAP_PERIODS) })
      .strict()
      .optional(),
  })
  .strict();
export type Caps = z.infer<typeof CapsSchema>;

export const RuleDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    trigger: z.enum(RULE_TRIGGERS),
    /** The event name a custom rule listens to, e.g. `app.installed`. */
    customEvent: z
      .string()
      .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'lowercase letters, digits, dot, dash or underscore')
      .optional(),
    /** Higher runs first; ties by name. */
    priority: z.number().int().min(-1000).max(1000).default(0),
    startsAt: z.iso.datetime({ offset: true }).optional(),
    endsAt: z.iso.datetime({ offset: true }).optional(),
    lines: LineFilterSchema.optional(),
    conditions: z.array(ConditionSchema).max(50).default([]),
    effects: z.array(EffectSchema).min(1).max(20),
    caps: CapsSchema.optional(),
    /** Rules of lower priority are not evaluated once this one applied. */
    stopsLowerPriority: z.boolean().default(false),
  })
  .strict()
  .refine((r) => (r.trigger === 'custom') === (r.customEvent !== undefined), {
    message: 'customEvent is required for trigger custom, and only for it',
    path: ['customEvent'],
  })
  .refine((r) => !r.startsAt || !r.endsAt || Date.parse(r.startsAt) < Date.parse(r.endsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  })
  .refine((r) => r.trigger === 'order.placed' || !usesOrder(r), {
    message: 'order conditions, line filters and per-unit effects need trigger order.placed',
    path: ['trigger'],
  });
export type RuleDocument = z.infer<typeof RuleDocumentSchema>;

function usesOrder(rule: {
  lines?: unknown;
  conditions: { type: string }[];
  effects: { type: string }[];
}): boolean {
  return (
    rule.lines !== undefined ||
    rule.conditions.some((c) => c.type.startsWith('order.') || c.type === 'customer.orderNumber') ||
    rule.effects.some((e) => e.type === 'points.perCurrencyUnit' || e.type === 'points.multiplier')
  );
}

/** A rule as the engine sees it: its document plus identity. */
export interface Rule {
  id: string;
  version: number;
  document: RuleDocument;
}
