import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

// Orders on known days around June 2026 (programme time zone Europe/London, BST in summer).
const NOW = new Date('2026-07-01T12:00:00.000Z');
const clock = manualClock(NOW);
let t: TestApp;

const home = (quantity: number, unitPriceMinor: number) => ({
  sku: 'LAMP',
  name: 'Desk lamp',
  category: 'Home',
  quantity,
  unitPriceMinor,
});
const garden = {
  sku: 'HOSE',
  name: 'Garden hose',
  category: 'Garden',
  quantity: 1,
  unitPriceMinor: 1500,
};

/** The example: double points on Home at weekends, at most 500 per member per month. */
const weekendHome = {
  schemaVersion: 1,
  name: 'Weekend Home',
  trigger: 'order.placed',
  lines: { categories: ['Home'] },
  conditions: [{ type: 'time.dayOfWeek', days: [6, 7] }],
  effects: [{ type: 'points.multiplier', percent: 200 }],
  caps: { perCustomer: { points: 500, period: 'month' } },
};
const SENTENCE = 'Double points on Home at weekends, at most 500 points per member per month';

beforeAll(async () => {
  t = await startTestApp({ clock });
  const place = async (customerId: string, placedAt: string, fields: Record<string, unknown>) => {
    const res = await t.call('POST', '/v1/orders', orderBody(customerId, { placedAt, ...fields }));
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  };
  const [a, b, c] = [await createCustomer(t), await createCustomer(t), await createCustomer(t)];
  await place(a.id, '2026-06-06T10:00:00Z', { lines: [home(2, 2000)], storeId: 'S1' }); // Sat: +40
  await place(a.id, '2026-06-07T10:00:00Z', { lines: [home(1, 50_000)], channel: 'pos' }); // Sun: +500 → 460 (cap)
  await place(a.id, '2026-06-13T10:00:00Z', { lines: [home(1, 1000)] }); // Sat: June cap used up
  await place(b.id, '2026-06-10T10:00:00Z', { lines: [home(1, 1000)] }); // Wed
  await place(b.id, '2026-06-13T10:00:00Z', { lines: [garden] }); // Sat, no Home
  await place(c.id, '2026-05-30T10:00:00Z', { lines: [home(1, 1000)] }); // Sat in May: before the range
  await place(c.id, '2026-06-30T22:30:00Z', { lines: [home(1, 1000)] }); // Tue 23:30 BST: in range
  await place(c.id, '2026-06-30T23:30:00Z', { lines: [home(1, 1000)] }); // Wed 00:30 BST, 1 July: out
});
afterAll(() => t.close());

const simulate = (rule: Record<string, unknown>, period: Record<string, unknown>) =>
  t.call('POST', '/v1/rules/simulate', { rule, ...period });

const reasonsAddUp = (body: {
  ordersEvaluated: number;
  ordersMatched: number;
  skippedReasons: { orders: number }[];
}) => body.ordersMatched + body.skippedReasons.reduce((s, r) => s + r.orders, 0);

describe('simulation over a chosen date range', () => {
  it('replays June in the programme calendar and explains every order that did not qualify', async () => {
    const res = await simulate(weekendHome, { from: '2026-06-01', to: '2026-06-30' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: '2026-05-31T23:00:00.000Z',
      to: '2026-06-30T23:00:00.000Z',
      ordersEvaluated: 6,
      ordersMatched: 2,
      customersAffected: 1,
      pointsIssued: 500,
      pointsBeforeCaps: 540,
    });
    expect(res.body.skippedReasons).toEqual([
      { reason: 'not a weekend', orders: 2 },
      { reason: 'cap of 500 points per member per month reached', orders: 1 },
      { reason: 'category not Home', orders: 1 },
    ]);
    expect(reasonsAddUp(res.body)).toBe(res.body.ordersEvaluated);
  });

  it('explains every order for rules of each kind of condition', async () => {
    const rules = [
      { conditions: [{ type: 'order.channel', in: ['pos'] }] },
      { conditions: [{ type: 'order.store', in: ['S1'] }] },
      { conditions: [{ type: 'customer.tier', in: ['gold'] }] },
      { conditions: [{ type: 'customer.segment', in: ['vip'] }] },
      { conditions: [{ type: 'customer.orderNumber', nth: 2 }] },
      { conditions: [{ type: 'time.window', from: '09:00', to: '10:00' }] },
      { conditions: [{ type: 'order.amount', minMinor: 2000 }] },
      { lines: { skus: ['LAMP'] }, effects: [{ type: 'points.perCurrencyUnit', points: 1 }] },
      { effects: [{ type: 'issue.reward', rewardId: 'rwd_missing' }] },
    ];
    for (const extra of rules) {
      const rule = { ...weekendHome, conditions: [], caps: undefined, ...extra };
      const res = await simulate(rule, { from: '2026-05-01', to: '2026-07-01' });
      expect(res.status, JSON.stringify(extra)).toBe(200);
      expect(res.body.ordersEvaluated).toBe(8);
      expect(reasonsAddUp(res.body), JSON.stringify(res.body)).toBe(8);
    }
  });

  it('names the tier condition when members have no tier', async () => {
    const res = await simulate(
      { ...weekendHome, conditions: [{ type: 'customer.tier', in: ['gold'] }], caps: undefined },
      { from: '2026-06-01', to: '2026-06-30' },
    );
    expect(res.body.skippedReasons).toEqual([{ reason: 'no tier, not gold', orders: 6 }]);
  });

  it('still takes the last N days, and instants', async () => {
    const days = await simulate(weekendHome, { days: 10 });
    expect(days.body.ordersEvaluated).toBe(2);
    const instants = await simulate(weekendHome, {
      from: '2026-06-06T00:00:00Z',
      to: '2026-06-07T00:00:00Z',
    });
    expect(instants.body).toMatchObject({ ordersEvaluated: 1, ordersMatched: 1, pointsIssued: 40 });
  });

  it('refuses a period that ends before it starts, and dates that are not dates, naming the field', async () => {
    const reversed = await simulate(weekendHome, { from: '2026-06-30', to: '2026-06-01' });
    expect(reversed.status).toBe(422);
    expect(reversed.body).toMatchObject({ code: 'invalid_period', errors: [{ path: 'from' }] });
    const impossible = await simulate(weekendHome, { from: '2026-02-30', to: '2026-03-01' });
    expect(impossible.status).toBe(422);
    expect(impossible.body.errors).toEqual([{ path: 'from', message: 'is not a calendar date' }]);
    const words = await simulate(weekendHome, { to: 'yesterday' });
    expect(words.status).toBe(422);
    expect(words.body.errors[0].path).toBe('to');
    const saved = await t.call('POST', '/v1/rules', { document: weekendHome });
    const savedReversed = await t.call('POST', `/v1/rules/${saved.body.id}/simulate`, {
      from: '2026-06-02',
      to: '2026-06-01',
    });
    expect(savedReversed.status).toBe(422);
    expect(savedReversed.body.errors[0].path).toBe('from');
  });

  it('replays a saved rule over a date range', async () => {
    const saved = await t.call('POST', '/v1/rules', { document: weekendHome });
    const res = await t.call('POST', `/v1/rules/${saved.body.id}/simulate`, {
      from: '2026-06-01',
      to: '2026-06-30',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ordersEvaluated: 6, ordersMatched: 2, pointsIssued: 500 });
  });
});

describe('GET /v1/rules/catalogue', () => {
  it('lists the categories, SKUs, stores and channels seen in orders, most used first', async () => {
    const res = await t.call('GET', '/v1/rules/catalogue');
    expect(res.status).toBe(200);
    expect(res.body.categories).toEqual([
      { name: 'Home', lines: 7 },
      { name: 'Garden', lines: 1 },
    ]);
    expect(res.body.skus).toEqual([
      { sku: 'LAMP', name: 'Desk lamp', category: 'Home', lines: 7 },
      { sku: 'HOSE', name: 'Garden hose', category: 'Garden', lines: 1 },
    ]);
    expect(res.body.stores).toEqual([{ id: 'S1', orders: 1 }]);
    expect(res.body.channels).toEqual([
      { channel: 'web', orders: 7 },
      { channel: 'pos', orders: 1 },
    ]);
  });

  it('searches by part of a name and limits', async () => {
    const found = await t.call('GET', '/v1/rules/catalogue?q=gar');
    expect(found.body.categories).toEqual([{ name: 'Garden', lines: 1 }]);
    expect(found.body.skus.map((s: { sku: string }) => s.sku)).toEqual(['HOSE']);
    const literal = await t.call('GET', '/v1/rules/catalogue?q=%25');
    expect(literal.body.categories).toEqual([]);
    const limited = await t.call('GET', '/v1/rules/catalogue?limit=1');
    expect(limited.body.categories).toHaveLength(1);
    const bad = await t.call('GET', '/v1/rules/catalogue?limit=0');
    expect(bad.status).toBe(400);
  });
});

describe('rule sentences', () => {
  it('describes a draft, and every saved rule', async () => {
    const draft = await t.call('POST', '/v1/rules/describe', { rule: weekendHome });
    expect(draft.status).toBe(200);
    expect(draft.body).toEqual({ description: SENTENCE });
    const saved = await t.call('POST', '/v1/rules', { document: weekendHome });
    expect(saved.body.description).toBe(SENTENCE);
    const one = await t.call('GET', `/v1/rules/${saved.body.id}`);
    expect(one.body.description).toBe(SENTENCE);
    const list = await t.call('GET', '/v1/rules');
    expect(list.body.rules.map((r: { description: string }) => r.description)).toContain(SENTENCE);
  });

  it('refuses an invalid draft naming the field', async () => {
    const res = await t.call('POST', '/v1/rules/describe', {
      rule: { ...weekendHome, effects: [{ type: 'points.multiplier', percent: 50 }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(
      'rule.effects.0.percent',
    );
  });
});
