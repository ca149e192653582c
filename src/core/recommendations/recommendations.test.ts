import { describe, expect, it } from 'vitest';
import type { Reward } from '../rewards/rewards.js';
import type { IneligibleReason } from '../rewards/rewards.eligibility.js';
import {
  DEFAULT_RECOMMENDATION_SETTINGS,
  RecommendationSettingsSchema,
  reasonText,
} from './recommendations.js';
import { refreshRecommendations, rewardsWithinReach } from './recommendations.service.js';

const reward = (id: string, pointsCost: number): Reward => ({
  id,
  name: id,
  description: null,
  benefit: { kind: 'gift', description: 'a gift' },
  pointsCost,
  stock: null,
  perMemberLimit: null,
  validFrom: null,
  validUntil: null,
  tierCodes: null,
  couponValidityDays: null,
  usesPerCoupon: 1,
  minBasketMinor: null,
  active: true,
  translations: {},
  archivedAt: null,
  issuedCount: 0,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const missing = (n: number): IneligibleReason => ({
  code: 'insufficient_points',
  message: `${n} more points needed`,
  pointsMissing: n,
});

describe('rewards within reach', () => {
  it('keeps the eligible rewards cheapest first and the closest one that lacks only points', () => {
    const view = {
      customerId: 'cus_1',
      balance: 300,
      tierCode: null,
      rewards: [
        { reward: reward('b', 250), reasons: [] },
        { reward: reward('a', 100), reasons: [] },
        { reward: reward('far', 900), reasons: [missing(600)] },
        { reward: reward('near', 350), reasons: [missing(50)] },
        {
          reward: reward('tier', 320),
          reasons: [
            { code: 'tier_required' as const, message: 'gold only', tierCodes: ['gold'] },
            missing(20),
          ],
        },
      ],
    };
    const reach = rewardsWithinReach(view);
    expect(reach.affordable.map((r) => r.id)).toEqual(['a', 'b']);
    expect(reach.next).toMatchObject({ id: 'near', pointsMissing: 50, kind: 'gift' });
    expect(reach.balance).toBe(300);
  });
});

describe('settings and reasons', () => {
  it('defaults to order baskets, support 2, top 10, everything bought excluded', () => {
    expect(DEFAULT_RECOMMENDATION_SETTINGS).toEqual({
      limit: 10,
      basket: 'order',
      minSupport: 2,
      neighbours: 20,
      categoryWeight: 0.3,
      excludeWindowDays: null,
      excludeSkus: [],
    });
    expect(RecommendationSettingsSchema.safeParse({ categoryWeight: 1.5 }).success).toBe(false);
  });

  it('says why in one sentence', () => {
    expect(reasonText({ kind: 'bought_with', sku: 'MUG', name: null })).toBe('Bought with MUG');
    expect(reasonText({ kind: 'popular_in_category', category: 'tea' })).toBe(
      'Popular in your favourite category, tea',
    );
  });

  it('refuses to compute as of the future', async () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const deps = {
      clock: { now: () => now },
      programme: { currency: 'GBP' },
      recommendations: {
        refresh: () => Promise.reject(new Error('not reached')),
        forCustomer: () => Promise.resolve(null),
        popular: () => Promise.resolve(null),
      },
    };
    await expect(
      refreshRecommendations(deps, { asOf: new Date('2026-01-02T00:00:00Z') }),
    ).rejects.toMatchObject({ code: 'as_of_in_future' });
  });
});
