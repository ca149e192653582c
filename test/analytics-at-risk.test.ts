import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer } from './support/fixtures.js';

/**
 * Twelve customers as a refresh would have stored them, built by hand so that the three "at risk"
 * figures disagree and each count can be checked:
 *
 *   customer  rfm_segment  lifecycle  purchase days  P(alive)
 *   c0, c1    at_risk      lapsed     3              0.95
 *   c2        at_risk      at_risk    3              0.95
 *   c3        loyal        at_risk    4              0.95
 *   c4        loyal        active     2              0.30
 *   c5, c6    loyal        active     2              0.40
 *   c7        at_risk      lapsed     5              0.90
 *   c8–c10    champions    active     6              0.99
 *   c11       new          new        1              0.01   (one purchase day: not a repeat buyer)
 *
 * RFM at risk: c0, c1, c2, c7 = 4. Lifecycle at risk: c2, c3 = 2. CLV, by default the lowest
 * tenth of the 11 repeat buyers (c0–c10) by P(alive): rank ⌈0.1 × 11⌉ = 2 of 0.30, 0.40, 0.40, …
 * is 0.40, and ties count: c4, c5, c6 = 3. With maxPAlive = 0.4 (strictly below): c4 alone.
 */
const ROWS: [string, string, number, number][] = [
  ['at_risk', 'lapsed', 3, 0.95],
  ['at_risk', 'lapsed', 3, 0.95],
  ['at_risk', 'at_risk', 3, 0.95],
  ['loyal', 'at_risk', 4, 0.95],
  ['loyal', 'active', 2, 0.3],
  ['loyal', 'active', 2, 0.4],
  ['loyal', 'active', 2, 0.4],
  ['at_risk', 'lapsed', 5, 0.9],
  ['champions', 'active', 6, 0.99],
  ['champions', 'active', 6, 0.99],
  ['champions', 'active', 6, 0.99],
  ['new', 'new', 1, 0.01],
];

describe('the three "at risk" figures', () => {
  const now = new Date('2026-07-01T12:00:00Z');
  let t: TestApp;
  const ids: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: manualClock(now) });
    for (const [i, [segment, stage, frequency, pAlive]] of ROWS.entries()) {
      const id = (await createCustomer(t)).id;
      ids.push(id);
      await t.database.db
        .insertInto('customer_analytics')
        .values({
          customer_id: id,
          as_of: now,
          rfm_segment: segment,
          lifecycle_stage: stage,
          frequency,
          // Spend rises with the index, so the list's order (biggest spenders first) is known.
          monetary_minor: 1000 * (i + 1),
          p_alive: pAlive,
        })
        .execute();
    }
  });
  afterAll(() => t.close());

  it('counts each by its own rule: RFM 4, lifecycle 2, CLV 3', async () => {
    const res = await t.call('GET', '/v1/analytics/at-risk');
    expect(res.status).toBe(200);
    expect(
      res.body.definitions.map((d: { notion: string; customers: number }) => [
        d.notion,
        d.customers,
      ]),
    ).toEqual([
      ['rfm', 4],
      ['lifecycle', 2],
      ['clv', 3],
    ]);
  });

  it('states each rule from the thresholds the SQL uses', async () => {
    const res = await t.call('GET', '/v1/analytics/at-risk');
    const rules = Object.fromEntries(
      res.body.definitions.map((d: { notion: string; rule: string }) => [d.notion, d.rule]),
    );
    expect(rules).toEqual({
      rfm: 'R ≤ 2, FM 3–4 (scores 1–5 against the other buyers)',
      lifecycle: 'last purchase 91–180 days ago',
      clv: 'the 10 % of repeat buyers with the lowest P(alive)',
    });
  });

  it('lists the lowest tenth of repeat buyers by P(alive) by default, ties included, biggest spenders first', async () => {
    const res = await t.call('GET', '/v1/analytics/clv/at-risk?limit=2');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ byShare: true, maxPAlive: 0.4, total: 3 });
    expect(res.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      ids[6],
      ids[5],
    ]);
  });

  it('lists those strictly below a fixed threshold when one is asked for', async () => {
    const res = await t.call('GET', '/v1/analytics/clv/at-risk?maxPAlive=0.4');
    expect(res.body).toMatchObject({ byShare: false, maxPAlive: 0.4, total: 1 });
    expect(res.body.customers.map((c: { customerId: string }) => c.customerId)).toEqual([ids[4]]);
    expect(res.body.definition.rule).toBe('repeat buyers with P(alive) below 40 %');
  });

  it('refuses a threshold outside (0, 1] with 400 naming it', async () => {
    const res = await t.call('GET', '/v1/analytics/clv/at-risk?maxPAlive=0');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('maxPAlive');
  });
});
