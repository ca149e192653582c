import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import {
  DEFAULT_LIFECYCLE_THRESHOLDS,
  LIFECYCLE_STAGES,
  LifecycleThresholdsQuerySchema,
  LifecycleThresholdsSchema,
  lifecycleFunnel,
  lifecycleFunnelOf,
  lifecycleStageOf,
  thresholdIssues,
  validThresholds,
  type LifecycleThresholds,
  type StageCountsQuery,
} from './lifecycle.js';

const T = DEFAULT_LIFECYCLE_THRESHOLDS;
const bought = (firstPurchaseAgeDays: number, recencyDays = firstPurchaseAgeDays) => ({
  firstPurchaseAgeDays,
  recencyDays,
});

describe('lifecycleStageOf', () => {
  it('is prospect without a purchase', () => {
    expect(lifecycleStageOf(null, T)).toBe('prospect');
  });

  it('puts each threshold day in the younger stage (inclusive)', () => {
    expect(lifecycleStageOf(bought(30), T)).toBe('new');
    expect(lifecycleStageOf(bought(31), T)).toBe('active');
    expect(lifecycleStageOf(bought(90), T)).toBe('active');
    expect(lifecycleStageOf(bought(91), T)).toBe('at_risk');
    expect(lifecycleStageOf(bought(180), T)).toBe('at_risk');
    expect(lifecycleStageOf(bought(181), T)).toBe('lapsed');
    expect(lifecycleStageOf(bought(365), T)).toBe('lapsed');
    expect(lifecycleStageOf(bought(366), T)).toBe('lost');
  });

  it('calls new whoever first bought recently, however recent the last purchase', () => {
    expect(lifecycleStageOf(bought(10, 2), T)).toBe('new');
    expect(lifecycleStageOf(bought(400, 2), T)).toBe('active');
  });

  it('never gets younger as the last purchase gets older', () => {
    const order = LIFECYCLE_STAGES;
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(50), (first, gap, extra) => {
        const recency = Math.min(first, gap);
        const a = lifecycleStageOf(bought(first + extra, recency), T);
        const b = lifecycleStageOf(bought(first + extra + 1, recency + 1), T);
        return order.indexOf(b) >= order.indexOf(a);
      }),
    );
  });
});

describe('thresholds', () => {
  it('defaults to 30, 90, 180, 365 days', () => {
    expect(validThresholds({})).toEqual({
      newDays: 30,
      activeDays: 90,
      atRiskDays: 180,
      lapsedDays: 365,
    });
  });

  it('must increase, naming a field the caller sent', () => {
    expect(thresholdIssues({ newDays: 100 })).toEqual([
      { path: 'newDays', message: 'must be less than activeDays (90)' },
    ]);
    expect(thresholdIssues({ newDays: 100, activeDays: 90 })).toEqual([
      { path: 'activeDays', message: 'must be greater than newDays (100)' },
    ]);
    expect(thresholdIssues({ atRiskDays: 90 })).toEqual([
      { path: 'atRiskDays', message: 'must be greater than activeDays (90)' },
    ]);
    expect(thresholdIssues({ newDays: 1, activeDays: 2, atRiskDays: 3, lapsedDays: 4 })).toEqual(
      [],
    );
  });

  it('finds an issue exactly when the resolved thresholds do not increase', () => {
    const maybe = fc.option(fc.nat(500), { nil: undefined });
    fc.assert(
      fc.property(maybe, maybe, maybe, maybe, (newDays, activeDays, atRiskDays, lapsedDays) => {
        const given = { newDays, activeDays, atRiskDays, lapsedDays };
        const t = {
          ...T,
          ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
        } as LifecycleThresholds;
        const increasing =
          t.newDays < t.activeDays && t.activeDays < t.atRiskDays && t.atRiskDays < t.lapsedDays;
        const issues = thresholdIssues(given);
        // The defaults increase, so a pair can only break when the caller sent one of it: the
        // issue names a field they sent.
        const sent = issues.every((i) => given[i.path as keyof typeof given] !== undefined);
        return (issues.length === 0) === increasing && sent;
      }),
    );
  });

  it('parses a body and a query string, refusing what does not increase', () => {
    expect(LifecycleThresholdsSchema.parse({ newDays: 7 })).toEqual({ newDays: 7 });
    expect(LifecycleThresholdsQuerySchema.parse({ activeDays: '60' })).toEqual({ activeDays: 60 });
    const bad = LifecycleThresholdsSchema.safeParse({ lapsedDays: 100 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['lapsedDays']);
    const negative = LifecycleThresholdsQuerySchema.safeParse({ newDays: '-1' });
    expect(negative.error?.issues.map((i) => i.path.join('.'))).toEqual(['newDays']);
  });

  it('throws a domain error naming the field for callers without the schema', () => {
    expect(() => validThresholds({ activeDays: 10.5 })).toThrow(DomainError);
    try {
      validThresholds({ activeDays: 20 });
    } catch (error) {
      expect((error as DomainError).issues).toEqual([
        { path: 'activeDays', message: 'must be greater than newDays (30)' },
      ]);
    }
  });
});

describe('lifecycle funnel', () => {
  it('lists every stage in order with shares of all customers', () => {
    expect(lifecycleFunnel({ new: 1, lost: 2 })).toEqual([
      { stage: 'prospect', customers: 0, sharePercent: 0 },
      { stage: 'new', customers: 1, sharePercent: 33.33 },
      { stage: 'active', customers: 0, sharePercent: 0 },
      { stage: 'at_risk', customers: 0, sharePercent: 0 },
      { stage: 'lapsed', customers: 0, sharePercent: 0 },
      { stage: 'lost', customers: 2, sharePercent: 66.67 },
    ]);
    expect(lifecycleFunnel({})[0]).toEqual({ stage: 'prospect', customers: 0, sharePercent: null });
  });

  it('re-evaluates only when thresholds are given', async () => {
    const asked: StageCountsQuery[] = [];
    const deps = {
      programme: { timeZone: 'Europe/London' },
      analytics: {
        stageCounts: async (q: StageCountsQuery) => {
          asked.push(q);
          return { asOf: null, counts: { active: 4 } };
        },
      },
    };
    expect((await lifecycleFunnelOf(deps, {})).thresholds).toBeNull();
    const f = await lifecycleFunnelOf(deps, { newDays: 7 });
    expect(f.thresholds).toEqual({ ...T, newDays: 7 });
    expect(f.customers).toBe(4);
    expect(asked.map((q) => q.thresholds?.newDays ?? null)).toEqual([null, 7]);
  });
});
