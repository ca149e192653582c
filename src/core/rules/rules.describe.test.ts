import { describe, expect, it } from 'vitest';
import { describeRule, type DescribeContext } from './rules.describe.js';
import { RuleDocumentSchema } from './rules.js';

const ctx: DescribeContext = {
  currency: 'GBP',
  currencyExponent: 2,
  timeZone: 'Europe/London',
  names: {
    tiers: { gold: 'Gold', silver: 'Silver' },
    segments: { vip: 'VIPs' },
    rewards: { rwd_1: 'Free coffee' },
    couponBatches: { cb_1: 'Summer 10% off' },
    stores: { S1: 'Leeds' },
  },
};

const sentence = (doc: Record<string, unknown>) =>
  describeRule(
    RuleDocumentSchema.parse({
      schemaVersion: 1,
      name: 'r',
      trigger: 'order.placed',
      effects: [{ type: 'points.fixed', points: 50 }],
      ...doc,
    }),
    ctx,
  );

const withCondition = (condition: Record<string, unknown>) => sentence({ conditions: [condition] });

describe('describeRule', () => {
  it('says the example of the issue word for word', () => {
    expect(
      sentence({
        lines: { categories: ['Home'] },
        conditions: [{ type: 'time.dayOfWeek', days: [6, 7] }],
        effects: [{ type: 'points.multiplier', percent: 200 }],
        caps: { perCustomer: { points: 500, period: 'month' } },
      }),
    ).toBe('Double points on Home at weekends, at most 500 points per member per month');
  });

  it('names every effect', () => {
    const effect = (e: Record<string, unknown>) => sentence({ effects: [e] });
    expect(effect({ type: 'points.perCurrencyUnit', points: 2 })).toBe(
      '2 points per £1 spent on every order',
    );
    expect(effect({ type: 'points.fixed', points: 1 })).toBe('1 point on every order');
    expect(effect({ type: 'points.fixed', points: 1500 })).toBe('1,500 points on every order');
    expect(effect({ type: 'points.multiplier', percent: 300 })).toBe(
      'Triple points on every order',
    );
    expect(effect({ type: 'points.multiplier', percent: 150 })).toBe('1.5× points on every order');
    expect(effect({ type: 'issue.reward', rewardId: 'rwd_1' })).toBe(
      'The reward “Free coffee” on every order',
    );
    expect(effect({ type: 'issue.coupon', couponBatchId: 'cb_9' })).toBe(
      'A coupon from “cb_9” on every order',
    );
    expect(
      sentence({
        effects: [
          { type: 'points.fixed', points: 10 },
          { type: 'issue.reward', rewardId: 'rwd_1' },
        ],
      }),
    ).toBe('10 points and the reward “Free coffee” on every order');
  });

  it('names every condition', () => {
    expect(withCondition({ type: 'order.amount', minMinor: 2000 })).toBe(
      '50 points on every order when the eligible amount is at least £20',
    );
    expect(withCondition({ type: 'order.amount', maxMinor: 1250 })).toBe(
      '50 points on every order when the eligible amount is at most £12.50',
    );
    expect(withCondition({ type: 'order.amount', minMinor: 1000, maxMinor: 5000 })).toBe(
      '50 points on every order when the eligible amount is between £10 and £50',
    );
    expect(withCondition({ type: 'order.quantity', min: 3 })).toBe(
      '50 points on every order with at least 3 eligible items',
    );
    expect(withCondition({ type: 'order.channel', in: ['web', 'app'] })).toBe(
      '50 points on every order through web or app',
    );
    expect(withCondition({ type: 'order.store', in: ['S1', 'S2'] })).toBe(
      '50 points on every order at stores Leeds or S2',
    );
    expect(withCondition({ type: 'time.dayOfWeek', days: [1, 2, 3, 4, 5] })).toBe(
      '50 points on every order on weekdays',
    );
    expect(withCondition({ type: 'time.dayOfWeek', days: [5, 1] })).toBe(
      '50 points on every order on Mondays or Fridays',
    );
    expect(withCondition({ type: 'time.dayOfWeek', days: [1, 2, 3, 4, 5, 6, 7] })).toBe(
      '50 points on every order on any day',
    );
    expect(withCondition({ type: 'time.window', from: '09:00', to: '12:00' })).toBe(
      '50 points on every order between 09:00 and 12:00',
    );
    expect(withCondition({ type: 'time.window', from: '22:00', to: '02:00' })).toBe(
      '50 points on every order between 22:00 and 02:00 (overnight)',
    );
    expect(withCondition({ type: 'customer.tier', in: ['gold', 'platinum'] })).toBe(
      '50 points on every order for Gold or platinum members',
    );
    expect(withCondition({ type: 'customer.segment', in: ['vip'] })).toBe(
      '50 points on every order for members in segment VIPs',
    );
    expect(withCondition({ type: 'customer.attribute', key: 'plan', op: 'eq', value: 'pro' })).toBe(
      '50 points on every order when the member’s plan is “pro”',
    );
    expect(
      withCondition({ type: 'customer.attribute', key: 'age', op: 'in', value: [18, 19] }),
    ).toBe('50 points on every order when the member’s age is one of 18 or 19');
    expect(withCondition({ type: 'customer.attribute', key: 'vip', op: 'exists' })).toBe(
      '50 points on every order when the member’s vip is set',
    );
    expect(withCondition({ type: 'customer.orderNumber', nth: 1 })).toBe(
      '50 points on every order on the member’s first order',
    );
    expect(withCondition({ type: 'customer.orderNumber', nth: 2 })).toBe(
      '50 points on every order on the member’s 2nd order',
    );
    expect(withCondition({ type: 'customer.orderNumber', every: 5 })).toBe(
      '50 points on every order on every 5th order',
    );
  });

  it('names every cap, line filter, trigger, date and the stop', () => {
    expect(sentence({ caps: { perOrder: 100 } })).toBe(
      '50 points on every order, at most 100 points per order',
    );
    expect(
      sentence({ caps: { perOrder: 100, perCustomer: { points: 300, period: 'week' } } }),
    ).toBe(
      '50 points on every order, at most 100 points per order and 300 points per member per week',
    );
    expect(sentence({ lines: { skus: ['TEA'], categories: ['Home'] } })).toBe(
      '50 points on Home or SKU TEA',
    );
    expect(sentence({ lines: { excludeCategories: ['Gift cards'] } })).toBe(
      '50 points on every order excluding Gift cards',
    );
    expect(sentence({ trigger: 'customer.enrolled' })).toBe('50 points when a customer joins');
    expect(sentence({ trigger: 'customer.birthday' })).toBe('50 points on the member’s birthday');
    expect(sentence({ trigger: 'review.submitted' })).toBe('50 points for each review submitted');
    expect(sentence({ trigger: 'survey.answered' })).toBe('50 points for each survey answered');
    expect(sentence({ trigger: 'referral.converted' })).toBe(
      '50 points for each referral that converts',
    );
    expect(sentence({ trigger: 'custom', customEvent: 'app.installed' })).toBe(
      '50 points on the event “app.installed”',
    );
    expect(
      sentence({ startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-31T23:00:00+01:00' }),
    ).toBe('50 points on every order from 2026-12-01 until 2026-12-31');
    expect(sentence({ stopsLowerPriority: true })).toBe(
      '50 points on every order, then no lower-priority rule applies',
    );
  });

  it('combines several conditions in the order given', () => {
    expect(
      sentence({
        lines: { categories: ['Home', 'Garden'] },
        conditions: [
          { type: 'customer.tier', in: ['gold'] },
          { type: 'time.window', from: '18:00', to: '21:00' },
          { type: 'customer.orderNumber', nth: 2 },
        ],
        effects: [{ type: 'points.perCurrencyUnit', points: 3 }],
        caps: { perCustomer: { points: 1000, period: 'year' } },
      }),
    ).toBe(
      '3 points per £1 spent on Home or Garden for Gold members between 18:00 and 21:00 on the member’s 2nd order, at most 1,000 points per member per year',
    );
  });

  it('formats money in the programme currency, also without minor units', () => {
    const yen = { ...ctx, currency: 'JPY', currencyExponent: 0 };
    const doc = RuleDocumentSchema.parse({
      schemaVersion: 1,
      name: 'y',
      trigger: 'order.placed',
      conditions: [{ type: 'order.amount', minMinor: 1000 }],
      effects: [{ type: 'points.perCurrencyUnit', points: 1 }],
    });
    expect(describeRule(doc, yen)).toBe(
      '1 point per ¥1 spent on every order when the eligible amount is at least ¥1,000',
    );
  });
});
