import { getCustomer, type CustomerDeps } from '../customers/customers.service.js';
import type { MemberRewards } from '../rewards/rewards.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import {
  MAX_SUGGESTIONS,
  RecommendationSettingsSchema,
  type RecommendationSettingsInput,
  type RecommendationStore,
  type RecommendationsRefreshed,
  type RewardOffer,
  type RewardsWithinReach,
  type Suggestions,
} from './recommendations.js';

export interface RefreshDeps {
  recommendations: RecommendationStore;
  clock: Clock;
  programme: { currency: string };
}

/**
 * Recomputes every customer's suggestions as of `asOf` (default now) in the database, replacing
 * the stored ones: running it twice gives the same rows.
 */
export const refreshRecommendations = async (
  deps: RefreshDeps,
  input: { asOf?: Date; settings?: RecommendationSettingsInput } = {},
): Promise<RecommendationsRefreshed> => {
  const now = deps.clock.now();
  const asOf = input.asOf ?? now;
  if (asOf.getTime() > now.getTime()) {
    throw new DomainError('invalid', 'as_of_in_future', 'asOf must not be in the future', {}, [
      { path: 'asOf', message: 'must not be in the future' },
    ]);
  }
  const settings = RecommendationSettingsSchema.parse(input.settings ?? {});
  const result = await deps.recommendations.refresh({
    asOf,
    settings,
    currency: deps.programme.currency,
    computedAt: now,
  });
  return { ...result, settings };
};

const offerOf = (r: MemberRewards['rewards'][number]['reward']): RewardOffer => ({
  id: r.id,
  name: r.name,
  description: r.description,
  kind: r.benefit.kind,
  pointsCost: r.pointsCost,
});

const byCost = (a: RewardOffer, b: RewardOffer) =>
  a.pointsCost - b.pointsCost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * From the rewards module's view of a member: what they can redeem now (cheapest first) and the
 * one reward they miss only points for, the closest first.
 */
export const rewardsWithinReach = (view: MemberRewards): RewardsWithinReach => {
  const affordable = view.rewards
    .filter((r) => r.reasons.length === 0)
    .map((r) => offerOf(r.reward))
    .sort(byCost);
  const next = view.rewards
    .filter((r) => r.reasons.length === 1 && r.reasons[0]!.code === 'insufficient_points')
    .map((r) => ({ ...offerOf(r.reward), pointsMissing: r.reasons[0]!.pointsMissing ?? 0 }))
    .sort((a, b) => a.pointsMissing - b.pointsMissing || byCost(a, b));
  return { balance: view.balance, affordable, next: next[0] ?? null };
};

export interface SuggestionDeps extends Pick<CustomerDeps, 'customers'> {
  recommendations: RecommendationStore;
  /** The rewards module's member view (memberRewards), bound to the caller's transaction. */
  memberRewards(customerId: string): Promise<MemberRewards>;
}

/** A customer's stored suggestions (or the best sellers without any) and rewards within reach. */
export const customerSuggestions = async (
  deps: SuggestionDeps,
  customerId: string,
  limit = 10,
): Promise<Suggestions> => {
  const customer = await getCustomer(deps, customerId);
  const capped = Math.max(1, Math.min(MAX_SUGGESTIONS, Math.trunc(limit)));
  const rewards = rewardsWithinReach(await deps.memberRewards(customer.id));
  const personal = await deps.recommendations.forCustomer(customer.id, capped);
  if (personal && personal.products.length > 0) {
    return { customerId: customer.id, source: 'personal', ...personal, rewards };
  }
  const popular = await deps.recommendations.popular(capped);
  if (popular && popular.products.length > 0) {
    return { customerId: customer.id, source: 'popular', ...popular, rewards };
  }
  return { customerId: customer.id, source: 'none', computedAt: null, products: [], rewards };
};
