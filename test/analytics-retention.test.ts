import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOrders } from '../src/cli/import/index.js';
import { campaignEffectFromQuery } from '../src/core/analytics/campaign-effect.js';
import { cohortReport } from '../src/core/analytics/cohorts.js';
import {
  addDaysToDate,
  CampaignEffectQuerySchema,
  CohortQuerySchema,
  daysBetween,
  localDate,
  periodsCovering,
  periodStartOf,
  RetentionQuerySchema,
  type Period,
} from '../src/core/analytics/periods.js';
import { retentionReport, type RetentionReport } from '../src/core/analytics/retention.js';
import { DEFAULT_PROGRAMME, type ProgrammeSettings } from '../src/core/programme/programme.js';
import { systemClock } from '../src/core/shared/clock.js';
import { campaignEffectQueries } from '../src/db/analytics/campaign-effect.queries.js';
import { cohortQueries } from '../src/db/analytics/cohorts.queries.js';
import { retentionQueries } from '../src/db/analytics/retention.queries.js';
import type { Database } from '../src/db/dialect.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { openTestDatabase } from './support/database.js';
import { createCustomer, orderBody } from './support/fixtures.js';

/*
 * Six customers; programme GBP in Europe/London (GMT until 29 March 2026, then BST). Every
 * expected figure below is counted by hand from this table of purchase days (local dates):
 *
 *   A web   5 Jan (2 orders: 1000 + 2000), 20 Jan (3000), 10 Mar (4000)
 *   B pos, store s1   10 Jan (5000); 14 Feb (1000, returned in full: not a purchase);
 *           31 Mar 23:30 UTC = 1 Apr 00:30 BST (2500)
 *   C web   3 Feb (2 orders: 1500 + 500), 20 Feb (1000)
 *   D       15 Jan (800 GBP, returned in full), 10 Feb (9000 USD): never a purchase
 *   E app   15 Apr (6000), 2 May (1500 + 500 with the 500 returned: 1500), 10 May (1000)
 *   F       25 Jan web (1200), 20 May app (800)
 *
 * First purchase days: A 5 Jan, B 10 Jan, F 25 Jan, C 3 Feb, E 15 Apr.
 */
const NOW = new Date('2026-06-10T12:00:00.000Z');
const clock = manualClock(NOW);
const programme: ProgrammeSettings = { ...DEFAULT_PROGRAMME };
let t: TestApp;
const ids: Record<string, string> = {};

const line = (unitPriceMinor: number, sku = 'ITEM') => ({ sku, quantity: 1, unitPriceMinor });

const place = async (
  who: string,
  placedAt: string,
  lines: ReturnType<typeof line>[],
  fields: Record<string, unknown> = {},
): Promise<string> => {
  const res = await t.call(
    'POST',
    '/v1/orders',
    orderBody(ids[who]!, { placedAt, lines, ...fields }),
  );
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.order.id as string;
};

const giveBack = async (orderId: string, body: Record<string, unknown> = {}) => {
  const res = await t.call('POST', `/v1/orders/${orderId}/returns`, body);
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
};

const tagCustomer = (who: string, rfm: string, stage: string) =>
  t.database.db
    .insertInto('customer_analytics')
    .values({ customer_id: ids[who]!, as_of: NOW, rfm_segment: rfm, lifecycle_stage: stage })
    .execute();

beforeAll(async () => {
  t = await startTestApp({ clock });
  for (const who of ['A', 'B', 'C', 'D', 'E', 'F']) ids[who] = (await createCustomer(t)).id;
  const web = { channel: 'web' };
  const pos = { channel: 'pos', storeId: 's1' };
  const app = { channel: 'app' };
  await place('A', '2026-01-05T10:00:00Z', [line(1000)], web);
  await place('A', '2026-01-05T15:00:00Z', [line(2000)], web);
  await place('A', '2026-01-20T12:00:00Z', [line(3000)], web);
  await place('A', '2026-03-10T12:00:00Z', [line(4000)], web);
  await place('B', '2026-01-10T12:00:00Z', [line(5000)], pos);
  await giveBack(await place('B', '2026-02-14T12:00:00Z', [line(1000)], pos));
  await place('B', '2026-03-31T23:30:00Z', [line(2500)], pos);
  await place('C', '2026-02-03T09:00:00Z', [line(1500)], web);
  await place('C', '2026-02-03T18:00:00Z', [line(500)], web);
  await place('C', '2026-02-20T12:00:00Z', [line(1000)], web);
  await giveBack(await place('D', '2026-01-15T12:00:00Z', [line(800)], web));
  await place('D', '2026-02-10T12:00:00Z', [line(9000)], { ...web, currency: 'USD' });
  await place('E', '2026-04-15T12:00:00Z', [line(6000)], app);
  const e2 = await place('E', '2026-05-02T12:00:00Z', [line(1500, 'X'), line(500, 'Y')], app);
  await giveBack(e2, { lines: [{ lineNo: 2, quantity: 1 }] });
  await place('E', '2026-05-10T12:00:00Z', [line(1000)], app);
  await place('F', '2026-01-25T12:00:00Z', [line(1200)], web);
  await place('F', '2026-05-20T12:00:00Z', [line(800)], app);
  await tagCustomer('A', 'champions', 'active');
  await tagCustomer('E', 'champions', 'new');
  await tagCustomer('B', 'at_risk', 'at_risk');
  await tagCustomer('C', 'hibernating', 'lapsed');
});
afterAll(() => t.close());

/** The hand counts below use a 365-day window unless they say otherwise (the default is derived). */
const retention = (query: Record<string, unknown> = {}, settings = programme) =>
  retentionReport(
    { retention: retentionQueries(t.database.db), programme: settings, clock },
    RetentionQuerySchema.parse({ from: '2025-12-01', to: '2026-06-30', activeDays: 365, ...query }),
  );

const cohorts = (query: Record<string, unknown> = {}) =>
  cohortReport(
    { cohorts: cohortQueries(t.database.db), programme, clock },
    CohortQuerySchema.parse({ from: '2026-01-01', to: '2026-06-30', ...query }),
  );

const campaign = (query: Record<string, unknown>) =>
  campaignEffectFromQuery(
    { campaignEffect: campaignEffectQueries(t.database.db), programme },
    CampaignEffectQuerySchema.parse(query),
  );

const month = (report: RetentionReport, start: string) => {
  const found = report.periods.find((p) => p.start === start);
  if (!found) throw new Error(`no period ${start}`);
  return found;
};

describe('retention metrics', () => {
  it('covers every month overlapping [from, to], each with its start and exclusive end', async () => {
    const r = await retention({ from: '2025-12-15', to: '2026-06-01' });
    expect(r.periods.map((p) => [p.start, p.end])).toEqual([
      ['2025-12-01', '2026-01-01'],
      ['2026-01-01', '2026-02-01'],
      ['2026-02-01', '2026-03-01'],
      ['2026-03-01', '2026-04-01'],
      ['2026-04-01', '2026-05-01'],
      ['2026-05-01', '2026-06-01'],
      ['2026-06-01', '2026-07-01'],
    ]);
    expect(r).toMatchObject({ currency: 'GBP', timeZone: 'Europe/London', activeDays: 365 });
    // The newest order is F's on 20 May and today is 10 June: observed until 21 May (exclusive),
    // so May is partial and June (not observed at all) too.
    expect(r.observedUntil).toBe('2026-05-21');
    expect(r.periods.map((p) => p.partial)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('derives the active window from the p80 of the gaps between purchase days', async () => {
    // Gaps between consecutive purchase days: A 15 (5 → 20 Jan) and 49 (20 Jan → 10 Mar),
    // B 81 (10 Jan → 1 Apr), C 17, E 17 and 8, F 115. Sorted 8 15 17 17 49 81 115: the first
    // whose position reaches 80 % is the 6th of 7 (6/7 ≥ 0.8) = 81 days → rounded up to 90.
    const all = await retention({ activeDays: undefined });
    expect(all.activeWindow).toEqual({
      days: 90,
      source: 'derived',
      percentile: 80,
      gaps: 7,
      gapDays: 81,
      derivedDays: 90,
    });
    expect(all.activeDays).toBe(90);
    // Only gaps before the end of the last period: up to March, 15, 17, 49 → 49 → 60 days.
    const q1 = await retention({ activeDays: undefined, to: '2026-03-31' });
    expect(q1.activeWindow).toMatchObject({ days: 60, gaps: 3, gapDays: 49 });
    // Filters count: in the app, E's 17 and 8 → 2nd of 2 = 17 → 30 days.
    const app = await retention({ activeDays: undefined, channel: 'app' });
    expect(app.activeWindow).toMatchObject({ days: 30, gaps: 2, gapDays: 17 });
    // Asked for: used as given, with the derived default alongside.
    expect((await retention({ activeDays: 45 })).activeWindow).toMatchObject({
      days: 45,
      source: 'requested',
      derivedDays: 90,
    });
    // Nobody bought on two days (January, store s1: B once): 365 days.
    const none = await retention({ activeDays: undefined, store: 's1', to: '2026-01-31' });
    expect(none.activeWindow).toMatchObject({ days: 365, gaps: 0, gapDays: null });
  });

  it('a period with no customers at all: S = 0, every rate null, nothing divided by zero', async () => {
    const dec = month(await retention(), '2025-12-01');
    expect(dec).toMatchObject({
      customers: { atStart: 0, atEnd: 0, new: 0, churned: 0, reactivated: 0 },
      retentionRatePct: null,
      churnRatePct: null,
      buyers: { total: 0, new: 0, returning: 0 },
      orders: { total: 0, new: 0, returning: 0 },
      revenueMinor: { total: 0, new: 0, returning: 0 },
      repeatPurchaseRatePct: null,
      purchaseFrequency: null,
      averageOrderValueMinor: null,
      daysBetweenPurchases: { intervals: 0, mean: null, median: null },
    });
  });

  it('January: the first buyers; same-day orders are one visit but two orders', async () => {
    const jan = month(await retention(), '2026-01-01');
    // S = 0 (nobody bought before); E = {A, B, F}; N = {A, B, F}: CRR has no base → null.
    expect(jan.customers).toMatchObject({ atStart: 0, atEnd: 3, new: 3, churned: 0 });
    expect(jan.retentionRatePct).toBeNull();
    // Orders a1, a2 (same day), a3, b1, f1 = 5; revenue 1000 + 2000 + 3000 + 5000 + 1200 = 12200.
    expect(jan.orders).toEqual({ total: 5, new: 5, returning: 0 });
    expect(jan.revenueMinor).toEqual({ total: 12200, new: 12200, returning: 0 });
    // A bought on 5 and 20 Jan (two visits); B and F once: 1 / 3 repeat buyers.
    expect(jan.repeatBuyers).toBe(1);
    expect(jan.repeatPurchaseRatePct).toBeCloseTo((1 / 3) * 100, 10);
    expect(jan.purchaseFrequency).toBeCloseTo(5 / 3, 10);
    expect(jan.averageOrderValueMinor).toBe(2440); // 12200 / 5
    // Only A's 20 Jan visit has an earlier one (5 Jan, the two orders counted once): 15 days.
    expect(jan.daysBetweenPurchases).toEqual({ intervals: 1, mean: 15, median: 15 });
  });

  it('February: a fully returned order and an order in another currency are not purchases', async () => {
    const feb = month(await retention(), '2026-02-01');
    // S = {A, B, F}; E = {A, B, C, F}; N = {C}; CRR = (4 − 1) / 3 = 100 %.
    expect(feb.customers).toMatchObject({ atStart: 3, atEnd: 4, new: 1, churned: 0 });
    expect(feb.retentionRatePct).toBe(100);
    expect(feb.churnRatePct).toBe(0);
    // Only C buys: B's 14 Feb order was returned whole, D's 10 Feb order is in USD.
    expect(feb.buyers).toEqual({ total: 1, new: 1, returning: 0 });
    // C: two orders on 3 Feb (one visit) and one on 20 Feb → 3 orders, 2 visits, 17 days apart.
    expect(feb.orders.total).toBe(3);
    expect(feb.revenueMinor.total).toBe(3000);
    expect(feb.repeatPurchaseRatePct).toBe(100);
    expect(feb.purchaseFrequency).toBe(3);
    expect(feb.averageOrderValueMinor).toBe(1000);
    expect(feb.daysBetweenPurchases).toEqual({ intervals: 1, mean: 17, median: 17 });
  });

  it('March to June: returning revenue, the time-zone boundary, mean vs median gaps', async () => {
    const r = await retention();
    const mar = month(r, '2026-03-01');
    // Only A (10 Mar): 49 days after 20 Jan (11 + 28 + 10). B's 31 Mar 23:30 UTC order is April.
    expect(mar.customers).toMatchObject({ atStart: 4, atEnd: 4, new: 0 });
    expect(mar.buyers).toEqual({ total: 1, new: 0, returning: 1 });
    expect(mar.revenueMinor).toEqual({ total: 4000, new: 0, returning: 4000 });
    expect(mar.repeatPurchaseRatePct).toBe(0);
    expect(mar.daysBetweenPurchases).toEqual({ intervals: 1, mean: 49, median: 49 });

    const apr = month(r, '2026-04-01');
    // S = {A, B, C, F}; E adds E (new): CRR = (5 − 1) / 4 = 100 %.
    expect(apr.customers).toMatchObject({ atStart: 4, atEnd: 5, new: 1, churned: 0 });
    expect(apr.retentionRatePct).toBe(100);
    // B (1 Apr local, returning, 2500) and E (new, 6000).
    expect(apr.buyers).toEqual({ total: 2, new: 1, returning: 1 });
    expect(apr.revenueMinor).toEqual({ total: 8500, new: 6000, returning: 2500 });
    expect(apr.averageOrderValueMinor).toBe(4250);
    // B: 10 Jan → 1 Apr = 21 + 28 + 31 + 1 = 81 days.
    expect(apr.daysBetweenPurchases).toEqual({ intervals: 1, mean: 81, median: 81 });

    const may = month(r, '2026-05-01');
    // E on 2 and 10 May (1500 after the partial return, 1000), F on 20 May (800): both returning.
    expect(may.buyers).toEqual({ total: 2, new: 0, returning: 2 });
    expect(may.orders.total).toBe(3);
    expect(may.revenueMinor).toEqual({ total: 3300, new: 0, returning: 3300 });
    expect(may.averageOrderValueMinor).toBe(1100);
    expect(may.purchaseFrequency).toBe(1.5);
    expect(may.repeatPurchaseRatePct).toBe(50); // E: two days; F: one
    // Gaps: E 15 Apr → 2 May = 17, 2 → 10 May = 8, F 25 Jan → 20 May = 6 + 28 + 31 + 30 + 20 = 115.
    expect(may.daysBetweenPurchases.intervals).toBe(3);
    expect(may.daysBetweenPurchases.mean).toBeCloseTo(140 / 3, 10);
    expect(may.daysBetweenPurchases.median).toBe(17);

    const jun = month(r, '2026-06-01');
    expect(jun.customers).toMatchObject({ atStart: 5, atEnd: 5, new: 0, churned: 0 });
    expect(jun.retentionRatePct).toBe(100);
    expect(jun.buyers.total).toBe(0);
    expect(jun.averageOrderValueMinor).toBeNull();
  });

  it('a short active window: customers who come back are reactivated, not retained', async () => {
    const r = await retention({ activeDays: 31 });
    // Base at b = customers with a purchase in [b − 31 days, b):
    //   1 Feb {A, B, F}; 1 Mar {C}; 1 Apr {A}; 1 May {B, E}; 1 Jun {E, F}; 1 Jul {}.
    const rows = r.periods.map((p) => [
      p.start,
      p.customers.atStart,
      p.customers.atEnd,
      p.customers.new,
      p.customers.churned,
      p.customers.reactivated,
      p.customers.retained,
      p.retentionRatePct,
      p.churnRatePct,
    ]);
    expect(rows).toEqual([
      ['2025-12-01', 0, 0, 0, 0, 0, 0, null, null],
      ['2026-01-01', 0, 3, 3, 0, 0, 0, null, null],
      // {A, B, F} all lapse; C is new: kept 0 of 3, CRR 0, churn 3 / 3.
      ['2026-02-01', 3, 1, 1, 3, 0, 0, 0, 100],
      // C lapses; A (last bought 20 Jan) comes back: reactivated, not kept. CRR 0 / 1 (the old
      // (E − N) / S read (1 − 0) / 1 = 100 % next to a churn of 100 %).
      ['2026-03-01', 1, 1, 0, 1, 1, 0, 0, 100],
      // A lapses; B comes back, E is new: CRR 0 / 1 (was (2 − 1) / 1 = 100 %).
      ['2026-04-01', 1, 2, 1, 1, 1, 0, 0, 100],
      // {B, E}: B lapses, E stays (10 May), F comes back: CRR 1 / 2, churn 1 / 2 (was 100 %).
      ['2026-05-01', 2, 2, 0, 1, 1, 1, 50, 50],
      // E and F lapse: CRR 0 / 2.
      ['2026-06-01', 2, 0, 0, 2, 0, 0, 0, 100],
    ]);
  });

  it('channel filter: only that channel’s purchases count, first purchases included', async () => {
    const web = await retention({ channel: 'web' });
    // Web: A (all), C (all), F (25 Jan only).
    const jan = month(web, '2026-01-01');
    expect(jan.buyers).toEqual({ total: 2, new: 2, returning: 0 });
    expect(jan.revenueMinor.total).toBe(1000 + 2000 + 3000 + 1200);
    expect(jan.averageOrderValueMinor).toBe(1800); // 7200 / 4
    expect(month(web, '2026-04-01').buyers.total).toBe(0);

    const app = await retention({ channel: 'app' });
    // In the app F's first purchase is 20 May, so F is new in May (returning without the filter).
    const may = month(app, '2026-05-01');
    // S = {E}; E = {E, F}; N = {F}: CRR (2 − 1) / 1.
    expect(may.customers).toMatchObject({ atStart: 1, atEnd: 2, new: 1 });
    expect(may.retentionRatePct).toBe(100);
    expect(may.buyers).toEqual({ total: 2, new: 1, returning: 1 });
    expect(may.revenueMinor).toEqual({ total: 3300, new: 800, returning: 2500 });
    // E's gaps only (F has no earlier app purchase): 17 and 8.
    expect(may.daysBetweenPurchases).toEqual({ intervals: 2, mean: 12.5, median: 12.5 });
  });

  it('store filter', async () => {
    const r = await retention({ store: 's1' });
    // Only B: 10 Jan and 1 Apr (14 Feb was returned).
    expect(r.periods.map((p) => p.buyers.total)).toEqual([0, 1, 0, 0, 1, 0, 0]);
    expect(month(r, '2026-04-01').daysBetweenPurchases.mean).toBe(81);
  });

  it('segment filter: rfm and lifecycle restrict the customers considered', async () => {
    const champions = await retention({ segment: 'rfm:champions' });
    // A and E only.
    expect(champions.filter).toEqual({ segment: { kind: 'rfm', name: 'champions' } });
    expect(champions.periods.map((p) => p.revenueMinor.total)).toEqual([
      0, 6000, 0, 4000, 6000, 2500, 0,
    ]);
    const apr = month(champions, '2026-04-01');
    // S = {A}; E = {A, E}; N = {E}: CRR (2 − 1) / 1.
    expect(apr.customers).toMatchObject({ atStart: 1, atEnd: 2, new: 1 });
    expect(month(champions, '2026-05-01').repeatPurchaseRatePct).toBe(100);

    const atRisk = await retention({ segment: 'lifecycle:at_risk' });
    expect(atRisk.periods.map((p) => p.buyers.total)).toEqual([0, 1, 0, 0, 1, 0, 0]); // B
    const nobody = await retention({ segment: 'rfm:lost' });
    expect(nobody.periods.every((p) => p.buyers.total === 0 && p.retentionRatePct === null)).toBe(
      true,
    );
  });

  it('periods follow the programme time zone: in UTC, B’s 23:30 order is in March', async () => {
    const utc = await retention({}, { ...programme, timeZone: 'UTC' });
    expect(month(utc, '2026-03-01').buyers.total).toBe(2); // A and B
    expect(month(utc, '2026-04-01').buyers).toEqual({ total: 1, new: 1, returning: 0 }); // E
  });

  it('weeks are ISO weeks starting on Monday', async () => {
    const r = await retention({ granularity: 'week', from: '2026-03-30', to: '2026-04-05' });
    // 30 Mar 2026 is a Monday; B's order (Wednesday 1 Apr local) falls in this week.
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]).toMatchObject({ start: '2026-03-30', end: '2026-04-06' });
    expect(r.periods[0]!.buyers.total).toBe(1);
    const q = await retention({ granularity: 'quarter', from: '2026-02-10', to: '2026-04-01' });
    expect(q.periods.map((p) => [p.start, p.end])).toEqual([
      ['2026-01-01', '2026-04-01'],
      ['2026-04-01', '2026-07-01'],
    ]);
    // Q1: A, B, C, F bought; revenue 12200 + 3000 + 4000.
    expect(q.periods[0]!.revenueMinor.total).toBe(19200);
  });

  it('CRR stays within 0..100 over random histories, and kept + churned = S', async () => {
    // Each run writes its orders in a currency of its own, so runs (and the fixture, in GBP)
    // never see each other's purchases: purchasesOf reads the programme currency only.
    let run = 0;
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const history = fc.array(
      fc.record({
        who: fc.constantFrom('A', 'B', 'C', 'E', 'F'),
        day: fc.integer({ min: 0, max: 180 }),
      }),
      { minLength: 1, maxLength: 25 },
    );
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: 1, max: 120 }), async (visits, activeDays) => {
        run += 1;
        const currency = `Q${letters[Math.floor(run / 26) % 26]}${letters[run % 26]}`;
        await t.database.db
          .insertInto('sales_order')
          .values(
            visits.map((v, i) => ({
              id: `ord_crrprop_${run}_${i}`,
              external_id: `crrprop-${run}-${i}`,
              customer_id: ids[v.who]!,
              currency,
              channel: 'web' as const,
              store_id: null,
              placed_at: new Date(Date.UTC(2026, 0, 1, 12) + v.day * 86_400_000),
              total_minor: 1000,
              points_earned: 0,
              created_at: NOW,
            })),
          )
          .execute();
        const r = await retention(
          { from: '2026-01-01', to: '2026-06-30', activeDays },
          { ...programme, currency },
        );
        for (const p of r.periods) {
          const { atStart, retained, churned } = p.customers;
          expect(retained + churned).toBe(atStart);
          if (atStart === 0) expect(p.retentionRatePct).toBeNull();
          else {
            expect(p.retentionRatePct).toBeGreaterThanOrEqual(0);
            expect(p.retentionRatePct).toBeLessThanOrEqual(100);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('refuses a backwards range and one of more than 520 periods', async () => {
    await expect(retention({ from: '2026-05-01', to: '2026-04-01' })).rejects.toMatchObject({
      code: 'invalid_range',
      issues: [{ path: 'from' }],
    });
    await expect(
      retention({ granularity: 'week', from: '2016-01-01', to: '2026-06-30' }),
    ).rejects.toMatchObject({ code: 'range_too_long', issues: [{ path: 'to' }] });
  });
});

describe('cohorts', () => {
  it('retention and revenue k months after acquisition; cells not observed yet are null', async () => {
    const r = await cohorts();
    // The newest order is F's on 20 May and today is 10 June: observed up to 21 May (exclusive),
    // so May is partial and June not observed; offsets 0 … 4 (January to May).
    expect(r.observedUntil).toBe('2026-05-21');
    expect(r.offsets).toBe(5);
    const table = r.cohorts.map((c) => [
      c.start,
      c.customers,
      c.cells.map((cell) => cell.customers),
      c.cells.map((cell) => cell.revenueMinor),
    ]);
    expect(table).toEqual([
      // January {A, B, F}: Feb nobody (B's order returned), Mar A, Apr B, May F.
      ['2026-01-01', 3, [3, 0, 1, 1, 1], [12200, 0, 4000, 2500, 800]],
      // February {C}: nothing after February; June (offset 4) not observed.
      ['2026-02-01', 1, [1, 0, 0, 0, null], [3000, 0, 0, 0, null]],
      ['2026-03-01', 0, [0, 0, 0, null, null], [0, 0, 0, null, null]],
      // April {E}: 15 Apr and May.
      ['2026-04-01', 1, [1, 1, null, null, null], [6000, 2500, null, null, null]],
      ['2026-05-01', 0, [0, null, null, null, null], [0, null, null, null, null]],
      ['2026-06-01', 0, [null, null, null, null, null], [null, null, null, null, null]],
    ]);
    const jan = r.cohorts[0]!;
    expect(jan.cells.map((c) => c.retentionPct)).toEqual([
      100,
      0,
      (1 / 3) * 100,
      (1 / 3) * 100,
      (1 / 3) * 100,
    ]);
    expect(jan.cells.map((c) => c.partial)).toEqual([false, false, false, false, true]);
    // An empty cohort has no retention to speak of, even where observed.
    expect(r.cohorts[2]!.cells.map((c) => c.retentionPct)).toEqual([null, null, null, null, null]);
    expect(r.curves[3]).toEqual({
      start: '2026-04-01',
      points: [
        { offset: 0, retentionPct: 100, partial: false },
        { offset: 1, retentionPct: 100, partial: true },
      ],
    });
    // Weighted average over cohorts fully observed at each offset (partial May cells left out):
    // k0: (3 + 1 + 1) / (3 + 1 + 1); k1: (0 + 0) / (3 + 1); k2: (1 + 0) / (3 + 1); k3: 1 / 3; k4: none.
    expect(r.average).toEqual([
      { offset: 0, retentionPct: 100, cohorts: 3, customers: 5 },
      { offset: 1, retentionPct: 0, cohorts: 2, customers: 4 },
      { offset: 2, retentionPct: 25, cohorts: 2, customers: 4 },
      { offset: 3, retentionPct: (1 / 3) * 100, cohorts: 1, customers: 3 },
      { offset: 4, retentionPct: null, cohorts: 0, customers: 0 },
    ]);
  });

  it('maxOffsets, filters and the clock as the horizon', async () => {
    const short = await cohorts({ maxOffsets: 1, from: '2026-01-01', to: '2026-02-28' });
    expect(short.offsets).toBe(2);
    expect(short.cohorts.map((c) => c.cells.map((cell) => cell.customers))).toEqual([
      [3, 0],
      [1, 0],
    ]);
    // In the app, F is acquired in May (20 May), E in April.
    const app = await cohorts({ channel: 'app' });
    expect(app.cohorts.map((c) => c.customers)).toEqual([0, 0, 0, 1, 1, 0]);
    // Today before the newest order: observation stops at tomorrow.
    const early = await cohortReport(
      {
        cohorts: cohortQueries(t.database.db),
        programme,
        clock: manualClock(new Date('2026-04-20T08:00:00Z')),
      },
      CohortQuerySchema.parse({ from: '2026-01-01', to: '2026-06-30' }),
    );
    expect(early.observedUntil).toBe('2026-04-21');
    expect(early.offsets).toBe(4);
    expect(early.cohorts[3]!.cells.map((c) => c.customers)).toEqual([1, null, null, null]);
  });
});

describe('campaign effect', () => {
  it('April against the 30 days before: new and returning buyers, orders, revenue, order value', async () => {
    const r = await campaign({ from: '2026-04-01', to: '2026-04-30' });
    expect(r.days).toBe(30);
    // Current: E new (6000); B returning (2500, its 31 Mar 23:30 UTC order is 1 April in London).
    expect(r.current).toEqual({
      from: '2026-04-01',
      to: '2026-04-30',
      all: { buyers: 2, orders: 2, revenueMinor: 8500, averageOrderValueMinor: 4250 },
      new: { buyers: 1, orders: 1, revenueMinor: 6000, averageOrderValueMinor: 6000 },
      returning: { buyers: 1, orders: 1, revenueMinor: 2500, averageOrderValueMinor: 2500 },
    });
    // Baseline 2 – 31 March: A on 10 March (4000), returning.
    expect(r.baseline).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
      all: { buyers: 1, orders: 1, revenueMinor: 4000, averageOrderValueMinor: 4000 },
      new: { buyers: 0, orders: 0, revenueMinor: 0, averageOrderValueMinor: null },
      returning: { buyers: 1, orders: 1, revenueMinor: 4000, averageOrderValueMinor: 4000 },
    });
    expect(r.change.all.revenueMinor).toEqual({ absolute: 4500, percent: 112.5 }); // 4500 / 4000
    expect(r.change.all.averageOrderValueMinor).toEqual({ absolute: 250, percent: 6.25 });
    expect(r.change.new.buyers).toEqual({ absolute: 1, percent: null }); // from nothing
    expect(r.change.new.averageOrderValueMinor).toEqual({ absolute: null, percent: null });
    expect(r.change.returning.revenueMinor).toEqual({ absolute: -1500, percent: -37.5 });
    expect(r.change.returning.buyers).toEqual({ absolute: 0, percent: 0 });
  });

  it('with a channel filter, a first purchase in that channel makes a new buyer', async () => {
    const all = await campaign({ from: '2026-05-01', to: '2026-05-31' });
    expect(all.current.new.buyers).toBe(0); // E and F bought before May
    const app = await campaign({ from: '2026-05-01', to: '2026-05-31', channel: 'app' });
    // May in the app: F new (800), E returning (1500 + 1000). Baseline 31 Mar – 30 Apr: E new.
    expect(app.current.new).toEqual({
      buyers: 1,
      orders: 1,
      revenueMinor: 800,
      averageOrderValueMinor: 800,
    });
    expect(app.current.returning).toEqual({
      buyers: 1,
      orders: 2,
      revenueMinor: 2500,
      averageOrderValueMinor: 1250,
    });
    expect(app.baseline).toMatchObject({
      from: '2026-03-31',
      to: '2026-04-30',
      new: { buyers: 1, orders: 1, revenueMinor: 6000 },
      returning: { buyers: 0 },
    });
    const champions = await campaign({
      from: '2026-05-01',
      to: '2026-05-31',
      segment: 'rfm:champions',
    });
    expect(champions.current.all).toMatchObject({ buyers: 1, revenueMinor: 2500 }); // E only
  });

  it('refuses a window that ends before it starts', async () => {
    await expect(campaign({ from: '2026-05-02', to: '2026-05-01' })).rejects.toMatchObject({
      code: 'invalid_range',
    });
  });
});

describe('over HTTP', () => {
  const get = (path: string, headers?: Record<string, string>) =>
    t.call('GET', path, undefined, headers);

  it('serves the three reports', async () => {
    const r = await get('/v1/analytics/retention?from=2026-01-01&to=2026-01-31&channel=web');
    expect(r.status).toBe(200);
    // Web gaps before February: A's 15 days (5 → 20 Jan) only → a 30-day window.
    expect(r.body).toMatchObject({
      granularity: 'month',
      activeDays: 30,
      activeWindow: {
        days: 30,
        source: 'derived',
        percentile: 80,
        gaps: 1,
        gapDays: 15,
        derivedDays: 30,
      },
      observedUntil: '2026-05-21',
      filter: { channel: 'web' },
      periods: [{ start: '2026-01-01', end: '2026-02-01', buyers: { total: 2 }, partial: false }],
    });
    const chosen = await get('/v1/analytics/retention?from=2026-05-01&to=2026-05-31&activeDays=60');
    expect(chosen.body).toMatchObject({
      activeDays: 60,
      activeWindow: { source: 'requested', days: 60, derivedDays: 90 },
      periods: [{ start: '2026-05-01', partial: true }],
    });
    const c = await get(
      '/v1/analytics/cohorts?from=2026-01-01&to=2026-01-31&segment=rfm:champions',
    );
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({
      filter: { segment: 'rfm:champions' },
      cohorts: [{ customers: 1 }],
    });
    const e = await get('/v1/analytics/campaign-effect?from=2026-04-01&to=2026-04-30');
    expect(e.status).toBe(200);
    expect(e.body.current.all.revenueMinor).toBe(8500);
  });

  it('names the bad parameter (400) and the bad range (422)', async () => {
    const cases: [string, string][] = [
      ['/v1/analytics/retention?from=2026-01-01&to=2026-01-31&granularity=day', 'granularity'],
      ['/v1/analytics/retention?from=2026-02-30&to=2026-03-31', 'from'],
      ['/v1/analytics/retention?from=2026-01-01', 'to'],
      ['/v1/analytics/retention?from=2026-01-01&to=2026-01-31&activeDays=0', 'activeDays'],
      ['/v1/analytics/retention?from=2026-01-01&to=2026-01-31&channel=fax', 'channel'],
      ['/v1/analytics/cohorts?from=2026-01-01&to=2026-01-31&segment=vip:gold', 'segment'],
      ['/v1/analytics/cohorts?from=2026-01-01&to=2026-01-31&maxOffsets=-1', 'maxOffsets'],
      ['/v1/analytics/campaign-effect?from=2026-01-01&to=tomorrow', 'to'],
    ];
    for (const [path, param] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(
        res.body.errors.map((e: { path: string }) => e.path),
        path,
      ).toContain(param);
    }
    const backwards = await get('/v1/analytics/campaign-effect?from=2026-05-01&to=2026-04-01');
    expect(backwards.status).toBe(422);
    expect(backwards.body).toMatchObject({ code: 'invalid_range', errors: [{ path: 'from' }] });
  });

  it('is for admins only', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    for (const path of ['retention', 'cohorts', 'campaign-effect']) {
      const res = await get(`/v1/analytics/${path}?from=2026-01-01&to=2026-01-31`, pos);
      expect(res.status).toBe(403);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Real data: a slice of Online Retail, checked against a plain reading of the definitions in
// TypeScript (every order loaded into memory, which only a test may do) and against invariants.

const RETAIL = resolve(
  import.meta.dirname,
  '../../shared/data/online-retail/online_retail_lines.csv.gz',
);
const hasRetail = existsSync(RETAIL);

interface RefPurchase {
  customerId: string;
  day: string;
  netMinor: number;
}

/** The purchases as docs/analytics.md defines them, read from the tables by hand. */
const loadPurchases = async (database: Database, settings: ProgrammeSettings) => {
  const orders = await database.db
    .selectFrom('sales_order')
    .select(['id', 'customer_id', 'currency', 'placed_at', 'total_minor'])
    .execute();
  const returns = await database.db
    .selectFrom('order_return')
    .select(['order_id', 'amount_minor'])
    .execute();
  const returned = new Map<string, number>();
  for (const r of returns)
    returned.set(r.order_id, (returned.get(r.order_id) ?? 0) + r.amount_minor);
  return orders
    .filter((o) => o.currency === settings.currency)
    .filter((o) => !(o.total_minor > 0 && (returned.get(o.id) ?? 0) >= o.total_minor))
    .map((o) => ({
      customerId: o.customer_id,
      day: localDate(o.placed_at, settings.timeZone),
      netMinor: o.total_minor - (returned.get(o.id) ?? 0),
    }));
};

const byCustomer = (purchases: RefPurchase[]) => {
  const days = new Map<string, string[]>();
  for (const p of purchases) days.set(p.customerId, [...(days.get(p.customerId) ?? []), p.day]);
  for (const [id, list] of days) days.set(id, [...new Set(list)].sort());
  return days;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const referenceRetention = (purchases: RefPurchase[], periods: Period[], activeDays: number) => {
  const days = byCustomer(purchases);
  const base = (b: string) =>
    new Set(
      [...days]
        .filter(([, ds]) => ds.some((d) => d >= addDaysToDate(b, -activeDays) && d < b))
        .map(([id]) => id),
    );
  return periods.map(({ start, end }) => {
    const [s, e] = [base(start), base(end)];
    const inPeriod = purchases.filter((p) => p.day >= start && p.day < end);
    const first = (id: string) => days.get(id)![0]!;
    const buyers = new Set(inPeriod.map((p) => p.customerId));
    const isNew = (id: string) => first(id) >= start;
    const gaps: number[] = [];
    for (const [, ds] of days) {
      ds.forEach((d, i) => {
        if (i > 0 && d >= start && d < end) gaps.push(daysBetween(ds[i - 1]!, d));
      });
    }
    return {
      start,
      customersAtStart: s.size,
      customersAtEnd: e.size,
      retained: [...s].filter((id) => e.has(id)).length,
      churned: [...s].filter((id) => !e.has(id)).length,
      reactivated: [...e].filter((id) => !s.has(id) && first(id) < start).length,
      buyers: buyers.size,
      newBuyers: [...buyers].filter(isNew).length,
      orders: inPeriod.length,
      newOrders: inPeriod.filter((p) => isNew(p.customerId)).length,
      revenueMinor: inPeriod.reduce((sum, p) => sum + p.netMinor, 0),
      newRevenueMinor: inPeriod
        .filter((p) => isNew(p.customerId))
        .reduce((sum, p) => sum + p.netMinor, 0),
      repeatBuyers: [...buyers].filter(
        (id) => days.get(id)!.filter((d) => d >= start && d < end).length >= 2,
      ).length,
      intervals: gaps.length,
      mean: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null,
      median: gaps.length ? median(gaps) : null,
    };
  });
};

describe.skipIf(!hasRetail)('on a slice of Online Retail', () => {
  let database: Database;
  const settings: ProgrammeSettings = { ...DEFAULT_PROGRAMME };
  let purchases: RefPurchase[];
  const source = () => retentionQueries(database.db);

  beforeAll(async () => {
    database = await openTestDatabase();
    await importOrders(
      { db: database.db, clock: systemClock },
      { file: RETAIL, format: 'online-retail', limit: 80_000, batchSize: 500 },
    );
    // Every third customer (by id) is "active": a segment to filter on.
    const customers = await database.db.selectFrom('customer').select('id').orderBy('id').execute();
    await database.db
      .insertInto('customer_analytics')
      .values(
        customers.map((c, i) => ({
          customer_id: c.id,
          as_of: new Date(),
          lifecycle_stage: i % 3 === 0 ? 'active' : 'lapsed',
        })),
      )
      .execute();
    purchases = await loadPurchases(database, settings);
  });
  afterAll(() => database.close());

  const configs = [
    { granularity: 'week', activeDays: 7, from: '2010-11-20' },
    { granularity: 'week', activeDays: 30, from: '2010-11-20' },
    { granularity: 'month', activeDays: 365, from: '2010-11-20' },
    // Shorter than a period: customers lapse inside it.
    { granularity: 'month', activeDays: 10, from: '2010-11-20' },
    // Starting after the data does: history before (from − activeDays) is folded per customer.
    { granularity: 'week', activeDays: 7, from: '2011-01-10' },
    { granularity: 'week', activeDays: 20, from: '2011-01-24' },
  ] as const;

  it.each(configs)(
    'retention by $granularity, active $activeDays days, as read by hand',
    async (c) => {
      const query = RetentionQuerySchema.parse({ ...c, from: '2010-11-20', to: '2011-02-20' });
      const report = await retentionReport(
        { retention: source(), programme: settings, clock: systemClock },
        query,
      );
      const expected = referenceRetention(
        purchases,
        periodsCovering(c.granularity, query.from, query.to),
        c.activeDays,
      );
      expect(report.periods.map((p) => p.start)).toEqual(expected.map((x) => x.start));
      report.periods.forEach((p, i) => {
        const x = expected[i]!;
        expect({
          start: p.start,
          customersAtStart: p.customers.atStart,
          customersAtEnd: p.customers.atEnd,
          retained: p.customers.retained,
          churned: p.customers.churned,
          reactivated: p.customers.reactivated,
          buyers: p.buyers.total,
          newBuyers: p.buyers.new,
          orders: p.orders.total,
          newOrders: p.orders.new,
          revenueMinor: p.revenueMinor.total,
          newRevenueMinor: p.revenueMinor.new,
          repeatBuyers: p.repeatBuyers,
          intervals: p.daysBetweenPurchases.intervals,
        }).toEqual({ ...x, mean: undefined, median: undefined });
        if (x.mean === null) expect(p.daysBetweenPurchases.mean).toBeNull();
        else expect(p.daysBetweenPurchases.mean).toBeCloseTo(x.mean, 9);
        expect(p.daysBetweenPurchases.median).toBe(x.median);
        // Everyone at the end was at the start and stayed, is new, or came back (when the active
        // window is at least a period long, a new customer is still active at the period's end).
        if (c.activeDays >= 31) {
          expect(
            p.customers.atStart - p.customers.churned + p.customers.new + p.customers.reactivated,
          ).toBe(p.customers.atEnd);
        }
        expect(p.customers.atStart - p.customers.churned).toBeGreaterThanOrEqual(0);
        // CRR is the share of S kept, so it never leaves 0..100 and churn is its complement.
        if (x.customersAtStart > 0) {
          expect(p.retentionRatePct).toBeCloseTo((x.retained / x.customersAtStart) * 100, 9);
          expect(p.retentionRatePct! + p.churnRatePct!).toBeCloseTo(100, 9);
        }
        // Whatever the window, the end base is made of kept, reactivated and new customers.
        expect(p.customers.atEnd).toBeLessThanOrEqual(
          p.customers.retained + p.customers.reactivated + p.customers.new,
        );
      });
    },
  );

  it('the derived window is the 80th percentile of the gaps between purchase days, by hand', async () => {
    const query = RetentionQuerySchema.parse({ from: '2010-12-01', to: '2011-01-31' });
    const report = await retentionReport(
      { retention: source(), programme: settings, clock: systemClock },
      query,
    );
    const gaps: number[] = [];
    for (const [, ds] of byCustomer(purchases.filter((p) => p.day < '2011-02-01'))) {
      ds.forEach((d, i) => {
        if (i > 0) gaps.push(daysBetween(ds[i - 1]!, d));
      });
    }
    gaps.sort((a, b) => a - b);
    // percentile_disc: the first gap whose position reaches 80 % of them.
    const p80 = gaps[Math.max(1, Math.ceil(0.8 * gaps.length)) - 1]!;
    expect(report.activeWindow).toMatchObject({
      source: 'derived',
      gaps: gaps.length,
      gapDays: p80,
    });
    expect(report.activeDays).toBe([30, 60, 90, 180, 365].find((d) => p80 <= d));
  });

  it('the segment filter restricts the customers, as read by hand', async () => {
    const active = new Set(
      (
        await database.db
          .selectFrom('customer_analytics')
          .select('customer_id')
          .where('lifecycle_stage', '=', 'active')
          .execute()
      ).map((r) => r.customer_id),
    );
    const query = RetentionQuerySchema.parse({
      granularity: 'week',
      from: '2010-12-01',
      to: '2011-02-20',
      activeDays: 14,
      segment: 'lifecycle:active',
    });
    const report = await retentionReport(
      { retention: source(), programme: settings, clock: systemClock },
      query,
    );
    const expected = referenceRetention(
      purchases.filter((p) => active.has(p.customerId)),
      periodsCovering('week', query.from, query.to),
      14,
    );
    expect(
      report.periods.map((p) => [p.customers.atStart, p.customers.churned, p.revenueMinor.total]),
    ).toEqual(expected.map((x) => [x.customersAtStart, x.churned, x.revenueMinor]));
  });

  it('cohorts: offset 0 is 100 %, sizes add up to the new customers, cells match by hand', async () => {
    const query = CohortQuerySchema.parse({
      granularity: 'week',
      from: '2010-12-01',
      to: '2011-02-20',
    });
    const report = await cohortReport(
      { cohorts: cohortQueries(database.db), programme: settings, clock: systemClock },
      query,
    );
    const lastDay = purchases
      .map((p) => p.day)
      .sort()
      .at(-1)!;
    expect(report.observedUntil).toBe(addDaysToDate(lastDay, 1));
    const retention = await retentionReport(
      { retention: source(), programme: settings, clock: systemClock },
      RetentionQuerySchema.parse({ granularity: 'week', from: query.from, to: query.to }),
    );
    expect(report.cohorts.map((c) => c.customers)).toEqual(
      retention.periods.map((p) => p.customers.new),
    );
    const days = byCustomer(purchases);
    for (const cohort of report.cohorts) {
      if (cohort.customers > 0) expect(cohort.cells[0]!.retentionPct).toBe(100);
      const members = [...days].filter(([, ds]) => periodStartOf('week', ds[0]!) === cohort.start);
      expect(members.length).toBe(cohort.customers);
      for (const cell of cohort.cells) {
        if (cell.customers === null) {
          expect(cell.start >= report.observedUntil!).toBe(true);
          continue;
        }
        const ids = new Set(members.map(([id]) => id));
        const inCell = purchases.filter(
          (p) => ids.has(p.customerId) && p.day >= cell.start && p.day < cell.end,
        );
        expect(cell.customers).toBe(new Set(inCell.map((p) => p.customerId)).size);
        expect(cell.revenueMinor).toBe(inCell.reduce((sum, p) => sum + p.netMinor, 0));
      }
    }
  });

  it('campaign effect agrees with the retention figures of the same month', async () => {
    const effect = await campaignEffectFromQuery(
      { campaignEffect: campaignEffectQueries(database.db), programme: settings },
      CampaignEffectQuerySchema.parse({ from: '2011-01-01', to: '2011-01-31' }),
    );
    const jan = month(
      await retentionReport(
        { retention: source(), programme: settings, clock: systemClock },
        RetentionQuerySchema.parse({ from: '2011-01-01', to: '2011-01-31' }),
      ),
      '2011-01-01',
    );
    expect(effect.current.all).toMatchObject({
      buyers: jan.buyers.total,
      orders: jan.orders.total,
      revenueMinor: jan.revenueMinor.total,
      averageOrderValueMinor: jan.averageOrderValueMinor,
    });
    expect(effect.current.new).toMatchObject({
      buyers: jan.buyers.new,
      orders: jan.orders.new,
      revenueMinor: jan.revenueMinor.new,
    });
    // The baseline is the 31 days before: 1 – 31 December 2010, the first month of the data.
    expect(effect.baseline).toMatchObject({ from: '2010-12-01', to: '2010-12-31' });
    const dec = purchases.filter((p) => p.day >= '2010-12-01' && p.day <= '2010-12-31');
    expect(effect.baseline.all.revenueMinor).toBe(dec.reduce((sum, p) => sum + p.netMinor, 0));
    expect(effect.baseline.new.buyers).toBe(new Set(dec.map((p) => p.customerId)).size);
  });
});
