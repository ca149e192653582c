import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quintileScores } from '../src/core/analytics/rfm.js';
import { segmentOf } from '../src/core/analytics/rfm-segments.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

const DAY_MS = 86_400_000;

/** Places an order of one line (quantity × unit price) at an instant; returns its id. */
const placeOrder = async (
  t: TestApp,
  customerId: string,
  placedAt: Date,
  unitPriceMinor: number,
  quantity = 1,
) => {
  const res = await t.call(
    'POST',
    '/v1/orders',
    orderBody(customerId, {
      placedAt: placedAt.toISOString(),
      lines: [{ sku: 'SKU', quantity, unitPriceMinor }],
    }),
  );
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.order.id as string;
};

const returnOrder = async (t: TestApp, orderId: string, lines?: unknown[]) => {
  const res = await t.call('POST', `/v1/orders/${orderId}/returns`, lines ? { lines } : {});
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
};

const ok = async (t: TestApp, method: string, path: string, body?: unknown) => {
  const res = await t.call(method, path, body);
  if (res.status !== 200) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
};

const analyticsRows = (t: TestApp) =>
  t.database.db.selectFrom('customer_analytics').selectAll().orderBy('customer_id').execute();

describe('RFM scores, segments and lifecycle stages', () => {
  // Ten buyers, a customer whose only order was returned in full, and one who never bought.
  // As of NOW (1 July 2026, Europe/London), per buyer: recency (days since the last purchase
  // day), frequency (distinct purchase days), monetary (net minor units).
  const NOW = new Date('2026-07-01T12:00:00.000Z');
  const clock = manualClock(NOW);
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
  let t: TestApp;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const name of ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10', 'ret', 'p1'])
      id[name] = (await createCustomer(t)).id;
    const buy = (name: string, days: number, minor: number) =>
      placeOrder(t, id[name]!, ago(days), minor);
    // b1: two orders on day −1 count as one visit → days {1, 5, 20, 30}: F=4, M=15000+10000+10000+5000
    await buy('b1', 1, 10000);
    await buy('b1', 1, 5000);
    await buy('b1', 5, 10000);
    await buy('b1', 20, 10000);
    await buy('b1', 30, 5000); // first purchase exactly 30 days ago: still `new` (≤ newDays)
    for (const d of [1, 3, 8]) await buy('b2', d, 10000); // R=1 day, F=3, M=30000
    for (const d of [10, 60]) await buy('b3', d, 6000); // 10 days, F=2, M=12000
    await buy('b4', 10, 5000); // 10 days, F=1, M=5000
    await buy('b5', 45, 5000); // 45 days, F=1, M=5000 (ties b4 on M)
    for (const d of [100, 150]) await buy('b6', d, 4000); // 100 days, F=2, M=8000
    await buy('b7', 200, 2000); // 200 days, F=1, M=2000
    await buy('b8', 200, 1000); // 200 days, F=1, M=1000
    await buy('b9', 400, 10000);
    await buy('b9', 500, 10000);
    await buy('b9', 600, 5000); // 400 days, F=3, M=25000
    // b10: 2 × 500 with one returned → net 500; a later order returned in full is no purchase,
    // so recency stays 400 (not 300).
    await returnOrder(t, await placeOrder(t, id.b10!, ago(400), 500, 2), [
      { lineNo: 1, quantity: 1 },
    ]);
    await returnOrder(t, await placeOrder(t, id.b10!, ago(300), 3000));
    // ret: bought once and returned everything → a prospect.
    await returnOrder(t, await placeOrder(t, id.ret!, ago(5), 2000));
  });
  afterAll(() => t.close());

  // Scores: 1 + floor(5 × customers strictly worse / 10 buyers).
  // R by last day: 400,400 → below 0 → 1; 200,200 → 2 → 2; 100 → 4 → 3; 45 → 5 → 3; 10,10 → 6 → 4;
  //   1,1 → 8 → 5.
  // F: 1 (×5) → 0 → 1; 2 (×2) → 5 → 3; 3 (×2) → 7 → 4; 4 → 9 → 5.
  //   (ceil(5 × cume_dist) would have given the five one-visit buyers F=3.)
  // M: 500 → 1; 1000 → 1; 2000 → 2; 5000,5000 → 3 → 2; 8000 → 3; 12000 → 4; 25000 → 4;
  //   30000 → 5; 40000 → 5.
  // Segments on (R, FM = ceil((F+M)/2)).
  const expected: Record<
    string,
    {
      recency: number;
      frequency: number;
      monetary: number;
      r: number;
      f: number;
      m: number;
      segment: string;
      stage: string;
    }
  > = {
    b1: {
      recency: 1,
      frequency: 4,
      monetary: 40000,
      r: 5,
      f: 5,
      m: 5,
      segment: 'champions',
      stage: 'new',
    },
    b2: {
      recency: 1,
      frequency: 3,
      monetary: 30000,
      r: 5,
      f: 4,
      m: 5,
      segment: 'champions',
      stage: 'new',
    },
    b3: {
      recency: 10,
      frequency: 2,
      monetary: 12000,
      r: 4,
      f: 3,
      m: 4,
      segment: 'loyal',
      stage: 'active',
    },
    b4: {
      recency: 10,
      frequency: 1,
      monetary: 5000,
      r: 4,
      f: 1,
      m: 2,
      segment: 'potential_loyalist',
      stage: 'new',
    },
    b5: {
      recency: 45,
      frequency: 1,
      monetary: 5000,
      r: 3,
      f: 1,
      m: 2,
      segment: 'about_to_sleep',
      stage: 'active',
    },
    b6: {
      recency: 100,
      frequency: 2,
      monetary: 8000,
      r: 3,
      f: 3,
      m: 3,
      segment: 'need_attention',
      stage: 'at_risk',
    },
    b7: {
      recency: 200,
      frequency: 1,
      monetary: 2000,
      r: 2,
      f: 1,
      m: 2,
      segment: 'hibernating',
      stage: 'lapsed',
    },
    b8: {
      recency: 200,
      frequency: 1,
      monetary: 1000,
      r: 2,
      f: 1,
      m: 1,
      segment: 'hibernating',
      stage: 'lapsed',
    },
    b9: {
      recency: 400,
      frequency: 3,
      monetary: 25000,
      r: 1,
      f: 4,
      m: 4,
      segment: 'at_risk',
      stage: 'lost',
    },
    b10: {
      recency: 400,
      frequency: 1,
      monetary: 500,
      r: 1,
      f: 1,
      m: 1,
      segment: 'lost',
      stage: 'lost',
    },
  };

  it('refreshes every customer, prospects included, in one call', async () => {
    const res = await t.call('POST', '/v1/analytics/refresh', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      asOf: NOW.toISOString(),
      customers: 12,
      withPurchases: 10,
      thresholds: { newDays: 30, activeDays: 90, atRiskDays: 180, lapsedDays: 365 },
    });
    expect(res.body.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('stores recency, frequency, monetary, tie-safe scores, segment and stage per customer', async () => {
    for (const [name, e] of Object.entries(expected)) {
      const body = await ok(t, 'GET', `/v1/customers/${id[name]}/analytics`);
      expect(body, name).toMatchObject({
        customerId: id[name],
        status: 'computed',
        currency: 'GBP',
        asOf: NOW.toISOString(),
        computedAt: NOW.toISOString(),
        recencyDays: e.recency,
        frequency: e.frequency,
        monetaryMinor: e.monetary,
        scores: { r: e.r, f: e.f, m: e.m },
        segment: e.segment,
        lifecycleStage: e.stage,
      });
    }
    const b1 = await ok(t, 'GET', `/v1/customers/${id.b1}/analytics`);
    expect(b1.firstPurchaseAt).toBe(ago(30).toISOString());
    expect(b1.lastPurchaseAt).toBe(ago(1).toISOString());
  });

  it('agrees with the core reference for scores and segments', async () => {
    const buyers = Object.keys(expected);
    const rows = (await analyticsRows(t)).filter((r) => r.frequency > 0);
    const byId = new Map(rows.map((r) => [r.customer_id, r]));
    const of = (name: string) => byId.get(id[name]!)!;
    const r = quintileScores(buyers.map((n) => -of(n).recency_days!));
    const f = quintileScores(buyers.map((n) => of(n).frequency));
    const m = quintileScores(buyers.map((n) => Number(of(n).monetary_minor)));
    buyers.forEach((n, i) => {
      expect([of(n).r_score, of(n).f_score, of(n).m_score], n).toEqual([r[i], f[i], m[i]]);
      expect(of(n).rfm_segment).toBe(segmentOf(r[i]!, f[i]!, m[i]!));
    });
  });

  it('treats a customer who returned everything, and one who never bought, as prospects', async () => {
    for (const name of ['ret', 'p1']) {
      const body = await ok(t, 'GET', `/v1/customers/${id[name]}/analytics`);
      expect(body, name).toMatchObject({
        status: 'computed',
        recencyDays: null,
        frequency: 0,
        monetaryMinor: 0,
        scores: null,
        segment: null,
        lifecycleStage: 'prospect',
        firstPurchaseAt: null,
      });
    }
  });

  it('summarises segments with shares and averages, the R × F grid and the funnel', async () => {
    const body = await ok(t, 'GET', '/v1/analytics/rfm');
    expect(body).toMatchObject({ customers: 12, withPurchases: 10, notRefreshed: 0 });
    const seg = Object.fromEntries(body.segments.map((s: { segment: string }) => [s.segment, s]));
    expect(body.segments).toHaveLength(11);
    // champions b1, b2: recency (1+1)/2, frequency (4+3)/2, monetary (40000+30000)/2; 2 of 10 buyers.
    expect(seg.champions).toEqual({
      segment: 'champions',
      label: 'Champions',
      customers: 2,
      sharePercent: 20,
      avgRecencyDays: 1,
      avgFrequency: 3.5,
      avgMonetaryMinor: 35000,
    });
    // hibernating b7, b8: (2000+1000)/2.
    expect(seg.hibernating).toMatchObject({
      customers: 2,
      avgRecencyDays: 200,
      avgMonetaryMinor: 1500,
    });
    expect(seg.new).toMatchObject({ customers: 0, sharePercent: 0, avgFrequency: null });
    const counts = Object.fromEntries(
      body.segments.map((s: { segment: string; customers: number }) => [s.segment, s.customers]),
    );
    expect(counts).toEqual({
      champions: 2,
      loyal: 1,
      potential_loyalist: 1,
      new: 0,
      promising: 0,
      need_attention: 1,
      about_to_sleep: 1,
      at_risk: 1,
      cannot_lose: 0,
      hibernating: 2,
      lost: 1,
    });
    // (R, F): b1 5,5; b2 5,4; b3 4,3; b4 4,1; b5 3,1; b6 3,3; b7 and b8 2,1; b9 1,4; b10 1,1.
    expect(body.rfGrid).toHaveLength(25);
    const nonZero = body.rfGrid
      .filter((c: { customers: number }) => c.customers > 0)
      .map((c: { r: number; f: number; customers: number }) => `${c.r}${c.f}:${c.customers}`);
    expect(nonZero).toEqual([
      '54:1',
      '55:1',
      '41:1',
      '43:1',
      '31:1',
      '33:1',
      '21:2',
      '11:1',
      '14:1',
    ]);
    expect(body.lifecycle).toEqual([
      { stage: 'prospect', customers: 2, sharePercent: 16.67 },
      { stage: 'new', customers: 3, sharePercent: 25 },
      { stage: 'active', customers: 2, sharePercent: 16.67 },
      { stage: 'at_risk', customers: 1, sharePercent: 8.33 },
      { stage: 'lapsed', customers: 2, sharePercent: 16.67 },
      { stage: 'lost', customers: 2, sharePercent: 16.67 },
    ]);
  });

  it('lists a segment or stage by monetary value, paged with a cursor', async () => {
    const champions = await ok(t, 'GET', '/v1/analytics/rfm/customers?segment=champions');
    expect(champions.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      id.b1,
      id.b2,
    ]);
    expect(champions.customers[0]).toMatchObject({
      email: expect.any(String),
      monetaryMinor: 40000,
    });
    expect(champions.nextCursor).toBeNull();
    // new: b1 40000, b2 30000, b4 5000; two pages of two.
    const first = await ok(t, 'GET', '/v1/analytics/rfm/customers?stage=new&limit=2');
    expect(first.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      id.b1,
      id.b2,
    ]);
    const second = await ok(
      t,
      'GET',
      `/v1/analytics/rfm/customers?stage=new&limit=2&cursor=${first.nextCursor}`,
    );
    expect(second.customers.map((c: { customerId: string }) => c.customerId)).toEqual([id.b4]);
    expect(second.nextCursor).toBeNull();
  });

  it('re-evaluates stages with other thresholds without a refresh', async () => {
    // newDays 7: b1 (first 30 days ago) and b4 (10) become active; b2 (first 8 days ago) too.
    const body = await ok(t, 'GET', '/v1/analytics/lifecycle?newDays=7');
    expect(body.thresholds).toEqual({
      newDays: 7,
      activeDays: 90,
      atRiskDays: 180,
      lapsedDays: 365,
    });
    const counts = Object.fromEntries(
      body.stages.map((s: { stage: string; customers: number }) => [s.stage, s.customers]),
    );
    expect(counts).toEqual({ prospect: 2, new: 0, active: 5, at_risk: 1, lapsed: 2, lost: 2 });
    const stored = await ok(t, 'GET', '/v1/analytics/lifecycle');
    expect(stored.thresholds).toBeNull();
    expect(stored.stages[1]).toEqual({ stage: 'new', customers: 3, sharePercent: 25 });
    const active = await ok(t, 'GET', '/v1/analytics/rfm/customers?stage=active&newDays=7');
    // By monetary: b1 40000, b2 30000, b3 12000, then b4 and b5 (5000 each) by id, descending;
    // each shown with the re-evaluated stage.
    const tie = [id.b4!, id.b5!].sort().reverse();
    expect(active.customers.map((c: { customerId: string }) => c.customerId)).toEqual([
      id.b1,
      id.b2,
      id.b3,
      ...tie,
    ]);
    expect(
      new Set(active.customers.map((c: { lifecycleStage: string }) => c.lifecycleStage)),
    ).toEqual(new Set(['active']));
  });

  it('refuses bad parameters with 400 naming them', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/v1/analytics/lifecycle?newDays=120', undefined, 'newDays'],
      ['GET', '/v1/analytics/lifecycle?newDays=10&activeDays=10', undefined, 'activeDays'],
      ['GET', '/v1/analytics/lifecycle?lapsedDays=-1', undefined, 'lapsedDays'],
      ['GET', '/v1/analytics/lifecycle?atRiskDays=soon', undefined, 'atRiskDays'],
      [
        'POST',
        '/v1/analytics/refresh',
        { thresholds: { newDays: 100, activeDays: 90 } },
        'thresholds.activeDays',
      ],
      ['POST', '/v1/analytics/refresh', { asOf: 'yesterday' }, 'asOf'],
      ['GET', '/v1/analytics/rfm/customers', undefined, 'segment'],
      ['GET', '/v1/analytics/rfm/customers?segment=whales', undefined, 'segment'],
      ['GET', '/v1/analytics/rfm/customers?segment=lost&stage=lost', undefined, 'segment'],
      ['GET', '/v1/analytics/rfm/customers?segment=lost&newDays=3', undefined, 'newDays'],
      ['GET', '/v1/analytics/rfm/customers?stage=lost&cursor=xyz', undefined, 'cursor'],
      ['GET', '/v1/analytics/rfm/customers?stage=lost&limit=0', undefined, 'limit'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await t.call(method, path, body);
      expect(res.status, path).toBe(400);
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        path,
      ).toContain(field);
    }
  });

  it('answers 404 for an unknown customer and not_computed for one newer than the refresh', async () => {
    const unknown = await t.call('GET', '/v1/customers/cus_nope/analytics');
    expect(unknown.status).toBe(404);
    const fresh = await createCustomer(t);
    const body = await ok(t, 'GET', `/v1/customers/${fresh.id}/analytics`);
    expect(body).toMatchObject({
      customerId: fresh.id,
      status: 'not_computed',
      asOf: null,
      segment: null,
      lifecycleStage: null,
    });
    expect((await ok(t, 'GET', '/v1/analytics/rfm')).notRefreshed).toBe(1);
  });

  it('is idempotent and leaves the CLV columns alone', async () => {
    await t.database.db
      .updateTable('customer_analytics')
      .set({
        p_alive: 0.75,
        expected_purchases: 1.5,
        expected_spend_minor: 4200.5,
        clv_minor: 12345,
        clv_computed_at: new Date('2026-06-30T00:00:00Z'),
      })
      .where('customer_id', '=', id.b1!)
      .execute();
    await ok(t, 'POST', '/v1/analytics/refresh', {});
    const before = await analyticsRows(t);
    const again = await ok(t, 'POST', '/v1/analytics/refresh', {});
    expect(again).toMatchObject({ customers: 13, withPurchases: 10 });
    expect(await analyticsRows(t)).toEqual(before);
    const b1 = before.find((r) => r.customer_id === id.b1)!;
    expect(b1).toMatchObject({
      p_alive: 0.75,
      expected_purchases: 1.5,
      expected_spend_minor: 4200.5,
      clv_minor: 12345,
      clv_computed_at: new Date('2026-06-30T00:00:00Z'),
      rfm_segment: 'champions',
    });
  });

  it('replays a refresh sent again with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'refresh-1' };
    const first = await t.call('POST', '/v1/analytics/refresh', {}, headers);
    const second = await t.call('POST', '/v1/analytics/refresh', {}, headers);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
  });

  it('is for admins only', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    for (const [method, path] of [
      ['GET', '/v1/analytics/rfm'],
      ['GET', '/v1/analytics/lifecycle'],
      ['GET', '/v1/analytics/kpis'],
      ['GET', '/v1/analytics/rfm/customers?segment=lost'],
      ['POST', '/v1/analytics/refresh'],
      ['GET', `/v1/customers/${id.b1}/analytics`],
    ] as const) {
      const res = await t.call(method, path, method === 'POST' ? {} : undefined, pos);
      expect(res.status, path).toBe(403);
    }
  });
});

describe('lifecycle boundaries and calendar days', () => {
  const NOW = new Date('2027-06-01T12:00:00.000Z');
  const clock = manualClock(NOW);
  // One purchase on day D (12:00 UTC); refreshing as of D + n days at 12:00 UTC makes it n days old.
  const D = new Date('2026-01-10T12:00:00.000Z');
  let t: TestApp;
  let customerId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    customerId = (await createCustomer(t)).id;
    await placeOrder(t, customerId, D, 1000);
  });
  afterAll(() => t.close());

  const stageAfter = async (days: number, thresholds?: Record<string, number>) => {
    const asOf = new Date(D.getTime() + days * DAY_MS).toISOString();
    await ok(t, 'POST', '/v1/analytics/refresh', { asOf, ...(thresholds ? { thresholds } : {}) });
    return (await ok(t, 'GET', `/v1/customers/${customerId}/analytics`)) as {
      lifecycleStage: string;
      recencyDays: number | null;
    };
  };

  it('puts each threshold day in the younger stage and the next day in the older one', async () => {
    const cases: [number, string][] = [
      [0, 'new'],
      [30, 'new'],
      [31, 'active'],
      [90, 'active'],
      [91, 'at_risk'],
      [180, 'at_risk'],
      [181, 'lapsed'],
      [365, 'lapsed'],
      [366, 'lost'],
    ];
    for (const [days, stage] of cases) {
      const row = await stageAfter(days);
      expect([days, row.recencyDays, row.lifecycleStage]).toEqual([days, days, stage]);
    }
  });

  it('is a prospect as of an instant before the first purchase', async () => {
    expect((await stageAfter(-1)).lifecycleStage).toBe('prospect');
  });

  it('applies thresholds given to the refresh', async () => {
    const t2 = { newDays: 7, activeDays: 14, atRiskDays: 21, lapsedDays: 28 };
    expect((await stageAfter(7, t2)).lifecycleStage).toBe('new');
    expect((await stageAfter(8, t2)).lifecycleStage).toBe('active');
    expect((await stageAfter(22, t2)).lifecycleStage).toBe('lapsed');
    expect((await stageAfter(29, t2)).lifecycleStage).toBe('lost');
  });

  it('counts days in the programme time zone, not in UTC', async () => {
    // 22:30 UTC on 30 June is 23:30 in London (BST); 23:30 UTC is already 1 July there.
    const other = (await createCustomer(t)).id;
    await placeOrder(t, other, new Date('2026-06-30T22:30:00Z'), 1000);
    await ok(t, 'POST', '/v1/analytics/refresh', { asOf: '2026-06-30T23:30:00Z' });
    const row = await ok(t, 'GET', `/v1/customers/${other}/analytics`);
    expect(row.recencyDays).toBe(1);
  });

  it('refuses an as-of instant in the future', async () => {
    const res = await t.call('POST', '/v1/analytics/refresh', { asOf: '2030-01-01T00:00:00Z' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'asOf', message: 'must not be after now' }]);
  });
});

describe('programme KPIs', () => {
  // Europe/London; 1 point per pound, return window 14 days, points expire 30 days after they post,
  // one point is worth 1.5 pence. All events at 12:00 UTC.
  const at = (day: string) => new Date(`${day}T12:00:00.000Z`);
  const clock = manualClock(at('2026-02-15'));
  let t: TestApp;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock });
    await ok(t, 'PATCH', '/v1/programme', { expiryDays: 30, pointValueMilliMinor: 1500 });
    id.e = (await createCustomer(t)).id; // member since 15 Feb
    clock.set(at('2026-03-01'));
    for (const n of ['a', 'b', 'c', 'd']) id[n] = (await createCustomer(t)).id; // joined 1 March
    clock.set(at('2026-03-02'));
    await placeOrder(t, id.a!, clock.now(), 10000); // earn.order.pending 100, posts 16 March
    const bOrder = await placeOrder(t, id.b!, clock.now(), 5000); // pending 50
    const dOrder = await placeOrder(t, id.d!, clock.now(), 4000, 2); // pending 80, posts 16 March
    clock.set(at('2026-03-03'));
    await returnOrder(t, bOrder); // pending.void 50: b kept nothing, no purchase
    clock.set(at('2026-03-10'));
    const adjust = { points: 25, reason: 'goodwill' }; // adjust.credit 25, expires 9 April
    expect((await t.call('POST', `/v1/customers/${id.c}/points/adjust`, adjust)).status).toBe(201);
    clock.set(at('2026-03-20')); // a's 100 posted on 16 March (settled by this spend); expires 15 April
    const redeem = await t.call('POST', `/v1/customers/${id.a}/points/redeem`, { points: 30 });
    expect(redeem.status).toBe(201);
    clock.set(at('2026-03-25')); // d returns one of two: reverse.return floor(80 × 4000 / 8000) = 40
    await returnOrder(t, dOrder, [{ lineNo: 1, quantity: 1 }]);
    // Nobody looks again until 1 May: the expiries of 9 and 15 April are settled by the KPI read.
    clock.set(at('2026-05-01'));
  });
  afterAll(() => t.close());

  it('counts March: members, enrolments, buyers, points issued, reversed, redeemed', async () => {
    const k = await ok(t, 'GET', '/v1/analytics/kpis?from=2026-03-01&to=2026-03-31');
    expect(k).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
      timeZone: 'Europe/London',
      currency: 'GBP',
      windowStart: '2026-03-01T00:00:00.000Z', // GMT
      windowEnd: '2026-03-31T23:00:00.000Z', // midnight BST (clocks went forward on 29 March)
      members: 5,
      membersAtStart: 1,
      newMembers: 4,
      enrolmentRatePercent: 400, // 4 new / 1 at the start × 100
      buyers: 2, // a and d (d kept half); b returned everything
      activeMembers: 2, // a (bought, redeemed), d (bought)
      points: {
        // earn.order.pending 100 + 50 + 80; pending.post is not issuing again. All three orders were
        // placed and recorded on 2 March, so both datings agree; by 1 May nothing is pending.
        issued: { byLedgerDate: 230, byOrderDate: 230, byOrderDatePending: 0 },
        reversedByReturns: 90, // pending.void 50 + reverse.return 40
        netIssued: 140,
        redeemed: 30,
        expired: 0,
        adjustedCredit: 25,
        adjustedDebit: 0,
        redemptionRatePercent: 13.04, // 30 / 230 × 100
        breakagePercent: 0,
      },
      // At the end of March: a 100 − 30, d 80 − 40, c 25 → 135 points, 135 × 1.5 = 202.5 → 202.
      balances: {
        at: '2026-03-31T23:00:00.000Z',
        outstandingPoints: 135,
        outstandingValueMinor: 202,
        pendingPoints: 0,
        pendingValueMinor: 0,
        pointValueMilliMinor: 1500,
      },
    });
  });

  it('counts April: what was left expired', async () => {
    const k = await ok(t, 'GET', '/v1/analytics/kpis?from=2026-04-01&to=2026-04-30');
    expect(k).toMatchObject({
      members: 5,
      membersAtStart: 5,
      newMembers: 0,
      enrolmentRatePercent: 0,
      buyers: 0,
      activeMembers: 0,
      // c's 25 on 9 April, a's 70 and d's 40 on 15 April.
      points: {
        issued: { byLedgerDate: 0, byOrderDate: 0, byOrderDatePending: 0 },
        expired: 135,
        redemptionRatePercent: null,
        breakagePercent: null,
      },
      balances: { outstandingPoints: 0, pendingPoints: 0 },
    });
  });

  it('sees points pending at the end of a one-day window', async () => {
    const k = await ok(t, 'GET', '/v1/analytics/kpis?from=2026-03-02&to=2026-03-02');
    expect(k).toMatchObject({
      buyers: 2,
      points: { issued: { byLedgerDate: 230, byOrderDate: 230 }, reversedByReturns: 0 },
      balances: { outstandingPoints: 0, pendingPoints: 230, pendingValueMinor: 345 },
    });
  });

  it('has no enrolment rate before anyone joined', async () => {
    const k = await ok(t, 'GET', '/v1/analytics/kpis?from=2026-02-01&to=2026-02-28');
    expect(k).toMatchObject({ members: 1, membersAtStart: 0, newMembers: 1 });
    expect(k.enrolmentRatePercent).toBeNull();
  });

  it('defaults to the last 30 days up to today', async () => {
    const k = await ok(t, 'GET', '/v1/analytics/kpis');
    expect([k.from, k.to]).toEqual(['2026-04-02', '2026-05-01']);
    expect(k.points.expired).toBe(135);
  });

  it('agrees with the liability report on what is outstanding now', async () => {
    const k = await ok(t, 'GET', '/v1/analytics/kpis?from=2026-05-01&to=2026-05-01');
    const liability = await ok(t, 'GET', '/v1/programme/liability');
    expect(k.balances.outstandingPoints).toBe(liability.outstandingPoints);
    expect(k.balances.pendingPoints).toBe(liability.pendingPoints);
  });

  it('refuses bad dates with 400 naming them', async () => {
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['to=tomorrow', 'to'],
      ['from=2026-03-10&to=2026-03-01', 'to'],
    ]) {
      const res = await t.call('GET', `/v1/analytics/kpis?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
  });

  it('writes nothing to the analytics table', async () => {
    const rows = await sql<{
      n: number;
    }>`select count(*)::int as n from customer_analytics`.execute(t.database.db);
    expect(rows.rows[0]!.n).toBe(0);
  });
});
