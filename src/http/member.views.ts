import { z } from '@hono/zod-openapi';
import type { LedgerEntry, LotBalance } from '../core/ledger/ledger.js';
import { ELIGIBILITY_CODES, type IneligibleReason } from '../core/rewards/rewards.eligibility.js';
import {
  REDEMPTION_CONFLICT_CODES,
  REDEMPTION_INVALID_CODES,
} from '../core/rewards/rewards.errors.js';
import { flatBenefit, type Reward } from '../core/rewards/rewards.js';
import type { Coupon } from '../core/rewards/coupons.js';
import { CouponView, presentCoupon } from './coupons.routes.js';
import { problemWithCodes } from './openapi.js';
import { EntryCodeView, presentEntry } from './presenters.js';
import { NextTierView } from './tiers.routes.js';

/** The member page API's request and response shapes, and the presenters that fill them. */

const EXPIRY_DATES_SHOWN = 5;

// Any string: a malformed token gets the same 404 as a forged, revoked or unknown one.
export const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(1000)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The member card token' }),
});
export const RedeemParams = TokenParam.extend({
  rewardId: z
    .string()
    .min(1)
    .max(100)
    .openapi({
      param: { name: 'rewardId', in: 'path' },
      example: 'rwd_01JD3Q4X5Y6Z7A8B9C0D1E2F3G',
    }),
});
// A member's retried tap must not spend twice, so the key cannot be left to chance.
export const RequiredIdempotencyHeader = z.object({
  'idempotency-key': z
    .string({ error: 'required: send an Idempotency-Key header, unique per redemption' })
    .min(1)
    .max(255)
    .openapi({ description: 'Required. Retrying with the same key returns the same coupon' }),
});

const MemberRewardView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  kind: z.enum(['percent_discount', 'fixed_discount', 'free_product', 'sample', 'gift']),
  value: z.number().int().nullable(),
  valueMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  sku: z.string().nullable(),
  pointsPrice: z.number().int(),
  affordable: z.boolean(),
  eligible: z.boolean(),
  reasons: z.array(
    z.object({
      // A reward not offered to this member (offers per arm) is left out of the page, not listed.
      code: z.enum(ELIGIBILITY_CODES).exclude(['reward_not_offered']).openapi('IneligibilityCode'),
      message: z.string(),
      pointsMissing: z.number().int().optional(),
      tierCodes: z.array(z.string()).optional(),
    }),
  ),
});

const MemberCouponView = z.object({
  code: z.string(),
  rewardName: z.string().nullable(),
  kind: z.enum(['percent_discount', 'fixed_discount', 'free_product', 'sample', 'gift']),
  value: z.number().int().nullable(),
  valueMinor: z.number().int().nullable(),
  currency: z.string(),
  sku: z.string().nullable(),
  description: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  usesLeft: z.number().int(),
});

export const MemberSummaryView = z
  .object({
    customer: z.object({
      firstName: z.string().nullable(),
      name: z.string().nullable(),
      locale: z.string().nullable(),
    }),
    card: z.object({ cardId: z.string(), token: z.string(), qrSvgUrl: z.string() }),
    points: z.object({
      balance: z.number().int(),
      pending: z.number().int(),
      nextPendingRelease: z.object({ points: z.number().int(), releaseAt: z.string() }).nullable(),
      expiring: z.array(z.object({ points: z.number().int(), expiresAt: z.string() })),
    }),
    tier: z
      .object({
        current: z
          .object({ code: z.string(), name: z.string(), benefits: z.array(z.string()) })
          .nullable(),
        metric: z.enum(['points', 'spend', 'orders']).nullable(),
        value: z.number().int().openapi({ description: 'The metric in the current window' }),
        next: NextTierView.nullable(),
      })
      .nullable()
      .openapi({ description: 'null when the programme has no tiers' }),
    rewards: z.array(MemberRewardView),
    coupons: z
      .array(MemberCouponView)
      .openapi({ description: 'Coupons the member can still use, newest first' }),
    referral: z
      .object({
        code: z.string(),
        link: z.string(),
        referrerPoints: z.number().int(),
        friendPoints: z.number().int(),
      })
      .nullable()
      .openapi({ description: 'null when the referral programme is off' }),
    history: z.array(
      z.object({
        id: z.string(),
        at: z.string(),
        kind: EntryCodeView,
        points: z.number().int().openapi({ description: 'Change to the spendable balance' }),
        pendingPoints: z.number().int().openapi({ description: 'Change to the pending points' }),
        description: z.string().nullable(),
      }),
    ),
    programme: z.object({
      name: z.string().openapi({ description: 'The sender name of the programme’s e-mails' }),
      currency: z.string(),
      pointsPerCurrencyUnit: z.number().int(),
    }),
  })
  .openapi('MemberSummary');

export const MemberRedemptionView = z
  .object({
    coupon: CouponView,
    reward: z.object({ id: z.string(), name: z.string() }),
    pointsSpent: z.number().int(),
    balance: z.number().int().openapi({ description: 'The spendable balance after redeeming' }),
  })
  .openapi('MemberRedemption');

// A card, its customer or the reward may be unknown.
export const MemberRedeemNotFound = problemWithCodes('MemberRedeemNotFound', [
  'card_not_found',
  'customer_not_found',
  'reward_not_found',
]);
export const MemberRedeemConflict = problemWithCodes(
  'MemberRedeemConflict',
  REDEMPTION_CONFLICT_CODES,
);
// The key is per card: one key used for two rewards is a client's mistake, told as such.
export const MemberRedeemInvalid = problemWithCodes('MemberRedeemInvalid', [
  ...REDEMPTION_INVALID_CODES,
  'idempotency_key_reused',
]);

/** Points per expiry day, soonest first: what the member loses and when. */
export const expiringOf = (lots: LotBalance[], timeZone: string) => {
  // Lots credited minutes apart expire minutes apart: the member thinks in days, so one line per
  // day of the programme's calendar, dated by the day's first expiry.
  const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' });
  const byDay = new Map<string, { first: Date; points: number }>();
  for (const lot of lots) {
    if (!lot.expiresAt || lot.remaining <= 0) continue;
    const day = dayOf.format(lot.expiresAt);
    const seen = byDay.get(day);
    byDay.set(day, {
      first: seen && seen.first < lot.expiresAt ? seen.first : lot.expiresAt,
      points: (seen?.points ?? 0) + lot.remaining,
    });
  }
  return [...byDay.values()]
    .sort((a, b) => a.first.getTime() - b.first.getTime())
    .slice(0, EXPIRY_DATES_SHOWN)
    .map(({ first, points }) => ({ points, expiresAt: first.toISOString() }));
};

export const presentReward = (reward: Reward, reasons: IneligibleReason[]) => {
  const b = flatBenefit(reward.benefit);
  return {
    id: reward.id,
    name: reward.name,
    description: reward.description,
    kind: b.kind,
    value: b.percent,
    valueMinor: b.valueMinor,
    currency: b.currency,
    sku: b.sku,
    pointsPrice: reward.pointsCost,
    affordable: !reasons.some((r) => r.code === 'insufficient_points'),
    eligible: reasons.length === 0,
    reasons,
  };
};

// A reward's ledger reason names its id for staff; the member needs only its name.
const describeEntry = (reason: string | null) => reason?.replace(/^reward rwd_\w+: /, '') ?? null;

/** The latest ledger movements, each as its change to the spendable and the pending points. */
export const presentHistory = (entries: LedgerEntry[]) =>
  entries.map((entry) => {
    const e = presentEntry(entry);
    return {
      id: e.id,
      at: e.effectiveAt,
      kind: e.code,
      points: e.balanceDelta,
      pendingPoints: e.pendingDelta,
      description: describeEntry(e.reason),
    };
  });

/** The member's wallet: coupons still active, with uses left and not past their end. */
export const usableCoupons = (coupons: Coupon[], rewardNames: Map<string, string>, now: Date) =>
  coupons
    .filter((c) => c.status === 'active' && c.usesCount < c.usesAllowed)
    .filter((c) => c.validUntil === null || c.validUntil > now)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .map((coupon) => {
      const c = presentCoupon(coupon);
      return {
        code: c.code,
        rewardName: coupon.rewardId ? (rewardNames.get(coupon.rewardId) ?? null) : null,
        kind: c.kind,
        value: c.value,
        valueMinor: c.valueMinor,
        currency: c.currency,
        sku: c.sku,
        description: c.description,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        usesLeft: c.usesLeft,
      };
    });
