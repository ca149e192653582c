import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, insertStaticSegment, orderBody } from './support/fixtures.js';

// The end-to-end case, through the API only: an experiment on double points for a
// segment, orders placed by its members (and by someone outside it), and results that must equal a
// count made here by hand. Each order is 2 × 10.50 + 9.99 = 30.99 GBP: 30 base points, 60 doubled.
const START = new Date('2026-03-02T09:00:00.000Z');
const DAY = 86_400_000;
const ORDER_MINOR = 3099;
const clock = manualClock(START);

interface ArmCount {
  n: number;
  converted: number;
  orders: number;
  revenue: number;
  points: number;
}

describe('double points for a segment: orders through the API, results equal a hand count', () => {
  let t: TestApp;
  let experimentId = '';
  const members: { id: string }[] = [];
  const arms = new Map<string, string>();
  const hand: Record<string, ArmCount> = {};

  const order = async (customerId: string) => {
    const res = await t.call(
      'POST',
      '/v1/orders',
      orderBody(customerId, { placedAt: clock.now().toISOString() }),
    );
    expect(res.status).toBe(201);
    return (res.body as { points: { earned: number } }).points.earned;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    expect((await t.call('PATCH', '/v1/programme', { returnWindowDays: 0 })).status).toBe(200);
    for (let i = 0; i < 24; i += 1) members.push(await createCustomer(t));
    await insertStaticSegment(t, START, 'seg_double', members);
    const created = await t.call('POST', '/v1/experiments', {
      key: 'double-points',
      name: 'Double points for regulars',
      hypothesis: 'Double points bring members back within 30 days',
      population: { segmentId: 'seg_double', entry: 'fixed' },
      variants: [
        { key: 'control', name: 'Control', weight: 1, control: true },
        { key: 'double', name: 'Double points', weight: 1 },
      ],
      metrics: { horizonDays: 30, churnDays: 30, preDays: 30 },
    });
    expect(created.status).toBe(201);
    experimentId = created.body.id;
    const rule = await t.call('POST', '/v1/rules', {
      status: 'active',
      document: {
        schemaVersion: 1,
        name: 'Double points (experiment arm)',
        trigger: 'order.placed',
        conditions: [{ type: 'customer.experiment', key: 'double-points', variant: 'double' }],
        effects: [{ type: 'points.multiplier', percent: 200 }],
      },
    });
    expect(rule.status).toBe(201);
    expect((await t.call('POST', `/v1/experiments/${experimentId}/start`)).status).toBe(200);
    for (const m of members) {
      const mine = await t.call('GET', `/v1/customers/${m.id}/experiments`);
      const entry = mine.body.experiments.find((x: { key: string }) => x.key === 'double-points');
      arms.set(m.id, entry.variant);
    }
    for (const variant of ['control', 'double'])
      hand[variant] = { n: 0, converted: 0, orders: 0, revenue: 0, points: 0 };

    // Member i places i % 4 orders on days 1, 3, 5 after the start; all inside the 30-day horizon.
    for (let day = 1; day <= 5; day += 2) {
      clock.set(new Date(START.getTime() + day * DAY));
      for (const [i, m] of members.entries()) {
        const count = hand[arms.get(m.id)!]!;
        const nth = (day + 1) / 2;
        if (i % 4 < nth) continue;
        count.orders += 1;
        count.revenue += ORDER_MINOR;
        count.points += await order(m.id);
      }
    }
    for (const [i, m] of members.entries()) {
      const count = hand[arms.get(m.id)!]!;
      count.n += 1;
      if (i % 4 > 0) count.converted += 1;
    }
    // Outside the population: earns base points and counts nowhere.
    const outsider = await createCustomer(t);
    expect(await order(outsider.id)).toBe(30);
    // An order after the horizon counts in no metric of the fixed-horizon cohort.
    clock.set(new Date(START.getTime() + 40 * DAY));
    await order(members[1]!.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pays double points only in the double arm', () => {
    for (const variant of ['control', 'double']) {
      const { orders, points } = hand[variant]!;
      expect(orders).toBeGreaterThan(0);
      expect(points).toBe(orders * (variant === 'double' ? 60 : 30));
    }
  });

  it('reports every exposed member, and per arm the hand-counted orders, revenue, points and repeat rate', async () => {
    const res = await t.call('GET', `/v1/experiments/${experimentId}/results`);
    expect(res.status).toBe(200);
    const results = res.body;
    const exposed = Object.fromEntries(
      results.arms.map((a: { variant: string; exposed: number }) => [a.variant, a.exposed]),
    );
    expect(exposed).toEqual({ control: hand.control!.n, double: hand.double!.n });
    const [comparison] = results.comparisons;
    expect(comparison.variant).toBe('double');
    const fixed = comparison.fixed;
    for (const [variant, figures] of [
      ['control', fixed.control],
      ['double', fixed.treatment],
    ] as const) {
      const count = hand[variant]!;
      expect(figures.n).toBe(count.n);
      expect(figures.rates.converted.count).toBe(count.converted);
      expect(figures.means.orders.mean).toBeCloseTo(count.orders / count.n, 10);
      expect(figures.means.netRevenue.mean).toBeCloseTo(count.revenue / count.n, 10);
      expect(figures.means.pointsIssued.mean).toBeCloseTo(count.points / count.n, 10);
    }
    const rate = (v: string) => hand[v]!.converted / hand[v]!.n;
    const repeat = fixed.metrics.find((m: { metric: string }) => m.metric === 'converted');
    expect(repeat.difference).toBeCloseTo(rate('double') - rate('control'), 12);
    const points = fixed.metrics.find((m: { metric: string }) => m.metric === 'pointsIssued');
    expect(points.difference).toBeCloseTo(
      hand.double!.points / hand.double!.n - hand.control!.points / hand.control!.n,
      10,
    );
    expect(results.summary[0].sentence).toMatch(/Double points|double/);
  });
});
