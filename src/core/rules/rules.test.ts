import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRules, type EvaluationContext, type RuleEvent } from './rules.evaluate.js';
import { periodStart } from './rules.period.js';
import { RuleDocumentSchema, type Rule } from './rules.js';

const ctx: EvaluationContext = {
  timeZone: 'Europe/London',
  currency: 'GBP',
  currencyExponent: 2,
  basePointsPerCurrencyUnit: 1,
  awardedInPeriod: {},
};

let seq = 0;
const rule = (doc: Record<string, unknown>, id = `rul_${++seq}`): Rule => ({
  id,
  version: 1,
  document: RuleDocumentSchema.parse({ schemaVersion: 1, name: id, ...doc }),
});

const customer = { tier: null, segments: [], attributes: {} };
const orderEvent = (
  order: Partial<NonNullable<RuleEvent['order']>> = {},
  at = '2026-06-03T10:00:00Z',
): RuleEvent => ({
  trigger: 'order.placed',
  at: new Date(at),
  customer,
  order: {
    currency: 'GBP',
    channel: 'web',
    storeId: null,
    orderNumber: 3,
    lines: [
      { sku: 'TEA', category: 'food', quantity: 2, unitPriceMinor: 1250 }, // 25.00
      { sku: 'GIFTCARD', category: 'giftcard', quantity: 1, unitPriceMinor: 5000 }, // 50.00
      { sku: 'MUG', category: 'kitchen', quantity: 1, unitPriceMinor: 899 }, // 8.99
    ],
    ...order,
  },
});

describe('rule documents', () => {
  const issuesOf = (doc: unknown) => {
    const parsed = RuleDocumentSchema.safeParse(doc);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
  };
  const base = {
    schemaVersion: 1,
    name: 'x',
    trigger: 'order.placed',
    effects: [{ type: 'points.fixed', points: 5 }],
  };

  it('accepts a valid rule and fills defaults', () => {
    const doc = RuleDocumentSchema.parse(base);
    expect(doc).toMatchObject({ priority: 0, conditions: [], stopsLowerPriority: false });
  });

  it('refuses invalid rules, naming the field at fault', () => {
    expect(issuesOf({ ...base, effects: [] })).toEqual(['effects']);
    expect(issuesOf({ ...base, effects: [{ type: 'points.fixed', points: 1.5 }] })).toEqual([
      'effects.0.points',
    ]);
    expect(
      issuesOf({ ...base, conditions: [{ type: 'time.window', from: '25:00', to: '10:00' }] }),
    ).toEqual(['conditions.0.from']);
    expect(
      issuesOf({ ...base, conditions: [{ type: 'order.amount', minMinor: 500, maxMinor: 100 }] }),
    ).toEqual(['conditions.0.minMinor']);
    expect(issuesOf({ ...base, conditions: [{ type: 'no.such' }] })).toEqual(['conditions.0.type']);
    expect(issuesOf({ ...base, trigger: 'custom' })).toEqual(['customEvent']);
    expect(
      issuesOf({ ...base, startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' }),
    ).toEqual(['endsAt']);
    expect(
      issuesOf({
        ...base,
        trigger: 'customer.birthday',
        effects: [{ type: 'points.perCurrencyUnit', points: 2 }],
      }),
    ).toEqual(['trigger']);
    expect(issuesOf({ ...base, unknownField: true })).toEqual(['']);
  });
});

describe('evaluateRules', () => {
  it('sign-up gift: fixed points on enrolment', () => {
    const gift = rule({
      trigger: 'customer.enrolled',
      effects: [{ type: 'points.fixed', points: 100 }],
    });
    const result = evaluateRules(
      [gift],
      { trigger: 'customer.enrolled', at: new Date(), customer },
      ctx,
    );
    expect(result.points).toEqual([
      { ruleId: gift.id, ruleVersion: 1, points: 100, uncappedPoints: 100 },
    ]);
  });

  it('category multiplier with exclusion: gift cards never earn extra', () => {
    const double = rule({
      trigger: 'order.placed',
      lines: { excludeCategories: ['giftcard'] },
      effects: [{ type: 'points.multiplier', percent: 200 }],
    });
    // Eligible 25.00 + 8.99 = 33.99 → 33 base points → 33 extra.
    expect(evaluateRules([double], orderEvent(), ctx).points[0]?.points).toBe(33);
    const foodTriple = rule({
      trigger: 'order.placed',
      lines: { categories: ['food'] },
      effects: [{ type: 'points.multiplier', percent: 300 }],
    });
    expect(evaluateRules([foodTriple], orderEvent(), ctx).points[0]?.points).toBe(50);
  });

  it('nth-order bonus and every 5th order', () => {
    const first = rule({
      trigger: 'order.placed',
      conditions: [{ type: 'customer.orderNumber', nth: 1 }],
      effects: [{ type: 'points.fixed', points: 50 }],
    });
    const fifth = rule({
      trigger: 'order.placed',
      conditions: [{ type: 'customer.orderNumber', every: 5 }],
      effects: [{ type: 'points.fixed', points: 20 }],
    });
    const pointsAt = (n: number) =>
      evaluateRules([first, fifth], orderEvent({ orderNumber: n }), ctx).points.map(
        (p) => p.points,
      );
    expect(pointsAt(1)).toEqual([50]);
    expect(pointsAt(3)).toEqual([]);
    expect(pointsAt(10)).toEqual([20]);
    const skipped = evaluateRules([first], orderEvent({ orderNumber: 2 }), ctx).skipped;
    expect(skipped).toEqual([{ ruleId: first.id, reason: 'not the 1st order' }]);
  });

  it('day of week and time window are read in the programme time zone', () => {
    const happyHour = rule({
      trigger: 'order.placed',
      conditions: [
        { type: 'time.dayOfWeek', days: [5] },
        { type: 'time.window', from: '17:00', to: '19:00' },
      ],
      effects: [{ type: 'points.fixed', points: 10 }],
    });
    // Friday 2026-06-05 16:30 UTC is 17:30 in London (BST).
    expect(
      evaluateRules([happyHour], orderEvent({}, '2026-06-05T16:30:00Z'), ctx).points,
    ).toHaveLength(1);
    expect(
      evaluateRules([happyHour], orderEvent({}, '2026-06-05T18:00:00Z'), ctx).skipped[0]?.reason,
    ).toBe('outside 17:00–19:00');
    const lateNight = rule({
      trigger: 'order.placed',
      conditions: [{ type: 'time.window', from: '22:00', to: '02:00' }],
      effects: [{ type: 'points.fixed', points: 1 }],
    });
    expect(
      evaluateRules([lateNight], orderEvent({}, '2026-01-10T23:30:00Z'), ctx).points,
    ).toHaveLength(1);
    expect(
      evaluateRules([lateNight], orderEvent({}, '2026-01-10T12:00:00Z'), ctx).points,
    ).toHaveLength(0);
  });

  it('customer tier, segment and attribute conditions', () => {
    const vip = rule({
      trigger: 'order.placed',
      conditions: [
        { type: 'customer.tier', in: ['gold'] },
        { type: 'customer.segment', in: ['champions'] },
        { type: 'customer.attribute', key: 'age', op: 'gte', value: 18 },
      ],
      effects: [{ type: 'points.fixed', points: 7 }],
    });
    const event = orderEvent();
    event.customer = { tier: 'gold', segments: ['champions'], attributes: { age: 30 } };
    expect(evaluateRules([vip], event, ctx).points).toHaveLength(1);
    event.customer = { tier: 'gold', segments: ['champions'], attributes: { age: 16 } };
    expect(evaluateRules([vip], event, ctx).skipped[0]?.reason).toBe(
      'attribute age does not match',
    );
  });

  it('caps per order and per customer period', () => {
    const big = rule({
      trigger: 'order.placed',
      effects: [{ type: 'points.perCurrencyUnit', points: 10 }],
      caps: { perOrder: 500, perCustomer: { points: 600, period: 'month' } },
    });
    // 83.99 → 839 points, capped at 500 per order.
    expect(evaluateRules([big], orderEvent(), ctx).points[0]).toMatchObject({
      points: 500,
      uncappedPoints: 839,
    });
    const later = evaluateRules([big], orderEvent(), {
      ...ctx,
      awardedInPeriod: { [big.id]: 500 },
    });
    expect(later.points[0]?.points).toBe(100);
    expect(
      evaluateRules([big], orderEvent(), { ...ctx, awardedInPeriod: { [big.id]: 600 } }).points,
    ).toEqual([]);
  });

  it('runs by priority, stops below a rule that says so, and respects dates', () => {
    const high = rule({
      trigger: 'order.placed',
      priority: 10,
      stopsLowerPriority: true,
      effects: [{ type: 'points.fixed', points: 1 }],
    });
    const low = rule({ trigger: 'order.placed', effects: [{ type: 'points.fixed', points: 2 }] });
    expect(evaluateRules([low, high], orderEvent(), ctx).points.map((p) => p.ruleId)).toEqual([
      high.id,
    ]);
    const summer = rule({
      trigger: 'order.placed',
      startsAt: '2026-06-01T00:00:00Z',
      endsAt: '2026-09-01T00:00:00Z',
      effects: [{ type: 'points.fixed', points: 3 }],
    });
    expect(
      evaluateRules([summer], orderEvent({}, '2026-09-01T00:00:00Z'), ctx).skipped[0]?.reason,
    ).toBe('ended');
  });

  it('a stopping rule lets the rest of its own priority run, whatever their names', () => {
    const fixed = (name: string, extra: Record<string, unknown> = {}) =>
      rule({
        trigger: 'order.placed',
        name,
        effects: [{ type: 'points.fixed', points: 10 }],
        ...extra,
      });
    for (const stopperName of ['Alpha: staff rate', 'Zulu: staff rate']) {
      const stopper = fixed(stopperName, { stopsLowerPriority: true });
      const peer = fixed('Beta: welcome');
      const lower = fixed('Gamma: lower', { priority: -1 });
      const applied = evaluateRules([lower, peer, stopper], orderEvent(), ctx).points;
      expect(applied.map((p) => p.ruleId).sort()).toEqual([peer.id, stopper.id].sort());
    }
  });

  it('compares start and end as instants, whatever their offsets', () => {
    const doc = (startsAt: string, endsAt: string) =>
      RuleDocumentSchema.safeParse({
        schemaVersion: 1,
        name: 'dated',
        trigger: 'order.placed',
        startsAt,
        endsAt,
        effects: [{ type: 'points.fixed', points: 1 }],
      }).success;
    // 10:00+02:00 is 08:00Z, before 09:00Z: a valid period, though its text sorts later.
    expect(doc('2026-06-01T10:00:00+02:00', '2026-06-01T09:00:00Z')).toBe(true);
    expect(doc('2026-06-01T09:00:00Z', '2026-06-01T10:00:00+02:00')).toBe(false);
  });

  it('custom events match by name; coupons and rewards are proposed, not issued', () => {
    const app = rule({
      trigger: 'custom',
      customEvent: 'app.installed',
      effects: [
        { type: 'points.fixed', points: 25 },
        { type: 'issue.coupon', couponBatchId: 'cpb_welcome' },
      ],
    });
    const ev = (name: string): RuleEvent => ({
      trigger: 'custom',
      customEvent: name,
      at: new Date(),
      customer,
    });
    expect(evaluateRules([app], ev('app.installed'), ctx)).toMatchObject({
      points: [{ points: 25 }],
      issues: [{ kind: 'coupon', ref: 'cpb_welcome' }],
    });
    expect(evaluateRules([app], ev('app.removed'), ctx).points).toEqual([]);
  });

  it('per-unit effects earn nothing in another currency', () => {
    const perUnit = rule({
      trigger: 'order.placed',
      effects: [{ type: 'points.perCurrencyUnit', points: 5 }],
    });
    expect(evaluateRules([perUnit], orderEvent({ currency: 'EUR' }), ctx).points).toEqual([]);
  });

  it('never proposes negative points, and caps never raise them', () => {
    const lineArb = fc.record({
      sku: fc.constantFrom('A', 'B', 'GIFT'),
      category: fc.constantFrom('food', 'giftcard', null),
      quantity: fc.integer({ min: 1, max: 50 }),
      unitPriceMinor: fc.integer({ min: 0, max: 100_000 }),
    });
    const perUnit = rule({
      trigger: 'order.placed',
      lines: { excludeSkus: ['GIFT'] },
      effects: [
        { type: 'points.perCurrencyUnit', points: 3 },
        { type: 'points.multiplier', percent: 150 },
      ],
      caps: { perOrder: 2_000 },
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 5_000 }),
        (lines, awarded) => {
          const result = evaluateRules([perUnit], orderEvent({ lines }), {
            ...ctx,
            awardedInPeriod: { [perUnit.id]: awarded },
          });
          for (const p of result.points) {
            expect(p.points).toBeGreaterThan(0);
            expect(p.points).toBeLessThanOrEqual(Math.min(p.uncappedPoints, 2_000));
          }
        },
      ),
    );
  });
});

describe('reasons a rule did not apply', () => {
  const reasonOf = (doc: Record<string, unknown>, event = orderEvent(), context = ctx) => {
    const r = rule({ trigger: 'order.placed', ...doc });
    const result = evaluateRules([r], event, context);
    return result.skipped.map((s) => s.reason);
  };
  const fixed = { effects: [{ type: 'points.fixed', points: 5 }] };
  const when = (condition: Record<string, unknown>, event = orderEvent()) =>
    reasonOf({ ...fixed, conditions: [condition] }, event);

  it('names what each failing condition found', () => {
    expect(when({ type: 'order.amount', minMinor: 10_000 })).toEqual([
      'eligible amount below 100.00',
    ]);
    expect(when({ type: 'order.amount', maxMinor: 100 })).toEqual(['eligible amount above 1.00']);
    expect(when({ type: 'order.quantity', min: 9 })).toEqual(['fewer than 9 eligible items']);
    expect(when({ type: 'order.channel', in: ['pos', 'app'] })).toEqual([
      'channel web, not pos or app',
    ]);
    expect(when({ type: 'order.store', in: ['S1'] })).toEqual(['no store, not S1']);
    expect(when({ type: 'order.store', in: ['S1'] }, orderEvent({ storeId: 'S2' }))).toEqual([
      'store S2, not S1',
    ]);
    // 2026-06-03 is a Wednesday.
    expect(when({ type: 'time.dayOfWeek', days: [6, 7] })).toEqual(['not a weekend']);
    expect(when({ type: 'time.dayOfWeek', days: [5, 1] })).toEqual(['not on Mon or Fri']);
    expect(
      when(
        { type: 'time.dayOfWeek', days: [1, 2, 3, 4, 5] },
        orderEvent({}, '2026-06-06T10:00:00Z'),
      ),
    ).toEqual(['not a weekday']);
    expect(when({ type: 'time.window', from: '18:00', to: '20:00' })).toEqual([
      'outside 18:00–20:00',
    ]);
    expect(when({ type: 'customer.tier', in: ['gold'] })).toEqual(['no tier, not gold']);
    const silver = { ...orderEvent(), customer: { ...customer, tier: 'silver' } };
    expect(when({ type: 'customer.tier', in: ['gold'] }, silver)).toEqual([
      'tier is silver, not gold',
    ]);
    expect(when({ type: 'customer.segment', in: ['vip'] })).toEqual(['not in segment vip']);
    expect(when({ type: 'customer.attribute', key: 'plan', op: 'exists' })).toEqual([
      'attribute plan does not match',
    ]);
    expect(when({ type: 'customer.orderNumber', nth: 2 })).toEqual(['not the 2nd order']);
    expect(when({ type: 'customer.orderNumber', every: 5 })).toEqual(['not an every-5th order']);
  });

  it('explains a rule whose conditions hold but that gives nothing', () => {
    const double = { effects: [{ type: 'points.multiplier', percent: 200 }] };
    expect(reasonOf({ ...double, lines: { categories: ['Home'] } })).toEqual(['category not Home']);
    expect(reasonOf({ ...double, lines: { skus: ['LAMP'] } })).toEqual(['SKU not LAMP']);
    expect(
      reasonOf({
        ...double,
        lines: { excludeCategories: ['food', 'giftcard', 'kitchen'] },
      }),
    ).toEqual(['only excluded items']);
    expect(reasonOf(double, orderEvent({ lines: [] }))).toEqual(['order has no value']);
    expect(reasonOf(double, orderEvent({ currency: 'EUR' }))).toEqual(['order in EUR, not GBP']);
    expect(
      reasonOf(
        double,
        orderEvent({ lines: [{ sku: 'X', category: null, quantity: 1, unitPriceMinor: 50 }] }),
      ),
    ).toEqual(['eligible amount too small to earn a point']);
    const capped = { ...fixed, caps: { perCustomer: { points: 10, period: 'month' } } };
    const used = { ...ctx, awardedInPeriod: { rul_cap: 10 } };
    const r = rule({ trigger: 'order.placed', ...capped }, 'rul_cap');
    expect(evaluateRules([r], orderEvent(), used).skipped).toEqual([
      { ruleId: 'rul_cap', reason: 'cap of 10 points per member per month reached' },
    ]);
  });

  it('gives no reason when the rule only issues something', () => {
    const reward = { effects: [{ type: 'issue.reward', rewardId: 'rwd_1' }] };
    expect(reasonOf(reward)).toEqual([]);
  });
});

describe('periodStart', () => {
  it('finds local midnight, ISO week, month and year starts across daylight saving', () => {
    const at = new Date('2026-03-30T12:00:00Z'); // Monday, the day after UK clocks went forward
    expect(periodStart(at, 'day', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(periodStart(at, 'week', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(periodStart(at, 'month', 'Europe/London').toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(periodStart(at, 'year', 'Asia/Almaty').toISOString()).toBe('2025-12-31T19:00:00.000Z');
    expect(
      periodStart(new Date('2026-03-29T12:00:00Z'), 'week', 'Europe/Tallinn').toISOString(),
    ).toBe('2026-03-22T22:00:00.000Z');
  });
});
