import type { MemberTier, MetricWindow, TierConfig, TierDefinition, TierMetric } from './tiers.js';
import { nextReviewAt, reviewAtFor } from './tiers.periods.js';

/**
 * Pure decisions: given the configuration, a member's tier and their metric, what should happen.
 * The service reads the facts and applies what these functions propose.
 */

/** The highest tier whose threshold `value` reaches; null when it reaches none. */
export const qualifyingTier = (tiers: TierDefinition[], value: number): TierDefinition | null => {
  let best: TierDefinition | null = null;
  for (const tier of tiers) {
    if (value >= tier.threshold && (!best || tier.rank > best.rank)) best = tier;
  }
  return best;
};

/** The rank of a held tier; 0 for none (or a code no longer configured). */
export const rankOf = (tiers: TierDefinition[], code: string | null): number =>
  (code === null ? undefined : tiers.find((t) => t.code === code))?.rank ?? 0;

/**
 * The tier a member measured at `value` moves up to, as an activity would move them (the upgrade
 * of decideOnActivity, without its review extension); null when they stay. For placement, which
 * decides for many members measured at one moment and computes their review date once.
 */
export const upgradeFor = (
  tiers: TierDefinition[],
  heldCode: string | null,
  value: number,
): TierDefinition | null => {
  const qualified = qualifyingTier(tiers, value);
  return qualified && qualified.rank > rankOf(tiers, heldCode) ? qualified : null;
};

export type ActivityDecision =
  | { kind: 'none' }
  /** Qualified for a higher tier: move up now. */
  | { kind: 'upgrade'; to: TierDefinition; reviewAt: Date }
  /** Qualified again for the tier they hold, in a later period: its review moves out. */
  | { kind: 'extend'; reviewAt: Date };

/**
 * After activity (an order, points earned): up at once to the highest tier the current window's
 * metric reaches; never down (that waits for the review).
 */
export const decideOnActivity = (input: {
  config: TierConfig;
  timeZone: string;
  now: Date;
  member: Pick<MemberTier, 'tierCode' | 'reviewAt'> | null;
  value: number;
}): ActivityDecision => {
  const { config, member, now, timeZone } = input;
  const qualified = qualifyingTier(config.tiers, input.value);
  if (!qualified) return { kind: 'none' };
  const held = rankOf(config.tiers, member?.tierCode ?? null);
  const reviewAt = reviewAtFor(config.policy, now, timeZone);
  if (qualified.rank > held) return { kind: 'upgrade', to: qualified, reviewAt };
  if (
    qualified.rank === held &&
    member?.reviewAt &&
    reviewAt.getTime() > member.reviewAt.getTime()
  ) {
    return { kind: 'extend', reviewAt };
  }
  return { kind: 'none' };
};

/**
 * Whether a new configuration may qualify members differently: a first configuration with tiers,
 * another metric or window, or other tier codes or thresholds. Names, multipliers, benefits and
 * grace days change no one's qualification.
 */
export const qualificationChanged = (previous: TierConfig | null, next: TierConfig): boolean => {
  if (next.tiers.length === 0) return false;
  if (!previous) return true;
  const window = (c: TierConfig) =>
    c.policy.window.kind === 'rolling' ? `rolling:${c.policy.window.days}` : c.policy.window.kind;
  const ladder = (c: TierConfig) => c.tiers.map((t) => `${t.code}:${t.threshold}`).join(',');
  return (
    previous.policy.metric !== next.policy.metric ||
    window(previous) !== window(next) ||
    ladder(previous) !== ladder(next)
  );
};

export type ReviewDecision =
  | { kind: 'keep'; reviewAt: Date }
  | { kind: 'change'; to: TierDefinition; direction: 'upgrade' | 'downgrade'; reviewAt: Date }
  | { kind: 'remove' };

/**
 * At a review: the member keeps the highest tier the metric over the period that just ended
 * reaches, for the period that follows; none reached means no tier.
 */
export const decideAtReview = (input: {
  config: TierConfig;
  timeZone: string;
  member: Pick<MemberTier, 'tierCode'> & { reviewAt: Date };
  value: number;
}): ReviewDecision => {
  const { config, member, timeZone } = input;
  const qualified = qualifyingTier(config.tiers, input.value);
  if (!qualified) return { kind: 'remove' };
  const reviewAt = nextReviewAt(config.policy, member.reviewAt, timeZone);
  if (qualified.code === member.tierCode) return { kind: 'keep', reviewAt };
  const direction =
    qualified.rank > rankOf(config.tiers, member.tierCode) ? 'upgrade' : 'downgrade';
  return { kind: 'change', to: qualified, direction, reviewAt };
};

export interface TierProgress {
  tier: TierDefinition | null;
  since: Date | null;
  reviewAt: Date | null;
  metric: TierMetric | null;
  windowStart: Date | null;
  windowEnd: Date | null;
  value: number;
  next: {
    code: string;
    name: string;
    threshold: number;
    remaining: number;
    percent: number;
  } | null;
  /** What the period under review needs for the member to keep the tier they hold. */
  toKeep: {
    threshold: number;
    value: number;
    remaining: number;
    windowStart: Date;
    windowEnd: Date;
  } | null;
}

const percentOf = (value: number, threshold: number) =>
  threshold <= 0 ? 100 : Math.min(100, Math.floor((value * 100) / threshold));

/** Where a member stands: the tier, the metric in the current window, the next tier, what keeps this one. */
export const progressOf = (input: {
  config: TierConfig | null;
  member: MemberTier | null;
  now: Date;
  current: { window: MetricWindow; value: number } | null;
  review: { window: { start: Date; end: Date }; value: number } | null;
}): TierProgress => {
  const { config, member, current, review } = input;
  const tier = config?.tiers.find((t) => t.code === member?.tierCode) ?? null;
  const value = current?.value ?? 0;
  // Tiers come lowest first: the next is the first one ranked above the held tier.
  const heldRank = tier?.rank ?? 0;
  const above = config?.tiers.find((t) => t.rank > heldRank) ?? null;
  return {
    tier,
    since: member?.since ?? null,
    reviewAt: member?.reviewAt ?? null,
    metric: config?.policy.metric ?? null,
    windowStart: current?.window.start ?? null,
    windowEnd: current ? (current.window.end ?? input.now) : null,
    value,
    next: above
      ? {
          code: above.code,
          name: above.name,
          threshold: above.threshold,
          remaining: Math.max(0, above.threshold - value),
          percent: percentOf(value, above.threshold),
        }
      : null,
    toKeep:
      tier && review
        ? {
            threshold: tier.threshold,
            value: review.value,
            remaining: Math.max(0, tier.threshold - review.value),
            windowStart: review.window.start,
            windowEnd: review.window.end,
          }
        : null,
  };
};
