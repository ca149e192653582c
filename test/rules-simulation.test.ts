import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, rowCounts } from './support/fixtures.js';

// Four customers, orders on known days; the figures below are counted by hand from this set.
const NOW = new Date('2026-07-01T12:00:00.000Z');
const clock = manualClock(NOW);
let t: TestApp;

const line = (sku: string, category: string, quantity: number, unitPriceMinor: number) => ({
  sku,
  category,
  quantity,
  unitPriceMinor,
});

beforeAll(async () => {
  t = await startTestApp({ clock });
  const place = async (customerId: string, daysAgo: number, lines: ReturnType<typeof line>[]) => {
    const placedAt = new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString();
    const res = await t.call('POST', '/v1/orders', orderBody(customerId, { placedAt, lines }));
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  };
  const [a, b, c, d] = [
    await createCustomer(t),
    await createCustomer(t),
    await createCustomer(t),
    await createCustomer(t),
  ];
  await place(a.id, 200, [line('TEA', 'food', 1, 1000)]); // before the window: counts for order numbers only
  await place(a.id, 20, [line('TEA', 'food', 2, 1250), line('GIFT', 'giftcard', 1, 5000)]); // a's 2nd order
  await place(b.id, 15, [line('MUG', 'kitchen', 1, 899)]); // b's 1st
  await place(c.id, 10, [line('TEA', 'food', 4, 1250)]); // c's 1st: 50.00 of food
  await place(c.id, 5, [line('TEA', 'food', 1, 1250)]); // c's 2nd
  await place(d.id, 1, [line('GIFT', 'giftcard', 2, 5000)]); // d's 1st, only gift cards
});
afterAll(() => t.close());

const simulate = (rule: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.call('POST', '/v1/rules/simulate', {
    rule: { schemaVersion: 1, name: 'draft', trigger: 'order.placed', ...rule },
    days: 90,
    ...extra,
  });

describe('POST /v1/rules/simulate', () => {
  it('replays a first-order bonus over the last 90 days', async () => {
    const res = await simulate({
      conditions: [{ type: 'customer.orderNumber', nth: 1 }],
      effects: [{ type: 'points.fixed', points: 100 }],
    });
    expect(res.status).toBe(200);
    // Orders in the window: a#2, b#1, c#1, c#2, d#1 → first orders: b, c, d.
    expect(res.body).toMatchObject({
      ordersEvaluated: 5,
      ordersMatched: 3,
      customersAffected: 3,
      pointsIssued: 300,
      currency: 'GBP',
      costMinor: 300,
      skippedReasons: [{ reason: 'not the 1st order', orders: 2 }],
    });
    expect(res.body.pointsByDay.map((d: { day: string }) => d.day)).toEqual([
      '2026-06-16',
      '2026-06-21',
      '2026-06-30',
    ]);
  });

  it('double points on food, gift cards excluded, capped per customer per month', async () => {
    const res = await simulate({
      lines: { excludeCategories: ['giftcard'] },
      conditions: [{ type: 'order.amount', minMinor: 500 }],
      effects: [{ type: 'points.multiplier', percent: 200 }],
      caps: { perCustomer: { points: 40, period: 'month' } },
    });
    // a#2: 25 extra; b: 8; c#1: 50 → capped at 40 (June); c#2: June cap used up → 0; d: no eligible amount.
    expect(res.body).toMatchObject({
      ordersMatched: 3,
      customersAffected: 3,
      pointsIssued: 25 + 8 + 40,
      pointsBeforeCaps: 25 + 8 + 50,
    });
    expect(res.body.skippedReasons).toEqual([
      { reason: 'cap of 40 points per member per month reached', orders: 1 },
      { reason: 'eligible amount below 5.00', orders: 1 },
    ]);
  });

  it('writes nothing', async () => {
    const before = await rowCounts(t);
    await simulate({ effects: [{ type: 'points.fixed', points: 1 }] });
    expect(await rowCounts(t)).toEqual(before);
  });

  it('refuses an invalid rule naming the field, and a rule that is not about orders', async () => {
    const bad = await simulate({ effects: [{ type: 'points.fixed', points: -3 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('rule.effects.0.points');
    const birthday = await t.call('POST', '/v1/rules/simulate', {
      rule: {
        schemaVersion: 1,
        name: 'b',
        trigger: 'customer.birthday',
        effects: [{ type: 'points.fixed', points: 5 }],
      },
    });
    expect(birthday.status).toBe(422);
    expect(birthday.body).toMatchObject({
      code: 'not_simulable',
      errors: [{ path: 'rule.trigger' }],
    });
  });

  it('is for admins only', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    const res = await t.call(
      'POST',
      '/v1/rules/simulate',
      {
        rule: {
          schemaVersion: 1,
          name: 'x',
          trigger: 'order.placed',
          effects: [{ type: 'points.fixed', points: 1 }],
        },
      },
      pos,
    );
    expect(res.status).toBe(403);
  });
});
