import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggestionSource } from '../src/app/suggestions.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-07-01T12:00:00.000Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();

/** The shop's products: sku → [name, category]; BOOK has no category. */
const PRODUCTS: Record<string, [string, string | null]> = {
  MUG: ['Mug', 'kitchen'],
  SPOON: ['Spoon', 'kitchen'],
  BOWL: ['Bowl', 'kitchen'],
  PLATE: ['Plate', 'kitchen'],
  TEA: ['Tea', 'food'],
  CAKE: ['Cake', 'food'],
  JAM: ['Jam', 'food'],
  BOOK: ['Book', null],
};

/**
 * A small shop where every suggestion can be worked out by hand (order baskets, min support 2):
 *   a1 MUG TEA · a2 MUG TEA · a3 MUG TEA SPOON · a4 MUG SPOON · a5 TEA CAKE · a6 TEA CAKE
 *   x  MUG (100 days ago) · k BOWL · m JAM (3 × £10) + PLATE (£10) · n BOOK · p nothing
 * Baskets per SKU: MUG 5, TEA 5, SPOON 2, CAKE 2, the others 1. Pairs with support ≥ 2:
 * MUG–TEA 3, MUG–SPOON 2, TEA–CAKE 2 (TEA–SPOON has 1). Cosine: MUG–SPOON 2/√10 = 0.632456,
 * MUG–TEA 3/√25 = 0.6. Buyers: MUG 5, TEA 5, SPOON 2, CAKE 2, the others 1 → best sellers
 * MUG, TEA, CAKE, SPOON, BOOK, BOWL, JAM, PLATE (ties by SKU).
 */
const BASKETS: [string, number, [string, number, number][]][] = [
  [
    'a1',
    30,
    [
      ['MUG', 1, 800],
      ['TEA', 1, 500],
    ],
  ],
  [
    'a2',
    30,
    [
      ['MUG', 1, 800],
      ['TEA', 1, 500],
    ],
  ],
  [
    'a3',
    30,
    [
      ['MUG', 1, 800],
      ['TEA', 1, 500],
      ['SPOON', 1, 300],
    ],
  ],
  [
    'a4',
    30,
    [
      ['MUG', 1, 800],
      ['SPOON', 1, 300],
    ],
  ],
  [
    'a5',
    30,
    [
      ['TEA', 1, 500],
      ['CAKE', 1, 900],
    ],
  ],
  [
    'a6',
    30,
    [
      ['TEA', 1, 500],
      ['CAKE', 1, 900],
    ],
  ],
  ['x', 100, [['MUG', 1, 800]]],
  ['k', 20, [['BOWL', 1, 1200]]],
  [
    'm',
    20,
    [
      ['JAM', 3, 1000],
      ['PLATE', 1, 1000],
    ],
  ],
  ['n', 20, [['BOOK', 1, 1500]]],
];

describe('personal product suggestions', () => {
  const clock = manualClock(NOW);
  let t: TestApp;
  const id: Record<string, string> = {};

  const refresh = async (body?: unknown) => {
    const res = await t.call('POST', '/v1/recommendations/refresh', body ?? {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const suggestions = async (name: string, query = '') => {
    const res = await t.call('GET', `/v1/customers/${id[name]}/recommendations${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const skus = async (name: string) =>
    ((await suggestions(name)).products as { sku: string }[]).map((p) => p.sku);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const name of ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'x', 'k', 'm', 'n', 'p'])
      id[name] = (await createCustomer(t)).id;
    for (const [name, days, lines] of BASKETS) {
      const res = await t.call(
        'POST',
        '/v1/orders',
        orderBody(id[name]!, {
          placedAt: ago(days),
          lines: lines.map(([sku, quantity, unitPriceMinor]) => ({
            sku,
            name: PRODUCTS[sku]![0],
            ...(PRODUCTS[sku]![1] ? { category: PRODUCTS[sku]![1] } : {}),
            quantity,
            unitPriceMinor,
          })),
        }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('before any refresh, answers with no products', async () => {
    const body = await suggestions('x');
    expect(body).toMatchObject({
      customerId: id.x,
      source: 'none',
      computedAt: null,
      products: [],
    });
  });

  it('ranks co-purchases by cosine, blended with category affinity; never what was bought', async () => {
    const result = await refresh();
    // Every buyer gets a list (best sellers fill it); p has no history.
    expect(result).toMatchObject({ customers: 10, popular: 8, settings: { limit: 10 } });
    const body = await suggestions('x');
    expect(body.source).toBe('personal');
    expect(body.computedAt).toBe(NOW.toISOString());
    // SPOON 0.7 × 1 + 0.3 × 1 (all kitchen) × 2/5; TEA 0.7 × 0.6/0.632456; BOWL, PLATE 0.3 × 1/5
    // (a tie: best-seller rank, then SKU); then best sellers: CAKE, BOOK, JAM. MUG is x's own.
    expect(body.products.map((p: any) => [p.sku, p.score])).toEqual([
      ['SPOON', 0.82],
      ['TEA', 0.664078],
      ['BOWL', 0.06],
      ['PLATE', 0.06],
      ['CAKE', 0],
      ['BOOK', 0],
      ['JAM', 0],
    ]);
    expect(body.products.map((p: any) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(body.products[0]).toMatchObject({
      name: 'Spoon',
      category: 'kitchen',
      reason: { kind: 'bought_with', sku: 'MUG', name: 'Mug', text: 'Bought with Mug' },
    });
    expect(body.products[2].reason).toEqual({
      kind: 'popular_in_category',
      category: 'kitchen',
      text: 'Popular in your favourite category, kitchen',
    });
    expect(body.products[4].reason).toEqual({
      kind: 'popular',
      text: 'Popular with our customers',
    });
  });

  it('orders category picks by the customer’s spend share, then the category’s best sellers', async () => {
    // m: 75% food, 25% kitchen, no pair with support 2. TEA 0.3 × .75 × 1, CAKE 0.3 × .75 × .4,
    // MUG 0.3 × .25 × 1, SPOON 0.3 × .25 × .4, BOWL 0.3 × .25 × .2, then BOOK.
    const body = await suggestions('m');
    expect(body.products.map((p: any) => [p.sku, p.score])).toEqual([
      ['TEA', 0.225],
      ['CAKE', 0.09],
      ['MUG', 0.075],
      ['SPOON', 0.03],
      ['BOWL', 0.015],
      ['BOOK', 0],
    ]);
    expect(body.products[0].reason).toMatchObject({
      kind: 'popular_in_category',
      category: 'food',
    });
    expect(await skus('k')).toEqual(['MUG', 'SPOON', 'PLATE', 'TEA', 'CAKE', 'BOOK', 'JAM']);
  });

  it('without a category or a co-purchase, falls back to best sellers, ties by SKU', async () => {
    expect(await skus('n')).toEqual(['MUG', 'TEA', 'CAKE', 'SPOON', 'BOWL', 'JAM', 'PLATE']);
  });

  it('a customer with no history gets the shop’s best sellers', async () => {
    const body = await suggestions('p', '?limit=3');
    expect(body.source).toBe('popular');
    expect(body.products.map((p: any) => [p.sku, p.score, p.reason.kind])).toEqual([
      ['MUG', 1, 'popular'],
      ['TEA', 1, 'popular'],
      ['CAKE', 0.4, 'popular'],
    ]);
  });

  it('with category weight 0, ranks by co-purchase alone', async () => {
    await refresh({ settings: { categoryWeight: 0 } });
    expect((await suggestions('x')).products.slice(0, 3).map((p: any) => [p.sku, p.score])).toEqual(
      [
        ['SPOON', 1],
        ['TEA', 0.948683],
        ['CAKE', 0],
      ],
    );
  });

  it('excludes only recent purchases when given a window', async () => {
    await refresh({ settings: { excludeWindowDays: 90 } });
    // x bought MUG 100 days ago: outside the window, so it comes back as a best seller.
    expect(await skus('x')).toContain('MUG');
    await refresh({ settings: { excludeWindowDays: 120 } });
    expect(await skus('x')).not.toContain('MUG');
  });

  it('is idempotent: refreshing twice stores the same rows', async () => {
    const rows = () =>
      t.database.db
        .selectFrom('recommendation')
        .select(['customer_id', 'rank', 'sku', 'score', 'reason', 'reason_sku'])
        .orderBy('customer_id')
        .orderBy('rank')
        .execute();
    await refresh();
    const first = await rows();
    const again = await refresh();
    expect(await rows()).toEqual(first);
    expect(again.suggestions).toBe(first.length);
  });

  it('sees only orders before asOf', async () => {
    const result = await refresh({ asOf: ago(25) });
    // Only a1–a6 and x had bought by then.
    expect(result.customers).toBe(7);
    expect((await suggestions('k')).source).toBe('popular');
    const future = await t.call('POST', '/v1/recommendations/refresh', {
      asOf: new Date(NOW.getTime() + DAY_MS).toISOString(),
    });
    expect(future.status).toBe(422);
    await refresh();
  });

  it('lists the rewards the member can afford, cheapest first, and the next within reach', async () => {
    const reward = async (name: string, pointsCost: number, extra: object = {}) => {
      const res = await t.call('POST', '/v1/rewards', {
        name,
        kind: 'percent_discount',
        value: 10,
        pointsCost,
        ...extra,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const adjust = await t.call('POST', `/v1/customers/${id.p}/points/adjust`, {
      points: 500,
      reason: 'test credit',
    });
    expect(adjust.status).toBe(201);
    const dear = await reward('Dear', 400);
    const cheap = await reward('Cheap', 100);
    await reward('Too dear', 900);
    const near = await reward('Near', 600);
    await reward('Sold out', 50, { stock: 0 });
    const body = await suggestions('p');
    expect(body.rewards.balance).toBe(500);
    expect(body.rewards.affordable.map((r: any) => [r.id, r.pointsCost])).toEqual([
      [cheap, 100],
      [dear, 400],
    ]);
    expect(body.rewards.next).toMatchObject({ id: near, pointsMissing: 100, name: 'Near' });
    expect(body.rewards.affordable[0]).toMatchObject({ name: 'Cheap', kind: 'percent_discount' });
  });

  it('offers the same through the SuggestionSource port (for e-mails)', async () => {
    const source = suggestionSource(t.database.db, clock);
    const viaPort = await source.suggestionsFor(id.x!, 2);
    expect(viaPort.source).toBe('personal');
    expect(viaPort.products.map((p) => [p.sku, p.reason])).toEqual([
      ['SPOON', { kind: 'bought_with', sku: 'MUG', name: 'Mug' }],
      ['TEA', { kind: 'bought_with', sku: 'MUG', name: 'Mug' }],
    ]);
    await expect(source.suggestionsFor('cus_nobody')).rejects.toMatchObject({
      code: 'customer_not_found',
    });
  });

  it('answers 404 for an unknown customer and 400 for a bad limit', async () => {
    const res = await t.call('GET', '/v1/customers/cus_nobody/recommendations');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('customer_not_found');
    const bad = await t.call('GET', `/v1/customers/${id.x}/recommendations?limit=0`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toContain('limit');
  });

  it('lets only admins refresh; store staff may read', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    const refused = await t.call('POST', '/v1/recommendations/refresh', {}, pos);
    expect(refused.status).toBe(403);
    const read = await t.call('GET', `/v1/customers/${id.x}/recommendations`, undefined, pos);
    expect(read.status).toBe(200);
    const bad = await t.call('POST', '/v1/recommendations/refresh', {
      settings: { categoryWeight: 2 },
    });
    expect(bad.status).toBe(400);
  });
});
