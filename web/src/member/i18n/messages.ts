import type { Schemas } from '../../shared/api';

/**
 * The member page's texts, one dictionary per language. Texts are plain strings with `{name}`
 * placeholders so translators see whole sentences; where a count appears, the dictionary gives
 * every plural form its language needs (chosen with Intl.PluralRules).
 */
export type Plural = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;

/** A ledger entry's code: what the history names each movement by. */
export type EntryKind = Schemas['LedgerEntryCode'];

/** Why a reward is out of reach; too few points is told with the count instead (pointsMissing). */
export type ReasonCode = Exclude<Schemas['IneligibilityCode'], 'insufficient_points'>;

/** Every problem code the redeem route documents (404, 409 and 422). */
export type RedeemErrorCode = Schemas[
  'MemberRedeemNotFound' | 'MemberRedeemConflict' | 'MemberRedeemInvalid']['code'];

/** The texts a failed redemption is told with: some codes share one, the rest are `generic`. */
export type RedeemErrorText =
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
  /** Asked before any point is spent: {points}, {reward} and {left} (points after spending). */
  confirmSpend: string;
  confirmRedeem: string;
  cancelRedeem: string;
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
  redeemErrors: Record<RedeemErrorText, string>;

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
