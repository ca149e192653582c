import type { Schemas } from '../../shared/api';

/**
 * The member page's texts, one dictionary per language. Texts are plain strings with `{name}`
 * placeholders so translators see whole sentences; where a count appears, the dictionary gives
 * every plural form its language needs (chosen with Intl.PluralRules).
 */
export type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

export const ENTRY_KINDS = [
  'earn.order',
  'earn.order.pending',
  'pending.post',
  'pending.void',
  'reverse.return',
  'redeem',
  'expire',
  'adjust.credit',
  'adjust.debit',
  'earn.award',
  'reverse.award',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const REASON_CODES = [
  'reward_not_available',
  'not_yet_valid',
  'expired',
  'tier_required',
  'reward_limit_reached',
  'out_of_stock',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type RedeemErrorCode =
  | 'insufficient_points'
  | 'out_of_stock'
  | 'reward_limit_reached'
  | 'tier_required'
  | 'reward_not_available'
  | 'card_not_found'
  | 'generic';

/** What a reward or coupon gives: every kind the API names needs a text in each language. */
export type BenefitKind = Schemas['Reward']['kind'];

export interface Messages {
  documentTitle: string;
  loading: string;
  cardNotFound: string;
  loadFailed: string;
  retry: string;
  greeting: string;
  greetingNoName: string;

  cardHeading: string;
  qrAlt: string;
  cardNumber: string;
  cardHint: string;

  pointsHeading: string;
  balanceLabel: string;
  /** The noun alone, after a number: "1 point", "5 points". */
  pointsWord: Plural;
  pendingLabel: string;
  pendingHint: string;
  nextRelease: Plural;
  expiringHeading: string;
  expiring: Plural;
  noneExpiring: string;

  tierHeading: string;
  tierNone: string;
  tierTop: string;
  tierProgressLabel: string;
  toNextPoints: Plural;
  toNextOrders: Plural;
  toNextSpend: string;
  benefitsHeading: string;

  rewardsHeading: string;
  rewardsReady: string;
  rewardsLater: string;
  noRewards: string;
  noneReady: string;
  redeem: string;
  redeemFor: string;
  redeeming: string;
  benefit: Record<BenefitKind, string>;
  pointsMissing: Plural;
  reasons: Record<ReasonCode, string>;

  couponHeading: string;
  couponCode: string;
  couponValidUntil: string;
  couponNoEnd: string;
  couponHint: string;
  couponsHeading: string;
  couponsEmpty: string;
  couponValidFrom: string;
  couponUsesLeft: Plural;
  redeemErrors: Record<RedeemErrorCode, string>;

  referralHeading: string;
  referralTerms: string;
  referralLink: string;
  referralCode: string;
  copy: string;
  copied: string;
  copyFailed: string;

  historyHeading: string;
  historyEmpty: string;
  historyDate: string;
  historyActivity: string;
  historyPoints: string;
  pendingTag: string;
  kinds: Record<EntryKind | 'other', string>;
}

/** Replaces each `{name}` with its value; unknown placeholders stay visible, so a slip shows. */
export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
