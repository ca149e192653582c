import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  batchCodes,
  createBatch,
  customerCoupons,
  getBatch,
  listBatches,
  redeemCoupon,
  releaseCoupon,
  validateCoupon,
  voidCoupon,
  type BatchView,
} from '../core/rewards/coupons.service.js';
import {
  BasketSchema,
  BatchInputSchema,
  type Coupon,
  type CouponRedemption,
} from '../core/rewards/coupons.js';
import type { Benefit } from '../core/rewards/rewards.js';
import type { Clock } from '../core/shared/clock.js';
import { withRewardRepositories } from '../app/rewards-deps.js';
import { useCaseDeps, type AppContext, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

/** A benefit as flat fields: only those of its kind are set. */
const benefitFields = (b: Benefit) => ({
  kind: b.kind,
  value: b.kind === 'percent_discount' ? b.value : null,
  valueMinor: b.kind === 'fixed_discount' ? b.valueMinor : null,
  sku: b.kind === 'free_product' || b.kind === 'sample' ? b.sku : null,
});

const BenefitFields = {
  kind: z.enum(['percent_discount', 'fixed_discount', 'free_product', 'sample', 'gift']),
  value: z.number().int().nullable().openapi({ description: 'percent_discount: percent off' }),
  valueMinor: z.number().int().nullable().openapi({ description: 'fixed_discount: amount off' }),
  sku: z.string().nullable().openapi({ description: 'free_product or sample: the product' }),
};

export const CouponView = z
  .object({
    id: z.string(),
    code: z.string().openapi({ example: '7KQ2-MX9D-A4TR-0ZCF' }),
    customerId: z.string().nullable(),
    rewardId: z.string().nullable(),
    batchId: z.string().nullable(),
    ...BenefitFields,
    description: z.string().nullable().openapi({ description: 'gift: what the gift is' }),
    currency: z.string(),
    minBasketMinor: z.number().int().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    usesAllowed: z.number().int(),
    usesCount: z.number().int(),
    usesLeft: z.number().int(),
    status: z.enum(['active', 'void']),
    voidedAt: z.string().nullable(),
    voidReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Coupon');

export const presentCoupon = (c: Coupon): z.infer<typeof CouponView> => ({
  id: c.id,
  code: c.code,
  customerId: c.customerId,
  rewardId: c.rewardId,
  batchId: c.batchId,
  ...benefitFields(c.benefit),
  description: c.benefit.kind === 'gift' ? c.benefit.description : null,
  currency: c.currency,
  minBasketMinor: c.minBasketMinor,
  validFrom: iso(c.validFrom),
  validUntil: iso(c.validUntil),
  usesAllowed: c.usesAllowed,
  usesCount: c.usesCount,
  usesLeft: Math.max(0, c.usesAllowed - c.usesCount),
  status: c.status,
  voidedAt: iso(c.voidedAt),
  voidReason: c.voidReason,
  createdAt: c.createdAt.toISOString(),
});

const BatchResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    ...BenefitFields,
    currency: z.string(),
    minBasketMinor: z.number().int().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    usesPerCode: z.number().int(),
    onePerCustomer: z.boolean(),
    createdAt: z.string(),
    counts: z.object({
      issued: z.number().int().openapi({ description: 'Codes in the batch' }),
      redeemed: z.number().int().openapi({ description: 'Redemptions in force' }),
      codesUsed: z.number().int().openapi({ description: 'Codes used at least once' }),
      released: z.number().int().openapi({ description: 'Redemptions released' }),
    }),
  })
  .openapi('CouponBatch');

const presentBatch = ({ batch: b, counts }: BatchView): z.infer<typeof BatchResponse> => ({
  id: b.id,
  name: b.name,
  ...benefitFields(b.benefit),
  currency: b.currency,
  minBasketMinor: b.minBasketMinor,
  validFrom: iso(b.validFrom),
  validUntil: iso(b.validUntil),
  usesPerCode: b.usesPerCode,
  onePerCustomer: b.onePerCustomer,
  createdAt: b.createdAt.toISOString(),
  counts,
});

const RedemptionView = z
  .object({
    id: z.string(),
    couponId: z.string(),
    code: z.string(),
    customerId: z.string().nullable(),
    orderExternalId: z.string(),
    discountMinor: z.number().int(),
    currency: z.string(),
    status: z.enum(['redeemed', 'released']),
    redeemedAt: z.string(),
    releasedAt: z.string().nullable(),
  })
  .openapi('CouponRedemption');

const presentRedemption = (r: CouponRedemption): z.infer<typeof RedemptionView> => ({
  id: r.id,
  couponId: r.couponId,
  code: r.code,
  customerId: r.customerId,
  orderExternalId: r.orderExternalId,
  discountMinor: r.discountMinor,
  currency: r.currency,
  status: r.status,
  redeemedAt: r.redeemedAt.toISOString(),
  releasedAt: iso(r.releasedAt),
});

const code = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .openapi({ description: 'As typed: case, spaces and dashes do not matter' });
const orderExternalId = z.string().trim().min(1).max(200);

const ValidateBody = z
  .object({
    code,
    customerId: z.string().min(1).max(100).optional(),
    basket: BasketSchema,
  })
  .strict()
  .openapi('CouponCheck');
const RedeemBody = ValidateBody.extend({ orderExternalId }).openapi('CouponRedeem');
const ReleaseBody = z.object({ code, orderExternalId }).strict().openapi('CouponRelease');
const VoidBody = z
  .object({ code, reason: z.string().trim().min(3).max(500) })
  .strict()
  .openapi('CouponVoid');

const ValidationView = z
  .object({
    valid: z.boolean(),
    discountMinor: z.number().int().openapi({ description: 'What it takes off; 0 if not valid' }),
    currency: z.string(),
    reasons: z.array(z.object({ code: z.string(), message: z.string(), path: z.string() })),
    coupon: CouponView.nullable(),
  })
  .openapi('CouponValidation');

const BatchIdParam = IdParam('id', 'cpb_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

const csvField = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const codesCsv = (codes: Coupon[]) =>
  [
    'code,customer_id,uses_allowed,uses_count,status,valid_from,valid_until',
    ...codes.map((c) =>
      [
        c.code,
        c.customerId,
        c.usesAllowed,
        c.usesCount,
        c.status,
        iso(c.validFrom),
        iso(c.validUntil),
      ]
        .map(csvField)
        .join(','),
    ),
  ].join('\r\n') + '\r\n';

/**
 * Coupons at checkout (validate → redeem → release, for admin and POS keys) and promotional
 * batches (admin). Checkout writes are idempotent by (code, orderExternalId) even without an
 * Idempotency-Key.
 */
export const couponRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = async (c: AppContext) => withRewardRepositories(await useCaseDeps(c, clock));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/coupon-batches',
      tags: ['Coupons'],
      summary: 'Create a promotional batch of unique codes (up to 100,000, in one transaction)',
      request: { headers: IdempotencyHeader, body: jsonBody(BatchInputSchema) },
      responses: {
        201: json(BatchResponse, 'The batch; export its codes from /codes'),
        ...commonErrors,
        422: problem('A fixed discount in another currency than the programme’s'),
      },
    }),
    async (c) => {
      const view = await createBatch(await deps(c), c.req.valid('json'));
      return c.json(presentBatch(view), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/coupon-batches',
      tags: ['Coupons'],
      summary: 'Promotional batches, newest first, with their counts',
      responses: {
        200: json(z.object({ batches: z.array(BatchResponse) }), 'Batches'),
        ...commonErrors,
      },
    }),
    async (c) => c.json({ batches: (await listBatches(await deps(c))).map(presentBatch) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/coupon-batches/{id}',
      tags: ['Coupons'],
      summary: 'A batch with its counts: codes issued, redeemed, released',
      request: { params: BatchIdParam },
      responses: {
        200: json(BatchResponse, 'The batch'),
        ...commonErrors,
        404: problem('No such batch'),
      },
    }),
    async (c) => c.json(presentBatch(await getBatch(await deps(c), c.req.valid('param').id!)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/coupon-batches/{id}/codes',
      tags: ['Coupons'],
      summary: 'Export the codes of a batch (CSV or JSON)',
      request: {
        params: BatchIdParam,
        query: z.object({ format: z.enum(['csv', 'json']).default('json') }),
      },
      responses: {
        200: {
          description: 'The codes',
          content: {
            'application/json': { schema: z.object({ codes: z.array(CouponView) }) },
            'text/csv': { schema: z.string() },
          },
        },
        ...commonErrors,
        404: problem('No such batch'),
      },
    }),
    async (c) => {
      const { batch, codes } = await batchCodes(await deps(c), c.req.valid('param').id!);
      if (c.req.valid('query').format === 'json') {
        return c.json({ codes: codes.map(presentCoupon) }, 200);
      }
      return c.body(codesCsv(codes), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${batch.id}-codes.csv"`,
        'cache-control': 'no-store',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/coupons/validate',
      tags: ['Coupons'],
      summary: 'May this code be used on this basket, for how much, and if not why; writes nothing',
      request: { body: jsonBody(ValidateBody) },
      responses: {
        200: json(ValidationView, 'The answer, valid or not'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const result = await validateCoupon(await deps(c), {
        code: body.code,
        customerId: body.customerId ?? null,
        basket: body.basket,
      });
      return c.json(
        {
          valid: result.valid,
          discountMinor: result.discountMinor,
          currency: body.basket.currency,
          reasons: result.reasons,
          coupon: result.coupon ? presentCoupon(result.coupon) : null,
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/coupons/redeem',
      tags: ['Coupons'],
      summary: 'Use a code on an order; the same code and order again return the same redemption',
      request: { headers: IdempotencyHeader, body: jsonBody(RedeemBody) },
      responses: {
        201: json(RedemptionView, 'Redeemed'),
        200: json(RedemptionView, 'Already redeemed for this order: the same redemption'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('coupon_used_up: every use is taken; or the order released it'),
        422: problem('The coupon cannot be used: code coupon_<reason>, every reason in errors'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { redemption, created } = await redeemCoupon(await deps(c), {
        code: body.code,
        orderExternalId: body.orderExternalId,
        customerId: body.customerId ?? null,
        basket: body.basket,
      });
      return c.json(presentRedemption(redemption), created ? 201 : 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/coupons/release',
      tags: ['Coupons'],
      summary: 'The order was cancelled: release its redemption and give the use back (idempotent)',
      request: { headers: IdempotencyHeader, body: jsonBody(ReleaseBody) },
      responses: {
        200: json(RedemptionView, 'Released (now or before)'),
        ...commonErrors,
        404: problem('No such code, or it was not redeemed for this order'),
      },
    }),
    async (c) => {
      const { redemption } = await releaseCoupon(await deps(c), c.req.valid('json'));
      return c.json(presentRedemption(redemption), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/coupons/void',
      tags: ['Coupons'],
      summary: 'Withdraw a coupon for good, with a reason (admin)',
      request: { headers: IdempotencyHeader, body: jsonBody(VoidBody) },
      responses: {
        200: json(CouponView, 'The void coupon'),
        ...commonErrors,
        404: problem('No such code'),
      },
    }),
    async (c) => c.json(presentCoupon(await voidCoupon(await deps(c), c.req.valid('json'))), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/coupons',
      tags: ['Coupons'],
      summary: 'The coupons bound to a member, newest first',
      request: { params: CustomerIdParam },
      responses: {
        200: json(z.object({ coupons: z.array(CouponView) }), 'Coupons'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const coupons = await customerCoupons(await deps(c), c.req.valid('param').id!);
      return c.json({ coupons: coupons.map(presentCoupon) }, 200);
    },
  );

  return app;
};
