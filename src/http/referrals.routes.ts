import { linkBase, type ProgrammeSettings } from '../core/programme/programme.js';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  AttributeReferralSchema,
  REFERRAL_STATUSES,
  ReferralSettingsSchema,
  type Referral,
  type ReferralSettings,
} from '../core/referrals/referrals.js';
import {
  attributeReferral,
  getMemberReferral,
  getReferralSettings,
  listReferrals,
  updateReferralSettings,
} from '../core/referrals/referrals.service.js';
import {
  ReferralStatsQuerySchema,
  referralProgrammeStats,
} from '../core/referrals/referrals.stats.js';
import { DEFAULT_PUBLIC_URL } from '../config.js';
import type { Clock } from '../core/shared/clock.js';
import { referralStatsSource } from '../app/analytics.js';
import { withReferrals } from '../app/rules.js';
import { useCaseDeps, type AppContext, type AppEnv } from './context.js';
import { IdParam, IdempotencyHeader, commonErrors, json, jsonBody, problem } from './openapi.js';
import { iso } from './presenters.js';

export interface ReferralRouteDeps {
  clock: Clock;
  /** The server's public URL (REGULARS_PUBLIC_URL), the default base of referral links. */
  publicUrl?: string;
}

const ReferralSettingsView = z
  .object({
    enabled: z.boolean(),
    referrerPoints: z.number().int(),
    friendPoints: z.number().int(),
    minOrderMinor: z.number().int(),
    currency: z.string().openapi({ description: 'The programme currency minOrderMinor is in' }),
    maxConversionsPerReferrer: z.number().int().nullable(),
    linkBaseUrl: z.string().openapi({ description: 'The base in force (stored or default)' }),
    linkBaseUrlIsDefault: z.boolean(),
    updatedAt: z.string().nullable(),
  })
  .openapi('ReferralSettings');

const MemberReferralView = z
  .object({
    customerId: z.string(),
    code: z.string().openapi({ example: 'K7QM4XTB' }),
    link: z.string().openapi({ example: 'https://shop.example/r/K7QM4XTB' }),
    stats: z.object({
      invited: z.number().int(),
      converted: z.number().int(),
      reversed: z.number().int(),
      pointsEarned: z.number().int(),
    }),
  })
  .openapi('MemberReferral');

const ReferralView = z
  .object({
    id: z.string().openapi({ example: 'ref_01JD3Q4X5Y6Z7A8B9C0D1E2F3G' }),
    code: z.string(),
    referrerId: z.string().nullable(),
    referredId: z.string(),
    status: z.enum(REFERRAL_STATUSES),
    reason: z.string().nullable().openapi({
      description:
        'Why it was refused, or referrer_cap_reached on a conversion without referrer points',
    }),
    source: z.enum(['signup', 'api']),
    orderId: z.string().nullable(),
    minOrderMinor: z.number().int().nullable(),
    referrerPoints: z.number().int(),
    friendPoints: z.number().int(),
    referrerPointsUnrecovered: z.number().int(),
    friendPointsUnrecovered: z.number().int(),
    returnId: z.string().nullable(),
    createdAt: z.string(),
    convertedAt: z.string().nullable(),
    reversedAt: z.string().nullable(),
  })
  .openapi('Referral');

const ReferralPageView = z
  .object({ referrals: z.array(ReferralView), nextCursor: z.string().nullable() })
  .openapi('ReferralPage');

const int = () => z.number().int();

const ReferralStatsView = z
  .object({
    from: z.string().nullable().openapi({ description: 'First day counted; null = all time' }),
    to: z.string().nullable().openapi({ description: 'Last day counted; null = up to now' }),
    referrals: z.object({
      total: int().openapi({ description: 'Made in the window, refused ones included' }),
      pending: int().openapi({ description: 'Made in the window, still pending' }),
      converted: int().openapi({ description: 'Converted in the window and not reversed' }),
      reversed: int().openapi({ description: 'Reversed in the window' }),
      refused: int().openapi({ description: 'Made in the window and refused' }),
    }),
    conversionRatePercent: z.number().nullable().openapi({
      description: 'converted / (total − refused), percent with two decimals; null when 0',
    }),
    pointsAwarded: z
      .object({ referrers: int(), friends: int(), reversed: int() })
      .openapi({ description: 'Points of the referral awards’ ledger entries in the window' }),
    topReferrers: z.array(
      z.object({
        customerId: z.string(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        converted: int(),
        pointsEarned: int(),
      }),
    ),
  })
  .openapi('ReferralProgrammeStats');

const ListQuery = z.object({
  status: z.enum(REFERRAL_STATUSES).optional(),
  referrerId: z.string().min(1).max(100).optional(),
  referredId: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});

const presentReferral = (r: Referral): z.infer<typeof ReferralView> => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
  convertedAt: iso(r.convertedAt),
  reversedAt: iso(r.reversedAt),
});

const CustomerIdParam = IdParam('id', 'cus_01JD3Q4X5Y6Z7A8B9C0D1E2F3G');

export const referralRoutes = (deps: ReferralRouteDeps) => {
  const { clock } = deps;
  const serverBase = deps.publicUrl ?? DEFAULT_PUBLIC_URL;
  // The programme's public URL, when set, is the default base of referral links.
  const defaultBase = (programme: ProgrammeSettings) => linkBase(programme, serverBase);
  const app = new OpenAPIHono<AppEnv>();

  const referralDeps = async (c: AppContext) => withReferrals(await useCaseDeps(c, clock));
  const presentSettings = (s: ReferralSettings, programme: ProgrammeSettings) => ({
    enabled: s.enabled,
    referrerPoints: s.referrerPoints,
    friendPoints: s.friendPoints,
    minOrderMinor: s.minOrderMinor,
    currency: programme.currency,
    maxConversionsPerReferrer: s.maxConversionsPerReferrer,
    linkBaseUrl: s.linkBaseUrl ?? defaultBase(programme),
    linkBaseUrlIsDefault: s.linkBaseUrl === null,
    updatedAt: iso(s.updatedAt),
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals/settings',
      tags: ['Referrals'],
      summary: 'The referral programme’s terms (admin)',
      responses: { 200: json(ReferralSettingsView, 'Settings'), ...commonErrors },
    }),
    async (c) => {
      const d = await referralDeps(c);
      return c.json(presentSettings(await getReferralSettings(d), d.programme), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/referrals/settings',
      tags: ['Referrals'],
      summary: 'Replace the referral programme’s terms (admin)',
      description:
        'Points for each side, the smallest order (in minor units of the programme currency) that converts, the yearly cap of paid conversions per referrer (null = none), and the base of referral links (null or absent = the programme’s publicUrl, else REGULARS_PUBLIC_URL).',
      request: { headers: IdempotencyHeader, body: jsonBody(ReferralSettingsSchema) },
      responses: { 200: json(ReferralSettingsView, 'Saved'), ...commonErrors },
    }),
    async (c) => {
      const d = await referralDeps(c);
      const saved = await updateReferralSettings(d, c.req.valid('json'));
      return c.json(presentSettings(saved, d.programme), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/customers/{id}/referral',
      tags: ['Referrals'],
      summary: 'A member’s referral code and link (issued on first request) and their results',
      request: { params: CustomerIdParam },
      responses: {
        200: json(MemberReferralView, 'Code, link and stats'),
        ...commonErrors,
        404: problem('No such customer'),
      },
    }),
    async (c) => {
      const d = await referralDeps(c);
      const view = await getMemberReferral(
        d,
        c.req.valid('param').id as string,
        defaultBase(d.programme),
      );
      return c.json(view, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals',
      tags: ['Referrals'],
      summary: 'Referrals, newest first (admin)',
      request: { query: ListQuery },
      responses: { 200: json(ReferralPageView, 'A page of referrals'), ...commonErrors },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const page = await listReferrals(await referralDeps(c), query);
      return c.json(
        { referrals: page.referrals.map(presentReferral), nextCursor: page.nextCursor },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/referrals/stats',
      tags: ['Referrals'],
      summary: 'The referral programme’s figures, all time or for a window of days (admin)',
      description:
        'from and to are optional inclusive calendar dates in the programme time zone. Referrals made, pending and refused count by when they were made; converted and reversed by when that happened. Points are the ledger entries the referral awards posted and reversed, by when they took effect. Top referrers: up to 10, by conversions in the window that stand.',
      request: { query: ReferralStatsQuerySchema },
      responses: { 200: json(ReferralStatsView, 'The figures'), ...commonErrors },
    }),
    async (c) => {
      const { programme } = await useCaseDeps(c, clock);
      const stats = await referralProgrammeStats(
        { referralStats: referralStatsSource(c.var.readDb), programme },
        c.req.valid('query'),
      );
      return c.json(stats, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/referrals',
      tags: ['Referrals'],
      summary: 'Attribute an existing customer without orders to a member’s code (admin)',
      description:
        'Refusals are 422 with the code referral_<reason> (unknown_code, same_customer, same_email, same_phone, already_referred, has_orders, circular, disabled) and record nothing. Sending the same friend and referrer again returns the existing referral (200).',
      request: { headers: IdempotencyHeader, body: jsonBody(AttributeReferralSchema) },
      responses: {
        201: json(ReferralView, 'Attributed: pending until the friend’s first qualifying order'),
        200: json(ReferralView, 'Already attributed to this referrer'),
        ...commonErrors,
        404: problem('No such customer'),
        422: problem('Refused, with the reason in the code'),
      },
    }),
    async (c) => {
      const result = await attributeReferral(await referralDeps(c), c.req.valid('json'));
      return c.json(presentReferral(result.referral), result.created ? 201 : 200);
    },
  );

  return app;
};
