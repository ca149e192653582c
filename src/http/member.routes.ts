import { linkBase } from '../core/programme/programme.js';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { DEFAULT_PUBLIC_URL } from '../config.js';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import { cardSecretCache } from '../core/cards/card-secret.js';
import { resolveCardToken } from '../core/cards/cards.service.js';
import { getCustomer } from '../core/customers/customers.service.js';
import { getPointsSummary, listLedgerEntries } from '../core/ledger/ledger.service.js';
import { getMemberReferral, getReferralSettings } from '../core/referrals/referrals.service.js';
import { customerCoupons } from '../core/rewards/coupons.service.js';
import { localizeReward } from '../core/rewards/rewards.js';
import { memberRewards, redeemReward } from '../core/rewards/rewards.service.js';
import { DomainError } from '../core/shared/errors.js';
import { localizeTier } from '../core/tiers/tiers.js';
import { tierProgress } from '../core/tiers/tiers.service.js';
import { cardRepository, cardSecretStore } from '../app/customers.js';
import { messagingRepository } from '../app/messaging.js';
import { withReferrals } from '../app/rules.js';
import type { DB } from '../app/database.js';
import { tierRepository } from '../app/tiers.js';
import { withRewardRepositories } from '../app/rewards-deps.js';
import { inRequestTransaction, type AppDeps, type AppEnv, type UseCaseDeps } from './context.js';
import { presentCoupon } from './coupons.routes.js';
import { codedProblem, json, problem } from './openapi.js';
import { sameOriginJsonPosts } from './request-guards.js';
import {
  MemberRedeemConflict,
  MemberRedeemInvalid,
  MemberRedeemNotFound,
  MemberRedemptionView,
  MemberSummaryView,
  RedeemParams,
  RequiredIdempotencyHeader,
  TokenParam,
  expiringOf,
  presentHistory,
  presentReward,
  usableCoupons,
} from './member.views.js';

/** The token is in the URL: nothing may cache it or pass it on as a referrer. */
const PRIVATE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
};
const SVG_HEADERS = {
  'content-type': 'image/svg+xml; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};
const HISTORY_LENGTH = 20;

const privateHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(PRIVATE_HEADERS)) c.res.headers.set(name, value);
};

/** The domain says "Customer cus_… has 40 points"; the member gets the same fact in their terms. */
const inMemberTerms = (error: unknown): unknown => {
  if (!(error instanceof DomainError) || error.code !== 'insufficient_points') return error;
  const { requested, available } = error.details as { requested: number; available: number };
  return new DomainError(
    error.kind,
    error.code,
    `Not enough points: this reward needs ${requested}, you have ${available}`,
    error.details,
    [{ path: 'rewardId', message: `${requested - available} more points needed` }],
  );
};

/**
 * The member page's API, outside /v1 and without an API key: the signed card token is the
 * credential, and a forged, revoked or unknown one gets one 404. The page reads a summary of
 * the member (points, tier, rewards, referral, history) and may exchange points for a coupon.
 */
export const memberRoutes = (deps: Pick<AppDeps, 'clock' | 'cardSecret' | 'publicUrl'>) => {
  const { clock } = deps;
  const app = new OpenAPIHono<AppEnv>();
  const secret = cardSecretCache(deps.cardSecret);
  const cardOf = async (db: Kysely<DB>, token: string) =>
    resolveCardToken(
      { cards: cardRepository(db) },
      await secret({ secrets: cardSecretStore(db), clock }),
      token,
    );

  app.use('/m/api/*', privateHeaders, sameOriginJsonPosts);

  const summaryOf = async (uow: UseCaseDeps, token: string) => {
    const card = await cardOf(uow.db, token);
    const customer = await getCustomer(uow, card.customerId);
    // Settles due pending points and expiries first, so every figure below agrees.
    const points = await getPointsSummary(uow, uow.programme, customer.id);
    const rewardDeps = withRewardRepositories(uow);
    const catalogue = await memberRewards(rewardDeps, customer.id, { expose: true });
    const everReward = await rewardDeps.rewards.list({ includeArchived: true, activeOnly: false });
    // Programme texts in the member's language where translated, the default text elsewhere.
    const locale = customer.locale;
    const coupons = usableCoupons(
      await customerCoupons(rewardDeps, customer.id),
      new Map(everReward.map((r) => [r.id, localizeReward(r, locale).name])),
      uow.clock.now(),
    );
    const tiers = tierRepository(uow.db);
    const progress = (await uow.tiersConfigured())
      ? await tierProgress({ ...uow, tiers }, customer.id)
      : null;
    const tierNames = new Map(
      ((progress && (await tiers.config())?.tiers) ?? []).map((t) => [
        t.code,
        localizeTier(t, locale).name,
      ]),
    );
    const currentTier = progress?.tier ? localizeTier(progress.tier, locale) : null;
    const referrals = withReferrals(uow);
    const terms = await getReferralSettings(referrals);
    const referral = terms.enabled
      ? await getMemberReferral(
          referrals,
          customer.id,
          linkBase(uow.programme, deps.publicUrl ?? DEFAULT_PUBLIC_URL),
        )
      : null;
    const history = await listLedgerEntries(uow, customer.id, HISTORY_LENGTH, null);
    const sender = await messagingRepository(uow.db).settings();
    return {
      customer: {
        firstName: customer.firstName,
        name: [customer.firstName, customer.lastName].filter(Boolean).join(' ') || null,
        locale: customer.locale,
      },
      card: { cardId: card.id, token, qrSvgUrl: `/m/api/${token}/qr.svg` },
      points: {
        balance: points.balance,
        pending: points.pending,
        nextPendingRelease: points.nextPendingRelease
          ? {
              points: points.nextPendingRelease.points,
              releaseAt: points.nextPendingRelease.releaseAt.toISOString(),
            }
          : null,
        expiring: expiringOf(await uow.ledger.openLots(customer.id), uow.programme.timeZone),
      },
      tier: progress && {
        current: currentTier && {
          code: currentTier.code,
          name: currentTier.name,
          benefits: currentTier.benefits,
        },
        metric: progress.metric,
        value: progress.value,
        next: progress.next && {
          ...progress.next,
          name: tierNames.get(progress.next.code) ?? progress.next.name,
        },
      },
      rewards: catalogue.rewards.map(({ reward, reasons }) =>
        presentReward(localizeReward(reward, locale), reasons),
      ),
      coupons,
      referral: referral && {
        code: referral.code,
        link: referral.link,
        referrerPoints: terms.referrerPoints,
        friendPoints: terms.friendPoints,
      },
      history: presentHistory(history.entries),
      programme: {
        name: sender.fromName,
        currency: uow.programme.currency,
        pointsPerCurrencyUnit: uow.programme.pointsPerCurrencyUnit,
      },
    };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/m/api/{token}',
      tags: ['Member page'],
      security: [],
      summary: 'Everything the member page shows: card, points, tier, rewards, referral, history',
      request: { params: TokenParam },
      responses: {
        200: json(MemberSummaryView, 'The member'),
        404: problem('No active card for this token (forged, revoked or unknown alike)'),
      },
    }),
    async (c) => {
      const token = c.req.valid('param').token;
      return c.json(await inRequestTransaction(c, clock, (uow) => summaryOf(uow, token)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/m/api/{token}/qr.svg',
      tags: ['Member page'],
      security: [],
      summary: 'The member card QR code (encodes the token), as SVG',
      request: { params: TokenParam },
      responses: {
        200: { description: 'QR code', content: { 'image/svg+xml': { schema: z.string() } } },
        404: problem('No active card for this token'),
      },
    }),
    async (c) => {
      const token = c.req.valid('param').token;
      await cardOf(c.var.db, token);
      const svg = await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M' });
      return c.body(svg, 200, SVG_HEADERS);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/m/api/{token}/rewards/{rewardId}/redeem',
      tags: ['Member page'],
      security: [],
      summary: 'The member spends points on a reward and gets its coupon',
      description:
        'Needs content-type application/json (any JSON body; 415 otherwise) and an Idempotency-Key: a retry with the same key answers 200 with the same coupon and spends nothing more. Refusals write nothing: insufficient_points, out_of_stock, reward_limit_reached (409); tier_required, reward_not_available, reward_not_offered (a running experiment offers it to other arms) (422).',
      request: { params: RedeemParams, headers: RequiredIdempotencyHeader },
      responses: {
        201: json(MemberRedemptionView, 'Redeemed: the coupon'),
        200: json(MemberRedemptionView, 'This key already redeemed it: the same coupon'),
        400: problem('The Idempotency-Key header is missing'),
        403: problem('The request comes from another site (its Origin is not this server)'),
        404: codedProblem(MemberRedeemNotFound, 'No active card for this token, or no such reward'),
        409: codedProblem(MemberRedeemConflict, 'Not enough points, out of stock or limit reached'),
        415: problem('The request is not application/json'),
        422: codedProblem(
          MemberRedeemInvalid,
          'Not for this member or not now, or the key was used for another redemption',
        ),
      },
    }),
    async (c) => {
      const { token, rewardId } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      const result = await inRequestTransaction(c, clock, async (uow) => {
        const card = await cardOf(uow.db, token);
        const rewardDeps = withRewardRepositories(uow);
        const redeemed = await redeemReward(rewardDeps, {
          customerId: card.customerId,
          rewardId,
          idempotencyKey: `card:${card.id}:${key}`,
          actor: `card:${card.id}`,
        }).catch((error: unknown) => {
          throw inMemberTerms(error);
        });
        const reward = await rewardDeps.rewards.findById(redeemed.redemption.rewardId);
        const { locale } = await getCustomer(uow, card.customerId);
        const name = reward ? localizeReward(reward, locale).name : '';
        const { balance } = await getPointsSummary(uow, uow.programme, card.customerId);
        return { redeemed, reward: { id: rewardId, name }, balance };
      });
      const { redeemed } = result;
      if (!redeemed.created) c.header('idempotent-replayed', 'true');
      return c.json(
        {
          coupon: presentCoupon(redeemed.coupon),
          reward: result.reward,
          pointsSpent: redeemed.redemption.pointsSpent,
          balance: result.balance,
        },
        redeemed.created ? 201 : 200,
      );
    },
  );

  return app;
};
