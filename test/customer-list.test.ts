import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, points } from './support/fixtures.js';

const DAY_MS = 86_400_000;

/**
 * The customer list on the page: points, tier, spend, last order and lifecycle stage beside each
 * customer, sorted and filtered in SQL with keyset paging. Hand-worked example, as of NOW
 * (1 July 2026) with the default thresholds (new ≤ 30 days since the first purchase, active ≤ 90,
 * at risk ≤ 180, lapsed ≤ 365 days since the last):
 *
 *   Ann  orders 400 and 10 days ago, 30.00 + 30.00 → spend 6000, last −10 d, first −400 d: active
 *   Bob  one order 200 days ago, 15.00            → spend 1500, last −200 d:            lapsed
 *   Cy   one order 5 days ago, 20.00               → spend 2000, first −5 d:             new
 *   Di   no order                                   → spend 0,    no last order:         prospect
 *        250 points by hand (a welcome gift): the only balance not earned from orders
 *
 * Tiers (set by hand here): Ann silver, Bob and Cy bronze, Di none.
 * Spend descending: Ann 6000, Cy 2000, Bob 1500, Di 0. Last order descending: Cy, Ann, Bob, Di.
 */
describe('the customer list: sort, filter and page', () => {
  const NOW = new Date('2026-07-01T12:00:00.000Z');
  const clock = manualClock(NOW);
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
  let t: TestApp;
  const id: Record<string, string> = {};
  const nameOf = (customerId: string) => Object.entries(id).find(([, v]) => v === customerId)?.[0];

  const list = async (query: string) => {
    const res = await t.call('GET', `/v1/customers?${query}`);
    if (res.status !== 200) throw new Error(`${query}: ${JSON.stringify(res.body)}`);
    return res.body as {
      customers: { id: string; summary: Record<string, unknown> }[];
      nextCursor: string | null;
    };
  };
  const names = async (query: string) => (await list(query)).customers.map((c) => nameOf(c.id));

  /** Every page of a query with one customer per page, following nextCursor. */
  const allPages = async (query: string) => {
    const seen: (string | undefined)[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const body = await list(`${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.customers.map((c) => nameOf(c.id)));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const [name, first] of [
      ['ann', 'Ann'],
      ['bob', 'Bob'],
      ['cy', 'Cy'],
      ['di', 'Di'],
    ] as const) {
      id[name] = (await createCustomer(t, { firstName: first, lastName: 'List' })).id;
    }
    const buy = async (name: string, days: number, minor: number) => {
      const res = await t.call(
        'POST',
        '/v1/orders',
        orderBody(id[name]!, {
          placedAt: ago(days).toISOString(),
          lines: [{ sku: 'SKU', quantity: 1, unitPriceMinor: minor }],
        }),
      );
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    };
    await buy('ann', 400, 3000);
    await buy('ann', 10, 3000);
    await buy('bob', 200, 1500);
    await buy('cy', 5, 2000);
    expect((await t.call('POST', '/v1/analytics/refresh', {})).status).toBe(200);
    const adjusted = await t.call('POST', `/v1/customers/${id.di}/points/adjust`, {
      points: 250,
      reason: 'welcome gift',
    });
    expect(adjusted.status).toBe(201);
    const tiers = await t.call('PUT', '/v1/tiers', {
      policy: { metric: 'spend', window: { kind: 'calendarYear' }, graceDays: 30 },
      tiers: [
        { code: 'bronze', name: 'Bronze', threshold: 1000 },
        { code: 'silver', name: 'Silver', threshold: 5000 },
      ],
    });
    expect(tiers.status).toBe(200);
    const db = t.database.db;
    await db.deleteFrom('member_tier').where('customer_id', 'in', Object.values(id)).execute();
    await db
      .insertInto('member_tier')
      .values(
        (
          [
            ['ann', 'silver'],
            ['bob', 'bronze'],
            ['cy', 'bronze'],
          ] as const
        ).map(([name, tier]) => ({
          customer_id: id[name]!,
          tier_code: tier,
          since: NOW,
          review_at: null,
          updated_at: NOW,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows points, tier, spend, last order and stage beside each customer', async () => {
    // Reading a member's points settles their points due for release (the sweep job does the
    // same for everyone); the list shows the settled balance.
    const balances: Record<string, number> = {};
    for (const name of ['ann', 'bob', 'cy']) balances[name] = (await points(t, id[name]!)).balance;
    const body = await list('sort=name');
    const byName = Object.fromEntries(body.customers.map((c) => [nameOf(c.id), c.summary]));
    expect(byName.ann).toMatchObject({
      tier: { code: 'silver', name: 'Silver' },
      spendMinor: 6000,
      lastOrderAt: ago(10).toISOString(),
      lifecycleStage: 'active',
    });
    expect(byName.bob).toMatchObject({ spendMinor: 1500, lifecycleStage: 'lapsed' });
    expect(byName.cy).toMatchObject({ spendMinor: 2000, lifecycleStage: 'new' });
    expect(byName.di).toEqual({
      pointsBalance: 250,
      tier: null,
      spendMinor: 0,
      lastOrderAt: null,
      lifecycleStage: 'prospect',
    });
    // The balance is the one the points endpoint gives.
    for (const name of ['ann', 'bob', 'cy'])
      expect(byName[name]!.pointsBalance, name).toBe(balances[name]);
  });

  it('sorts by spend, last order, name and points, both ways, paging one row at a time', async () => {
    expect(await allPages('sort=spend&order=desc')).toEqual(['ann', 'cy', 'bob', 'di']);
    expect(await allPages('sort=spend&order=asc')).toEqual(['di', 'bob', 'cy', 'ann']);
    expect(await allPages('sort=lastOrder&order=desc')).toEqual(['cy', 'ann', 'bob', 'di']);
    expect(await allPages('sort=name')).toEqual(['ann', 'bob', 'cy', 'di']);
    const byPoints = (await list('sort=points&order=desc')).customers.map(
      (c) => c.summary.pointsBalance as number,
    );
    expect(byPoints).toEqual([...byPoints].sort((a, b) => b - a));
    expect(await allPages('sort=points&order=desc')).toEqual(
      (await list('sort=points&order=desc')).customers.map((c) => nameOf(c.id)),
    );
  });

  it('filters by lifecycle stage and tier, and combines them with a sort', async () => {
    expect(await names('stage=lapsed')).toEqual(['bob']);
    expect(await names('stage=prospect')).toEqual(['di']);
    expect(await names('tier=bronze&sort=spend&order=desc')).toEqual(['cy', 'bob']);
    expect(await names('tier=none')).toEqual(['di']);
    expect(await names('stage=at_risk')).toEqual([]);
    expect(await allPages('tier=bronze&sort=spend&order=asc')).toEqual(['bob', 'cy']);
  });

  it('refuses a bad sort, order, stage, tier or cursor, naming the parameter', async () => {
    for (const [query, path] of [
      ['sort=money', 'sort'],
      ['order=up', 'order'],
      ['stage=sleepy', 'stage'],
      ['tier=platinum', 'tier'],
      ['sort=spend&cursor=not-a-cursor', 'cursor'],
      // A cursor of a name-sorted list carries text, which a spend sort cannot compare.
      [`sort=spend&cursor=${Buffer.from('["ann","x"]').toString('base64url')}`, 'cursor'],
    ] as const) {
      const res = await t.call('GET', `/v1/customers?${query}`);
      expect(res.status, query).toBeGreaterThanOrEqual(400);
      expect(res.status, query).toBeLessThan(500);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        query,
      ).toContain(path);
    }
  });
});
