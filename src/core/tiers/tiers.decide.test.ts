import { describe, expect, it } from 'vitest';
import {
  decideAtReview,
  decideOnActivity,
  progressOf,
  qualificationChanged,
  qualifyingTier,
  upgradeFor,
} from './tiers.decide.js';
import { TierConfigInputSchema, type TierConfig } from './tiers.js';

const tier = (code: string, rank: number, threshold: number, earnMultiplierPercent = 100) => ({
  code,
  name: code.toUpperCase(),
  rank,
  threshold,
  earnMultiplierPercent,
  benefits: [],
  translations: {},
});

const config: TierConfig = {
  policy: { metric: 'spend', window: { kind: 'calendarYear' }, graceDays: 30 },
  tiers: [tier('bronze', 1, 1000), tier('silver', 2, 5000, 150), tier('gold', 3, 20000, 200)],
};
const zone = 'Europe/London';
const now = new Date('2026-06-01T10:00:00Z');
const review2027 = new Date('2027-01-31T00:00:00Z');

describe('tier decisions', () => {
  it('qualifies for the highest tier the value reaches', () => {
    expect(qualifyingTier(config.tiers, 999)).toBeNull();
    expect(qualifyingTier(config.tiers, 1000)?.code).toBe('bronze');
    expect(qualifyingTier(config.tiers, 19_999)?.code).toBe('silver');
    expect(qualifyingTier(config.tiers, 1_000_000)?.code).toBe('gold');
  });

  it('activity moves up at once, with the review at the period end plus grace', () => {
    expect(decideOnActivity({ config, timeZone: zone, now, member: null, value: 6000 })).toEqual({
      kind: 'upgrade',
      to: config.tiers[1],
      reviewAt: review2027,
    });
    // Straight past a tier: the highest reached.
    const decision = decideOnActivity({
      config,
      timeZone: zone,
      now,
      member: { tierCode: 'bronze', reviewAt: review2027 },
      value: 25_000,
    });
    expect(decision.kind === 'upgrade' && decision.to.code).toBe('gold');
  });

  it('activity never moves down', () => {
    for (const value of [0, 1000, 4999]) {
      expect(
        decideOnActivity({
          config,
          timeZone: zone,
          now,
          member: { tierCode: 'silver', reviewAt: review2027 },
          value,
        }).kind,
      ).toBe('none');
    }
  });

  it('re-qualifying for the held tier in a later period pushes its review out', () => {
    const next = new Date('2027-03-01T10:00:00Z');
    expect(
      decideOnActivity({
        config,
        timeZone: zone,
        now: next,
        member: { tierCode: 'silver', reviewAt: review2027 },
        value: 5000,
      }),
    ).toEqual({ kind: 'extend', reviewAt: new Date('2028-01-31T00:00:00Z') });
    // In the same period there is nothing to extend.
    expect(
      decideOnActivity({
        config,
        timeZone: zone,
        now,
        member: { tierCode: 'silver', reviewAt: review2027 },
        value: 5000,
      }).kind,
    ).toBe('none');
  });

  it('at review: keep, move down, move up or lose the tier by the reviewed period’s value', () => {
    const member = { tierCode: 'silver', reviewAt: review2027 };
    const next = new Date('2028-01-31T00:00:00Z');
    const decide = (value: number) => decideAtReview({ config, timeZone: zone, member, value });
    expect(decide(7000)).toEqual({ kind: 'keep', reviewAt: next });
    expect(decide(4500)).toEqual({
      kind: 'change',
      to: config.tiers[0],
      direction: 'downgrade',
      reviewAt: next,
    });
    expect(decide(30_000)).toMatchObject({ kind: 'change', direction: 'upgrade' });
    expect(decide(10)).toEqual({ kind: 'remove' });
  });

  it('progress: value, the next tier and what keeps the held one', () => {
    const progress = progressOf({
      config,
      member: { customerId: 'cus_1', tierCode: 'silver', since: now, reviewAt: review2027 },
      now,
      current: {
        window: { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') },
        value: 6000,
      },
      review: {
        window: { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') },
        value: 4000,
      },
    });
    expect(progress.tier?.code).toBe('silver');
    expect(progress.next).toEqual({
      code: 'gold',
      name: 'GOLD',
      threshold: 20000,
      remaining: 14000,
      percent: 30,
    });
    expect(progress.toKeep).toMatchObject({ threshold: 5000, value: 4000, remaining: 1000 });
    const top = progressOf({
      config,
      member: { customerId: 'cus_1', tierCode: 'gold', since: now, reviewAt: null },
      now,
      current: { window: { start: now, end: null }, value: 30_000 },
      review: null,
    });
    expect(top.next).toBeNull();
    expect(top.windowEnd).toEqual(now);
    const none = progressOf({ config, member: null, now, current: null, review: null });
    expect(none.next?.code).toBe('bronze');
    expect(none.tier).toBeNull();
  });

  it('placement moves up exactly as activity would, and never down', () => {
    for (const held of [null, 'bronze', 'silver', 'gold']) {
      for (const value of [0, 999, 1000, 5000, 19_999, 20_000, 1_000_000]) {
        const member = held ? { tierCode: held, reviewAt: review2027 } : null;
        const decision = decideOnActivity({ config, timeZone: zone, now, member, value });
        expect(upgradeFor(config.tiers, held, value)).toEqual(
          decision.kind === 'upgrade' ? decision.to : null,
        );
      }
    }
    expect(upgradeFor(config.tiers, 'gold', 1000)).toBeNull();
  });

  it('placement is due when who qualifies may change, not for names or multipliers', () => {
    expect(qualificationChanged(null, config)).toBe(true);
    expect(qualificationChanged(config, { ...config, tiers: [] })).toBe(false);
    expect(qualificationChanged(null, { ...config, tiers: [] })).toBe(false);
    const cosmetic: TierConfig = {
      policy: { ...config.policy, graceDays: 10 },
      tiers: config.tiers.map((t) => ({ ...t, name: 'X', earnMultiplierPercent: 300 })),
    };
    expect(qualificationChanged(config, cosmetic)).toBe(false);
    const lower = {
      ...config,
      tiers: config.tiers.map((t) => ({ ...t, threshold: t.threshold - 1 })),
    };
    expect(qualificationChanged(config, lower)).toBe(true);
    expect(qualificationChanged(config, { ...config, tiers: config.tiers.slice(0, 2) })).toBe(true);
    const rolling: TierConfig = {
      ...config,
      policy: { ...config.policy, window: { kind: 'rolling', days: 365 } },
    };
    expect(qualificationChanged(config, rolling)).toBe(true);
    const longer: TierConfig = {
      ...config,
      policy: { ...config.policy, window: { kind: 'rolling', days: 366 } },
    };
    expect(qualificationChanged(rolling, longer)).toBe(true);
    expect(
      qualificationChanged(config, { ...config, policy: { ...config.policy, metric: 'points' } }),
    ).toBe(true);
  });
});

describe('tier configuration', () => {
  const valid = {
    policy: { metric: 'spend', window: { kind: 'calendarYear' }, graceDays: 30 },
    tiers: [
      { code: 'bronze', name: 'Bronze', threshold: 0, earnMultiplierPercent: 100 },
      { code: 'silver', name: 'Silver', threshold: 5000, earnMultiplierPercent: 150 },
      { code: 'gold', name: 'Gold', threshold: 20000, earnMultiplierPercent: 200 },
    ],
  };
  const issues = (input: unknown) => {
    const result = TierConfigInputSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
  };

  it('accepts ascending thresholds and fills defaults', () => {
    const parsed = TierConfigInputSchema.parse({
      ...valid,
      tiers: [{ code: 'vip', name: 'VIP', threshold: 1 }],
    });
    expect(parsed.tiers[0]).toMatchObject({ earnMultiplierPercent: 100, benefits: [] });
  });

  it('names the field at fault', () => {
    const tiers = structuredClone(valid.tiers);
    tiers[2]!.threshold = 5000;
    expect(issues({ ...valid, tiers })).toEqual([
      'tiers.2.threshold must exceed tiers.1.threshold',
    ]);
    const dup = structuredClone(valid.tiers);
    dup[2]!.code = 'Silver';
    expect(issues({ ...valid, tiers: dup })).toEqual(['tiers.2.code duplicates tiers.1.code']);
    expect(
      issues({ ...valid, policy: { ...valid.policy, window: { kind: 'rolling' } } })[0],
    ).toMatch(/^policy\.window\.days /);
    const low = structuredClone(valid.tiers);
    low[0]!.earnMultiplierPercent = 50;
    expect(issues({ ...valid, tiers: low })[0]).toMatch(/^tiers\.0\.earnMultiplierPercent /);
  });
});
