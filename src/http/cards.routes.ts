import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import QRCode from 'qrcode';
import { cardSecretCache } from '../core/cards/card-secret.js';
import {
  awardByCard,
  getOrIssueCard,
  identifyMember,
  redeemByCard,
  rotateCard,
  type CardMember,
  type IssuedCard,
} from '../core/cards/cards.service.js';
import { cardRepository, cardSecretStore } from '../app/customers.js';
import {
  inRequestTransaction,
  useCaseDeps,
  type AppContext,
  type AppDeps,
  type AppEnv,
  type UseCaseDeps,
} from './context.js';
import { IdParam, commonErrors, json, jsonBody, problem } from './openapi.js';
import { EntryView, presentEntry } from './presenters.js';

const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');
// Any string is accepted here: a malformed token gets the same 404 as a forged or revoked one.
const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(1000)
    .openapi({
      param: { name: 'token', in: 'path' },
      description: 'The token from the member card QR code',
      example:
        'Y3JkXzAxSkQzUTRYNVk2WjdBOEI5QzBEMUUyRjNH.hyBGzIKG3mx4KB_mpd65ssM8rWFo0u9lyjpueW9LziU',
    }),
});
const MAX_POINTS = 1_000_000_000;

// POS writes cannot fall back to a generated key: a till that retries must not count twice.
const RequiredIdempotencyHeader = z.object({
  'idempotency-key': z
    .string({ error: 'required: send an Idempotency-Key header, unique per award or redemption' })
    .min(1)
    .max(255)
    .openapi({ description: 'Required. Retrying with the same key and body counts once' }),
});

const AwardBody = z
  .object({
    points: z.number().int().positive().max(MAX_POINTS),
    reason: z.string().min(3).max(500),
  })
  .openapi('CardAward');

const RedeemBody = z
  .object({
    points: z.number().int().positive().max(MAX_POINTS),
    reason: z.string().max(500).optional(),
  })
  .openapi('CardRedeem');

const CardView = z
  .object({
    cardId: z.string(),
    customerId: z.string(),
    issuedAt: z.string(),
    token: z.string().openapi({ description: 'What the QR code encodes; names the card only' }),
    qrSvgUrl: z.string(),
    memberPageUrl: z.string(),
  })
  .openapi('MemberCard');

const CardMemberView = z
  .object({
    cardId: z.string(),
    customerId: z.string(),
    name: z.string().nullable(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    balance: z.number().int(),
    pending: z.number().int(),
    nextExpiring: z.object({ points: z.number().int(), expiresAt: z.string() }).nullable(),
    tier: z.object({ code: z.string(), name: z.string() }).nullable(),
  })
  .openapi('CardMember');

const CardPointsView = z.object({ entry: EntryView, member: CardMemberView }).openapi('CardPoints');

const NO_STORE = { 'cache-control': 'no-store' };
const SVG_HEADERS = {
  ...NO_STORE,
  'content-type': 'image/svg+xml; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
};

const presentCard = ({ card, token }: IssuedCard): z.infer<typeof CardView> => ({
  cardId: card.id,
  customerId: card.customerId,
  issuedAt: card.issuedAt.toISOString(),
  token,
  qrSvgUrl: `/v1/customers/${card.customerId}/card.svg`,
  memberPageUrl: `/m/${token}`,
});

const presentMember = (m: CardMember): z.infer<typeof CardMemberView> => ({
  cardId: m.card.id,
  customerId: m.customer.id,
  name: [m.customer.firstName, m.customer.lastName].filter(Boolean).join(' ') || null,
  firstName: m.customer.firstName,
  lastName: m.customer.lastName,
  balance: m.points.balance,
  pending: m.points.pending,
  nextExpiring: m.points.nextExpiring
    ? {
        points: m.points.nextExpiring.points,
        expiresAt: m.points.nextExpiring.expiresAt.toISOString(),
      }
    : null,
  tier: m.tier,
});

/**
 * Member cards: the admin side (issue, show as QR, rotate) and the store side (scan, then look
 * up, award or redeem). The QR code carries a signed token naming the card, never the customer.
 */
export const cardRoutes = (deps: Pick<AppDeps, 'clock' | 'cardSecret'>) => {
  const { clock } = deps;
  const app = new OpenAPIHono<AppEnv>();
  const secret = cardSecretCache(deps.cardSecret);
  const cardDeps = async (c: AppContext, useCase?: UseCaseDeps) => {
    const base = useCase ?? (await useCaseDeps(c, clock));
    return {
      deps: { ...base, cards: cardRepository(base.db) },
      secret: await secret({ secrets: cardSecretStore(base.db), clock }),
    };
  };
  const ledgerKey = (c: AppContext, key: string) => `${c.var.principal.keyId}:${key}`;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/card',
      tags: ['Member cards'],
      summary: 'The member card and its QR token (issued on first request)',
      request: { params: CustomerIdParam },
      responses: {
        200: json(CardView, 'The active card'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('The customer was erased: no card is issued'),
      },
    }),
    async (c) => {
      const { deps, secret } = await cardDeps(c);
      const issued = await getOrIssueCard(deps, secret, c.req.valid('param').id as string);
      return c.json(presentCard(issued), 200, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/card.svg',
      tags: ['Member cards'],
      summary: 'The member card QR code (encodes the token), as SVG',
      request: { params: CustomerIdParam },
      responses: {
        200: { description: 'QR code', content: { 'image/svg+xml': { schema: z.string() } } },
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('The customer was erased: no card is issued'),
      },
    }),
    async (c) => {
      const { deps, secret } = await cardDeps(c);
      const { token } = await getOrIssueCard(deps, secret, c.req.valid('param').id as string);
      const svg = await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M' });
      return c.body(svg, 200, SVG_HEADERS);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/customers/{id}/card/rotate',
      tags: ['Member cards'],
      summary: 'Replace the member card: the old token stops working at once',
      request: { params: CustomerIdParam },
      responses: {
        201: json(CardView, 'The new card'),
        ...commonErrors,
        404: problem('No such customer'),
        409: problem('The customer was erased: no card is issued'),
      },
    }),
    async (c) => {
      const { deps, secret } = await cardDeps(c);
      const issued = await rotateCard(deps, secret, c.req.valid('param').id as string);
      return c.json(presentCard(issued), 201, NO_STORE);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/pos/cards/{token}',
      tags: ['Member cards'],
      summary: 'Identify a member by the scanned card: name, points, tier',
      request: { params: TokenParam },
      responses: {
        200: json(CardMemberView, 'The member'),
        ...commonErrors,
        404: problem('No active card for this token (forged, revoked or unknown alike)'),
      },
    }),
    async (c) => {
      const member = await inRequestTransaction(c, clock, async (uow) => {
        const { deps, secret } = await cardDeps(c, uow);
        return identifyMember(deps, secret, c.req.valid('param').token);
      });
      return c.json(presentMember(member), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/pos/cards/{token}/award',
      tags: ['Member cards'],
      summary: 'Credit points to the scanned member, with a reason',
      request: {
        params: TokenParam,
        headers: RequiredIdempotencyHeader,
        body: jsonBody(AwardBody),
      },
      responses: {
        201: json(CardPointsView, 'Awarded'),
        ...commonErrors,
        404: problem('No active card for this token'),
      },
    }),
    async (c) => {
      const { deps, secret } = await cardDeps(c);
      const body = c.req.valid('json');
      const result = await awardByCard(deps, secret, {
        token: c.req.valid('param').token,
        points: body.points,
        reason: body.reason,
        actor: c.var.principal.keyId,
        idempotencyKey: ledgerKey(c, c.req.valid('header')['idempotency-key']),
      });
      return c.json(
        { entry: presentEntry(result.entry), member: presentMember(result.member) },
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/pos/cards/{token}/redeem',
      tags: ['Member cards'],
      summary: 'Spend the scanned member’s points (oldest-expiring first); never overdraws',
      request: {
        params: TokenParam,
        headers: RequiredIdempotencyHeader,
        body: jsonBody(RedeemBody),
      },
      responses: {
        201: json(CardPointsView, 'Redeemed'),
        ...commonErrors,
        404: problem('No active card for this token'),
        409: problem('Not enough points'),
      },
    }),
    async (c) => {
      const { deps, secret } = await cardDeps(c);
      const body = c.req.valid('json');
      const result = await redeemByCard(deps, secret, {
        token: c.req.valid('param').token,
        points: body.points,
        reason: body.reason ?? null,
        actor: c.var.principal.keyId,
        idempotencyKey: ledgerKey(c, c.req.valid('header')['idempotency-key']),
      });
      return c.json(
        { entry: presentEntry(result.entry), member: presentMember(result.member) },
        201,
      );
    },
  );

  return app;
};
