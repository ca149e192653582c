import type { Schemas } from '../../shared/api';
import { everyValue } from '../../shared/every-value';

/**
 * The programme views these pages name, as the API gives them (GET /openapi.json, generated into
 * shared/api.generated.ts), and the lists their pickers offer.
 */
export type Rule = Schemas['Rule'];
export type RuleDocument = Rule['document'];
export type RuleTrigger = Rule['trigger'];
export const RULE_TRIGGERS = everyValue<RuleTrigger>()([
  'order.placed',
  'customer.enrolled',
  'customer.birthday',
  'review.submitted',
  'survey.answered',
  'referral.converted',
  'custom',
]);
export type RuleStatus = Rule['status'];
export const RULE_STATUSES = everyValue<RuleStatus>()(['draft', 'active', 'archived']);
export type RuleSimulation = Schemas['RuleSimulation'];

export type TierConfig = Schemas['TierConfig'];
/** The tier policy; the view is null while the programme has no tiers. */
export type TierPolicy = NonNullable<Schemas['TierPolicy']>;
export type TierMetric = TierPolicy['metric'];

export type Reward = Schemas['Reward'];
export type RewardKind = Reward['kind'];
export const REWARD_KINDS = everyValue<RewardKind>()([
  'percent_discount',
  'fixed_discount',
  'free_product',
  'sample',
  'gift',
]);

/** What a coupon or a batch gives, as flat fields: only those of its kind are set. */
export type BenefitFields = Pick<Reward, 'kind' | 'value' | 'valueMinor' | 'sku'>;

export type CouponBatch = Schemas['CouponBatch'];

export type ReferralSettings = Schemas['ReferralSettings'];
export type ReferralStatus = Schemas['Referral']['status'];
export const REFERRAL_STATUSES = everyValue<ReferralStatus>()([
  'pending',
  'converted',
  'reversed',
  'refused',
]);
export type ReferralProgrammeStats = Schemas['ReferralProgrammeStats'];
