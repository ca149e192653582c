import type { Reward } from './rewards.js';

/**
 * Whether a member may redeem a reward now, and if not, every reason why — so a member page can
 * show what is within reach ("120 points to go") as well as what is not. Pure: the caller reads
 * the member's balance, tier and past redemptions.
 */
export const ELIGIBILITY_CODES = [
  'reward_not_offered',
  'reward_not_available',
  'not_yet_valid',
  'expired',
  'tier_required',
  'reward_limit_reached',
  'out_of_stock',
  'insufficient_points',
] as const;
export type EligibilityCode = (typeof ELIGIBILITY_CODES)[number];

export interface IneligibleReason {
  code: EligibilityCode;
  message: string;
  /** insufficient_points: how many more points the member needs. */
  pointsMissing?: number;
  /** tier_required: the tiers that may redeem it. */
  tierCodes?: string[];
}

export interface MemberStanding {
  /** Spendable points; null = not checked here (the ledger checks when it spends). */
  balance: number | null;
  tierCode: string | null;
  /** Times this member already redeemed this reward for points. */
  redeemed: number;
  /**
   * False when a running experiment offers the reward to arms this member is not in (offers per
   * arm); absent = offered.
   */
  offered?: boolean;
}

/** Reasons in the order a member would want to hear them; empty = eligible. */
export const rewardEligibility = (
  reward: Reward,
  member: MemberStanding,
  now: Date,
): IneligibleReason[] => {
  const reasons: IneligibleReason[] = [];
  if (member.offered === false) {
    // Said first and alone: the member is not to learn anything else about an offer not theirs.
    return [{ code: 'reward_not_offered', message: 'this reward is not offered to this member' }];
  }
  if (!reward.active || reward.archivedAt) {
    reasons.push({ code: 'reward_not_available', message: 'this reward is not offered now' });
  }
  if (reward.validFrom && now < reward.validFrom) {
    reasons.push({
      code: 'not_yet_valid',
      message: `available from ${reward.validFrom.toISOString()}`,
    });
  }
  if (reward.validUntil && now >= reward.validUntil) {
    reasons.push({ code: 'expired', message: `ended at ${reward.validUntil.toISOString()}` });
  }
  if (reward.tierCodes && !(member.tierCode && reward.tierCodes.includes(member.tierCode))) {
    reasons.push({
      code: 'tier_required',
      message: `only for members of the tier ${reward.tierCodes.join(' or ')}`,
      tierCodes: reward.tierCodes,
    });
  }
  if (reward.perMemberLimit !== null && member.redeemed >= reward.perMemberLimit) {
    reasons.push({
      code: 'reward_limit_reached',
      message: `at most ${reward.perMemberLimit} per member, already redeemed ${member.redeemed}`,
    });
  }
  if (reward.stock !== null && reward.stock <= 0) {
    reasons.push({ code: 'out_of_stock', message: 'none left' });
  }
  if (member.balance !== null && member.balance < reward.pointsCost) {
    const missing = reward.pointsCost - member.balance;
    reasons.push({
      code: 'insufficient_points',
      message: `${missing} more points needed`,
      pointsMissing: missing,
    });
  }
  return reasons;
};
