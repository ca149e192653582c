import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecommendationSettingsSchema } from '../src/core/recommendations/recommendations.js';
import { refreshRecommendations } from '../src/core/recommendations/recommendations.service.js';
import {
  evaluateSuggesters,
  evaluateSuggestions,
  suggestionsSql,
} from '../src/db/recommendations/recommendations.evaluate.js';
import { recommendationStore } from '../src/db/recommendations/recommendations.repository.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

const DAY_MS = 86_400_000;
const CUT = new Date('2026-05-01T00:00:00.000Z');
const END = new Date(CUT.getTime() + 30 * DAY_MS);
const NOW = new Date(CUT.getTime() + 61 * DAY_MS);
const at = (days: number) => new Date(CUT.getTime() + days * DAY_MS).toISOString();

/**
 * A shop where all three suggesters' lists (limit 2, no categories, order baskets, min support 2)
 * and their scores can be counted by hand. Days are relative to the cut; the window is [0, 30).
 *
 * Before the cut:
 *   c1 −60 A B · c2 −60 A B · c3 −50 A C · c8 −40 C · c4 −10 D · c5 −10 D E · c6 −5 D E
 * Buyers: A 3, D 3, B 2, C 2, E 2; in the 30 days before the cut: D 3, E 2, the rest 0.
 * All-time best sellers: A D B C E. Recent: D E, then A B C (by all-time buyers).
 * Pairs with support 2: A–B and D–E only, so ours suggests B to an A-buyer and E to a D-buyer,
 * then fills with the all-time best sellers.
 *
 *         owns  ours   all-time  recent   bought in the window (relevant: not owned)
 *   c1    A B   D C    D C       D E      E D        {D, E}
 *   c2    A B   D C    D C       D E      B C        {C}
 *   c3    A C   B D    D B       D E      B          {B}
 *   c4    D     E A    A B       E A      E          {E}
 *   c5    D E   A B    A B       A B      C (+ A at day 40, after the window)  {C}
 *   c8    C     A D    A D       D E      E          {E}
 *   c6 buys only POST in the window (not a product) and c7 had no history: neither is judged.
 *
 * Hits per customer c1 c2 c3 c4 c5 c8:
 *   ours     1 1 1 1 0 0 → hit rate 4/6, precision@2 (4 × ½)/6 = 1/3, recall (½+1+1+1+0+0)/6 = 7/12
 *   all-time 1 1 1 0 0 0 → 3/6, (3 × ½)/6 = 1/4, (½+1+1+0+0+0)/6 = 5/12
 *   recent   2 0 0 1 0 1 → 3/6, (1+½+½)/6 = 1/3, (1+0+0+1+0+1)/6 = 1/2
 */
const ORDERS: [string, number, string[]][] = [
  ['c1', -60, ['A', 'B']],
  ['c2', -60, ['A', 'B']],
  ['c3', -50, ['A', 'C']],
  ['c8', -40, ['C']],
  ['c4', -10, ['D']],
  ['c5', -10, ['D', 'E']],
  ['c6', -5, ['D', 'E']],
  ['c7', 2, ['A']],
  ['c4', 3, ['E']],
  ['c1', 5, ['E', 'D']],
  ['c2', 5, ['B', 'C']],
  ['c6', 7, ['POST']],
  ['c3', 10, ['B']],
  ['c8', 15, ['E']],
  ['c5', 20, ['C']],
  ['c5', 40, ['A']],
];

const SETTINGS = RecommendationSettingsSchema.parse({ limit: 2, excludeSkus: ['POST'] });

describe('suggestion quality with a time split', () => {
  const clock = manualClock(NOW);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const id: Record<string, string> = {};
    for (const [name, days, skus] of ORDERS) {
      id[name] ??= (await createCustomer(t)).id;
      const res = await t.call(
        'POST',
        '/v1/orders',
        orderBody(id[name], {
          placedAt: at(days),
          lines: skus.map((sku) => ({ sku, name: sku, quantity: 1, unitPriceMinor: 500 })),
        }),
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await refreshRecommendations(
      {
        recommendations: recommendationStore(t.database.db),
        clock,
        programme: { currency: 'GBP' },
      },
      { asOf: CUT, settings: SETTINGS },
    );
  });
  afterAll(() => t.close());

  it('scores ours, the all-time and the last-30-days best sellers as counted by hand', async () => {
    const scores = await evaluateSuggesters(t.database.db, { cut: CUT, end: END }, SETTINGS);
    const shape = (hitRate: number, precisionAtK: number, recallAtK: number, coverage: number) => ({
      customers: 6,
      withRelevant: 6,
      suggestions: 12,
      hitRate: expect.closeTo(hitRate, 6),
      precisionAtK: expect.closeTo(precisionAtK, 6),
      recallAtK: expect.closeTo(recallAtK, 6),
      coverageSkus: coverage,
    });
    // SKUs suggested: ours A B C D E; all-time A B C D; recent A B D E.
    expect(scores.ours).toEqual(shape(4 / 6, 1 / 3, 7 / 12, 5));
    expect(scores.popularAllTime).toEqual(shape(3 / 6, 1 / 4, 5 / 12, 4));
    expect(scores.popularRecent).toEqual(shape(3 / 6, 1 / 3, 1 / 2, 4));
  });

  it('counts a purchase after the window end only when the window reaches it', async () => {
    // Up to day 41, c5's A (day 40) hits ours and both baselines ([A B] for each): one more hit.
    const longer = { cut: CUT, end: new Date(CUT.getTime() + 41 * DAY_MS) };
    const ours = await evaluateSuggestions(
      t.database.db,
      longer,
      SETTINGS,
      suggestionsSql('ours', CUT, SETTINGS),
    );
    // c5's relevant set is {C, A} now: recall (½+1+1+1+½+0)/6 = 4/6.
    expect(ours).toMatchObject({ customers: 6, hitRate: 0.833333, precisionAtK: 0.416667 });
    expect(ours.recallAtK).toBeCloseTo(4 / 6, 6);
  });
});
