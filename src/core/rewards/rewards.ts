import { z } from 'zod';
import { translated, translationsSchema, type Translations } from '../shared/translations.js';

/**
 * The rewards catalogue: what a member can exchange points for. Redeeming a reward issues a
 * coupon (coupons.ts) that carries a copy of the reward's benefit, so later edits of the
 * catalogue never change a coupon already in a member's hands. Money is in minor units of the
 * programme currency, points are whole.
 */

export const REWARD_KINDS = [
  'percent_discount',
  'fixed_discount',
  'free_product',
  'sample',
  'gift',
] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];

/** What a reward or a coupon gives; the same vocabulary for both. */
export type Benefit =
  | { kind: 'percent_discount'; value: number }
  | { kind: 'fixed_discount'; valueMinor: number; currency: string }
  | { kind: 'free_product'; sku: string }
  | { kind: 'sample'; sku: string }
  | { kind: 'gift'; description: string };

const sku = z.string().trim().min(1).max(100);
const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as GBP');
export const minorAmount = z.number().int().min(0).max(1_000_000_000_000);

/** A benefit as flat, nullable fields: the shape of a table row and of the API view. */
export const flatBenefit = (b: Benefit) => ({
  kind: b.kind,
  percent: b.kind === 'percent_discount' ? b.value : null,
  valueMinor: b.kind === 'fixed_discount' ? b.valueMinor : null,
  currency: b.kind === 'fixed_discount' ? b.currency : null,
  sku: b.kind === 'free_product' || b.kind === 'sample' ? b.sku : null,
});

/** Stored JSON (a coupon's benefit) is checked on the way out of the database too. */
export const BenefitSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent_discount'), value: z.number().int().min(1).max(100) }),
  z.object({
    kind: z.literal('fixed_discount'),
    valueMinor: z.number().int().positive(),
    currency,
  }),
  z.object({ kind: z.literal('free_product'), sku }),
  z.object({ kind: z.literal('sample'), sku }),
  z.object({ kind: z.literal('gift'), description: z.string().min(1) }),
]) satisfies z.ZodType<Benefit>;

const instant = z.iso.datetime({ offset: true });

/** A reward's name and description in one language; either may be left to the default. */
export const RewardTranslationSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();
export type RewardTranslation = z.infer<typeof RewardTranslationSchema>;
export const RewardTranslationsSchema = translationsSchema(RewardTranslationSchema);

/** The fields every reward has, as a patch may give them (no defaults). */
const catalogueShape = {
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(2000).nullable(),
  pointsCost: z.number().int().min(0).max(1_000_000_000),
  /** Coupons left to give; null = unlimited. */
  stock: z.number().int().min(0).max(1_000_000_000).nullable(),
  perMemberLimit: z.number().int().min(1).max(1_000_000).nullable(),
  validFrom: instant.nullable(),
  validUntil: instant.nullable(),
  /** Only members of these tiers may redeem; null = everyone. */
  tierCodes: z.array(z.string().trim().min(1).max(100)).min(1).max(50).nullable(),
  couponValidityDays: z.number().int().min(1).max(3650).nullable(),
  usesPerCoupon: z.number().int().min(1).max(1000),
  minBasketMinor: minorAmount.nullable(),
  active: z.boolean(),
  /** Per locale code (de, et…): the texts members of that language see. */
  translations: RewardTranslationsSchema,
};

const catalogueFields = {
  ...catalogueShape,
  description: catalogueShape.description.default(null),
  stock: catalogueShape.stock.default(null),
  perMemberLimit: catalogueShape.perMemberLimit.default(null),
  validFrom: catalogueShape.validFrom.default(null),
  validUntil: catalogueShape.validUntil.default(null),
  tierCodes: catalogueShape.tierCodes.default(null),
  couponValidityDays: catalogueShape.couponValidityDays.default(null),
  usesPerCoupon: catalogueShape.usesPerCoupon.default(1),
  minBasketMinor: catalogueShape.minBasketMinor.default(null),
  active: catalogueShape.active.default(true),
  translations: catalogueShape.translations.default({}),
};

/** A catalogue entry as an admin writes it: the common fields and those of its kind. */
export const RewardInputSchema = z
  .discriminatedUnion('kind', [
    z
      .object({
        ...catalogueFields,
        kind: z.literal('percent_discount'),
        /** Percent off the basket. */
        value: z.number().int().min(1).max(100),
      })
      .strict(),
    z
      .object({
        ...catalogueFields,
        kind: z.literal('fixed_discount'),
        valueMinor: z.number().int().positive().max(1_000_000_000_000),
        /** Defaults to, and must be, the programme currency. */
        currency: currency.optional(),
      })
      .strict(),
    z.object({ ...catalogueFields, kind: z.literal('free_product'), sku }).strict(),
    z.object({ ...catalogueFields, kind: z.literal('sample'), sku }).strict(),
    z
      .object({
        ...catalogueFields,
        kind: z.literal('gift'),
        /** What the gift is. */
        description: z.string().trim().min(1).max(2000),
      })
      .strict(),
  ])
  .superRefine((r, ctx) => {
    if (r.validFrom && r.validUntil && Date.parse(r.validFrom) >= Date.parse(r.validUntil)) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
    }
  });
export type RewardInput = z.input<typeof RewardInputSchema>;
/** A catalogue entry once checked, defaults applied. */
export type RewardDefinition = z.output<typeof RewardInputSchema>;

/** Every field may change; the result is checked as a whole, as if it were created anew. */
export const RewardPatchSchema = z
  .object({
    ...catalogueShape,
    kind: z.enum(REWARD_KINDS),
    value: z.number().int().min(1).max(100),
    valueMinor: z.number().int().positive().max(1_000_000_000_000),
    currency,
    sku,
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one field' });
export type RewardPatch = z.infer<typeof RewardPatchSchema>;

export interface Reward {
  id: string;
  name: string;
  description: string | null;
  benefit: Benefit;
  pointsCost: number;
  /** Coupons left to give; null = unlimited. */
  stock: number | null;
  perMemberLimit: number | null;
  validFrom: Date | null;
  validUntil: Date | null;
  tierCodes: string[] | null;
  couponValidityDays: number | null;
  usesPerCoupon: number;
  minBasketMinor: number | null;
  active: boolean;
  translations: Translations<RewardTranslation>;
  archivedAt: Date | null;
  /** Coupons given so far, for points or by rules. */
  issuedCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One exchange of points for a reward's coupon; its idempotency key is unique. */
export interface RewardRedemption {
  id: string;
  rewardId: string;
  customerId: string;
  couponId: string;
  pointsSpent: number;
  entryId: string | null;
  idempotencyKey: string;
  actor: string | null;
  createdAt: Date;
}

export interface RewardRepository {
  insert(reward: Reward): Promise<void>;
  update(reward: Reward): Promise<void>;
  /** `lock` takes the row (`for update`) until the transaction ends: stock and limits are read under it. */
  findById(id: string, options?: { lock?: boolean }): Promise<Reward | null>;
  list(filter: { includeArchived: boolean; activeOnly: boolean }): Promise<Reward[]>;
  /** One coupon of the reward given: stock (when limited) down by one. Call with the row locked. */
  takeOne(rewardId: string): Promise<void>;
  /** Redemptions for points per reward by this member. */
  redemptionCounts(customerId: string): Promise<Map<string, number>>;
  /** The member's redemption under this key (keys are unique per member). */
  findRedemptionByKey(customerId: string, idempotencyKey: string): Promise<RewardRedemption | null>;
  insertRedemption(redemption: RewardRedemption): Promise<void>;
  /** The member's tier code, or null (read from the tiers module's member_tier). */
  tierOf(customerId: string): Promise<string | null>;
}

/** The reward as a member of `locale` reads it: translated name and description where given. */
export const localizeReward = (reward: Reward, locale: string | null): Reward => ({
  ...reward,
  ...translated(
    { name: reward.name, description: reward.description },
    reward.translations,
    locale,
  ),
});
