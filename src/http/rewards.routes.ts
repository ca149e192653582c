import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  archiveReward,
  createReward,
  getReward,
  listRewards,
  memberRewards,
  redeemReward,
  updateReward,
} from '../core/rewards/rewards.service.js';
import {
  RewardInputSchema,
  RewardPatchSchema,
  flatBenefit,
  type Reward,
} from '../core/rewards/rewards.js';
import type { Clock } from '../core/shared/clock.js';
import { withRewardRepositories } from '../app/rewards-deps.js';
import { CouponView, presentCoupon } from './coupons.routes.js';
import { inRequestTransaction, useCaseDeps, type AppContext, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

const RewardView = z
  .object({
    id: z.string().openapi({ example: 'rwd_01JD3Q4X5Y6Z7A8B9C0D1E2F3G' }),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(['percent_discount', 'fixed_discount', 'free_product', 'sample', 'gift']),
    value: z.number().int().nullable().openapi({ description: 'percent_discount: percent off' }),
    valueMinor: z.number().int().nullable().openapi({ description: 'fixed_discount: amount off' }),
    currency: z.string().nullable().openapi({ description: 'fixed_discount: its currency' }),
    sku: z.string().nullable().openapi({ description: 'free_product or sample: the product' }),
    pointsCost: z.number().int(),
    stock: z.number().int().nullable().openapi({ description: 'Left to give; null = unlimited' }),
    perMemberLimit: z.number().int().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    tierCodes: z.array(z.string()).nullable(),
    couponValidityDays: z.number().int().nullable(),
    usesPerCoupon: z.number().int(),
    minBasketMinor: z.number().int().nullable(),
    active: z.boolean(),
    archivedAt: z.string().nullable(),
    issuedCount: z.number().int().openapi({ description: 'Coupons given so far' }),
    translations: z
      .record(
        z.string(),
        z.object({ name: z.string().optional(), description: z.string().optional() }),
      )
      .openapi({ description: 'Per locale code: the name and description members of it read' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Reward');

const presentReward = (r: Reward): z.infer<typeof RewardView> => {
  const b = flatBenefit(r.benefit);
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: b.kind,
    value: b.percent,
    valueMinor: b.valueMinor,
    currency: b.currency,
    sku: b.sku,
    pointsCost: r.pointsCost,
    stock: r.stock,
    perMemberLimit: r.perMemberLimit,
    validFrom: iso(r.validFrom),
    validUntil: iso(r.validUntil),
    tierCodes: r.tierCodes,
    couponValidityDays: r.couponValidityDays,
    usesPerCoupon: r.usesPerCoupon,
    minBasketMinor: r.minBasketMinor,
    translations: r.translations,
    active: r.active,
    archivedAt: iso(r.archivedAt),
    issuedCount: r.issuedCount,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
};

const ReasonView = z.object({
  code: z.enum([
    'reward_not_available',
    'not_yet_valid',
    'expired',
    'tier_required',
    'reward_limit_reached',
    'out_of_stock',
    'insufficient_points',
  ]),
  message: z.string(),
  pointsMissing: z.number().int().optional(),
  tierCodes: z.array(z.string()).optional(),
});

const MemberRewardsView = z
  .object({
    customerId: z.string(),
    balance: z.number().int(),
    tierCode: z.string().nullable(),
    rewards: z.array(RewardView.extend({ eligible: z.boolean(), reasons: z.array(ReasonView) })),
  })
  .openapi('MemberRewards');

const RedemptionResponse = z
  .object({
    redemption: z.object({
      id: z.string(),
      rewardId: z.string(),
      customerId: z.string(),
      pointsSpent: z.number().int(),
      entryId: z.string().nullable().openapi({ description: 'The ledger entry that spent them' }),
      createdAt: z.string(),
    }),
    coupon: CouponView,
  })
  .openapi('RewardRedemption');

// A till that retries must not spend twice, so the key cannot be left to chance.
const RequiredIdempotencyHeader = z.object({
  'idempotency-key': z
    .string({ error: 'required: send an Idempotency-Key header, unique per redemption' })
    .min(1)
    .max(255)
    .openapi({ description: 'Required. Retrying with the same key returns the same coupon' }),
});

const RewardIdParam = IdParam('id', 'rwd_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
const RedeemParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G' }),
  rewardId: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: 'rewardId', in: 'path' },
      example: 'rwd_01JD3Q4X5Y6Z7A8B9C0D1E2F3G',
    }),
});

/** The rewards catalogue (admin), what a member may redeem, and redeeming (admin or POS). */
export const rewardRoutes = (clock: Clock) => {
  const app = new OpenAPIHono<AppEnv>();
  const deps = async (c: AppContext) => withRewardRepositories(await useCaseDeps(c, clock));

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/rewards',
      tags: ['Rewards'],
      summary: 'Add a reward to the catalogue',
      request: { headers: IdempotencyHeader, body: jsonBody(RewardInputSchema) },
      responses: {
        201: json(RewardView, 'Created'),
        ...commonErrors,
        422: problem('A fixed discount in another currency than the programme’s'),
      },
    }),
    async (c) => c.json(presentReward(await createReward(await deps(c), c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/rewards',
      tags: ['Rewards'],
      summary: 'The catalogue, oldest first (archived rewards on request)',
      request: {
        query: z.object({
          includeArchived: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
      },
      responses: {
        200: json(z.object({ rewards: z.array(RewardView) }), 'Rewards'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const rewards = await listRewards(await deps(c), c.req.valid('query').includeArchived);
      return c.json({ rewards: rewards.map(presentReward) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/rewards/{id}',
      tags: ['Rewards'],
      summary: 'A reward',
      request: { params: RewardIdParam },
      responses: {
        200: json(RewardView, 'The reward'),
        ...commonErrors,
        404: problem('No such reward'),
      },
    }),
    async (c) =>
      c.json(presentReward(await getReward(await deps(c), c.req.valid('param').id!)), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/rewards/{id}',
      tags: ['Rewards'],
      summary: 'Change a reward; coupons already issued keep their terms',
      request: {
        params: RewardIdParam,
        headers: IdempotencyHeader,
        body: jsonBody(RewardPatchSchema),
      },
      responses: {
        200: json(RewardView, 'Updated'),
        ...commonErrors,
        404: problem('No such reward'),
        409: problem('The reward is archived'),
        422: problem('The reward as changed is invalid (fields of another kind, say)'),
      },
    }),
    async (c) => {
      const reward = await updateReward(
        await deps(c),
        c.req.valid('param').id!,
        c.req.valid('json'),
      );
      return c.json(presentReward(reward), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/rewards/{id}/archive',
      tags: ['Rewards'],
      summary: 'Archive a reward (instead of deleting it): no longer offered, coupons stay valid',
      request: { params: RewardIdParam, headers: IdempotencyHeader },
      responses: {
        200: json(RewardView, 'Archived (now or before)'),
        ...commonErrors,
        404: problem('No such reward'),
      },
    }),
    async (c) =>
      c.json(presentReward(await archiveReward(await deps(c), c.req.valid('param').id!)), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/rewards',
      tags: ['Rewards'],
      summary: 'Every active reward, whether this member may redeem it now, and if not why',
      request: { params: CustomerIdParam },
      responses: {
        200: json(MemberRewardsView, 'The member’s view of the catalogue'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const view = await inRequestTransaction(c, clock, (uow) =>
        memberRewards(withRewardRepositories(uow), c.req.valid('param').id!),
      );
      return c.json(
        {
          customerId: view.customerId,
          balance: view.balance,
          tierCode: view.tierCode,
          rewards: view.rewards.map(({ reward, reasons }) => ({
            ...presentReward(reward),
            eligible: reasons.length === 0,
            reasons,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/rewards/{rewardId}/redeem',
      tags: ['Rewards'],
      summary: 'Spend the member’s points on a reward and issue its coupon',
      description:
        'Stock, the per-member limit, the tier and the points are checked and taken atomically; a refusal writes nothing. Codes: out_of_stock, reward_limit_reached, insufficient_points (409); tier_required, reward_not_available, reward_not_offered (a running experiment offers it to other arms) (422).',
      request: { params: RedeemParams, headers: RequiredIdempotencyHeader },
      responses: {
        201: json(RedemptionResponse, 'Redeemed: the coupon'),
        200: json(RedemptionResponse, 'This key already redeemed it: the same coupon'),
        ...commonErrors,
        404: problem('No such customer or reward'),
        409: problem('out_of_stock, reward_limit_reached or insufficient_points'),
        422: problem('tier_required, reward_not_available or reward_not_offered'),
      },
    }),
    async (c) => {
      const params = c.req.valid('param');
      const result = await redeemReward(await deps(c), {
        customerId: params.id,
        rewardId: params.rewardId,
        idempotencyKey: `${c.var.principal.keyId}:${c.req.valid('header')['idempotency-key']}`,
        actor: c.var.principal.keyId,
      });
      const r = result.redemption;
      return c.json(
        {
          redemption: {
            id: r.id,
            rewardId: r.rewardId,
            customerId: r.customerId,
            pointsSpent: r.pointsSpent,
            entryId: r.entryId,
            createdAt: r.createdAt.toISOString(),
          },
          coupon: presentCoupon(result.coupon),
        },
        result.created ? 201 : 200,
      );
    },
  );

  return app;
};
