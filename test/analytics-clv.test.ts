import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPurchases } from '../src/cli/clv/read-purchases.js';
import { importOrders } from '../src/cli/import/index.js';
import {
  fitModel,
  summarisePurchases,
  type CustomerSummary,
} from '../src/core/analytics/clv/index.js';
import { DEFAULT_PROGRAMME } from '../src/core/programme/programme.js';
import { clvSource } from '../src/db/analytics/clv.queries.js';
import { repositoriesFor } from '../src/db/repositories.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';

const SAMPLE = resolve(import.meta.dirname, '../../shared/data/cdnow/CDNOW_sample.txt');
const hasSample = existsSync(SAMPLE);
const SCOPE = { currency: 'USD', timeZone: 'Europe/London' };
const CALIBRATION = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' };

// Fader, Hardie & Lee (2005), as quoted in ../shared/data/README.md.
const PUBLISHED_BGNBD = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const PUBLISHED_BGNBD_LL = -9582.4;

const within = (actual: number, expected: number, share: number) =>
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(share);

/** Summaries without their ids, sorted, so the database's and the file's can be compared. */
const shapeOf = (customers: readonly CustomerSummary[]) =>
  customers
    .map((c) => [c.frequency, c.recency, c.age, Math.round(c.meanRepeatSpendMinor * 1e6)].join(':'))
    .sort();

describe.skipIf(!hasSample)(
  `CLV from the database${hasSample ? '' : ' (skipped: ../shared/data/cdnow/CDNOW_sample.txt not found)'}`,
  () => {
    let app: TestApp;
    // Midday on the last calibration day, so the stored refresh fits exactly the published data.
    const clock = manualClock(new Date('1997-09-30T11:00:00Z'));

    beforeAll(async () => {
      app = await startTestApp({ clock });
      await repositoriesFor(app.database.db).programmeStore.save({
        ...DEFAULT_PROGRAMME,
        currency: 'USD',
      });
      // The holdout's purchases lie up to nine months after this clock: the import must take them.
      const summary = await importOrders(
        { db: app.database.db, clock, maxFutureSkewMinutes: 366 * 24 * 60 },
        { file: SAMPLE, format: 'cdnow' },
      );
      expect(summary.orders.new).toBe(6_919);
    });
    afterAll(() => app?.close());

    it('summarises customers in SQL exactly as the file path does', async () => {
      const fromDb = await clvSource(app.database.db, SCOPE).summaries(CALIBRATION);
      const file = await readPurchases(SAMPLE, { format: 'cdnow' });
      const fromFile = summarisePurchases(file.log, CALIBRATION);

      expect(fromDb.customers).toHaveLength(2_357);
      expect(shapeOf(fromDb.customers)).toEqual(shapeOf(fromFile.customers));
      const repeats = fromDb.customers.reduce((sum, c) => sum + c.frequency, 0);
      expect(repeats).toBe(2_457);
      expect(fromDb.customers.filter((c) => c.frequency === 0)).toHaveLength(1_411);
      const holdout = fromDb.holdout!.reduce((sum, h) => sum + h.repeatPurchases, 0);
      expect(holdout).toBe(1_882);

      const dbFit = fitModel('bgnbd', fromDb.customers);
      const fileFit = fitModel('bgnbd', fromFile.customers);
      for (const [name, value] of Object.entries(fileFit.params)) {
        within(dbFit.params[name]!, value, 1e-6);
      }
      for (const [name, value] of Object.entries(PUBLISHED_BGNBD)) {
        within(dbFit.params[name]!, value, 0.005);
      }
      within(dbFit.logLikelihood, PUBLISHED_BGNBD_LL, 0.005);

      // The tracking curve's actual side, counted per week in SQL: 78 weeks from 1997-01-01,
      // ending at the 2,457 calibration + 1,882 holdout repeat purchases.
      const perWeek = await clvSource(app.database.db, SCOPE).weeklyRepeatPurchases({
        calibrationEnd: '1997-09-30',
        start: '1997-01-01',
        end: '1998-06-30',
      });
      expect(perWeek).toHaveLength(78);
      expect(perWeek.slice(0, 39).reduce((a, b) => a + b, 0)).toBe(2_457);
      expect(perWeek.reduce((a, b) => a + b, 0)).toBe(2_457 + 1_882);
    });

    it('refreshes, stores and serves the fit, P(alive) and CLV per customer', async () => {
      const refresh = await app.call('POST', '/v1/analytics/refresh', {
        clv: { model: 'bgnbd', horizonWeeks: 39, holdoutWeeks: 13 },
      });
      expect(refresh.status).toBe(200);
      expect(refresh.body.clv.status).toBe('fitted');
      const run = refresh.body.clv.run;
      expect(run.calibrationEnd).toBe('1997-09-30');
      expect(run.customers).toBe(2_357);
      for (const [name, value] of Object.entries(PUBLISHED_BGNBD)) {
        within(run.params[name], value, 0.005);
      }
      within(run.logLikelihood, PUBLISHED_BGNBD_LL, 0.005);
      // Identifiable, with standard errors from the observed information (r ± 0.0126).
      expect(run.fitCheck).toMatchObject({ identifiable: true, notIdentifiableReason: null });
      within(run.fitCheck.standardErrors.r, 0.01256, 0.01);
      // Gamma-Gamma on the 946 repeat buyers: p = 6.25, q = 3.74, γ = 15.44 in dollars (the
      // programme's currency), not 1544 cents; ln L on dollars as published: −4055.92.
      within(run.spendParams.p, 6.25, 0.005);
      within(run.spendParams.gamma, 15.44, 0.005);
      expect(run.spendMoney).toMatchObject({
        currency: 'USD',
        minorDigits: 2,
        parameters: ['gamma'],
      });
      within(run.spendLogLikelihood, -4055.9177, 1e-5);
      expect(run.spendFitCheck.identifiable).toBe(true);
      within(run.spendFitCheck.standardErrors.gamma, 4.16, 0.01);
      expect(run.validationFitCheck.identifiable).not.toBeNull();

      const overview = await app.call('GET', '/v1/analytics/clv?limit=5');
      expect(overview.status).toBe(200);
      expect(overview.body.run.id).toBe(run.id);
      expect(overview.body.run.spendParams.gamma).toBe(run.spendParams.gamma);
      expect(overview.body.run.fitCheck).toEqual(run.fitCheck);
      expect(overview.body.distribution.customersWithClv).toBe(2_357);
      expect(overview.body.topCustomers).toHaveLength(5);
      const top = overview.body.topCustomers[0];
      expect(top.clvMinor).toBeGreaterThanOrEqual(overview.body.topCustomers[4].clvMinor);

      const one = await app.call('GET', `/v1/customers/${top.customerId}/analytics`);
      expect(one.status).toBe(200);
      expect(one.body.clv.modelRunId).toBe(run.id);
      expect(one.body.clv.pAlive).toBeGreaterThan(0);
      expect(one.body.clv.pAlive).toBeLessThanOrEqual(1);
      expect(one.body.clv.clvMinor).toBe(top.clvMinor);

      // The validation refit (13 weeks before 1997-09-30) and its pictures.
      const validation = run.details.validation;
      expect(validation.calibrationEnd).toBe('1997-07-01');
      const last = validation.tracking.at(-1);
      expect(last.actualCumulative).toBe(2_457);
      expect(Math.abs(last.expectedCumulative - 2_457) / 2_457).toBeLessThan(0.1);
      for (const chart of ['clv-validation', 'clv-tracking']) {
        const svg = await app.call('GET', `/v1/analytics/charts/${chart}.svg`);
        expect(svg.status).toBe(200);
        expect(String(svg.body)).toMatch(/^<svg/);
      }

      const atRisk = await app.call('GET', '/v1/analytics/clv/at-risk?maxPAlive=0.3&limit=10');
      expect(atRisk.status).toBe(200);
      for (const c of atRisk.body.customers) expect(c.pAlive).toBeLessThan(0.3);

      // The default list: the tenth of the 946 repeat buyers (two or more purchase days) with the
      // lowest P(alive): the cut-off is the 95th smallest (⌈0.1 × 946⌉), ties included.
      const repeat = await app.database.db
        .selectFrom('customer_analytics')
        .select('p_alive')
        .where('frequency', '>=', 2)
        .where('p_alive', 'is not', null)
        .orderBy('p_alive')
        .execute();
      expect(repeat).toHaveLength(946);
      const cutOff = Number(repeat[94]!.p_alive);
      const byDefault = await app.call('GET', '/v1/analytics/clv/at-risk?limit=10');
      expect(byDefault.status).toBe(200);
      expect(byDefault.body).toMatchObject({ byShare: true, maxPAlive: cutOff });
      expect(byDefault.body.total).toBe(repeat.filter((r) => Number(r.p_alive) <= cutOff).length);
      expect(byDefault.body.total).toBeGreaterThanOrEqual(95);
      expect(byDefault.body.customers).toHaveLength(10);
      for (const c of byDefault.body.customers) expect(c.pAlive).toBeLessThanOrEqual(cutOff);
      expect(byDefault.body.definition.rule).toBe(
        'the 10 % of repeat buyers with the lowest P(alive)',
      );
    });

    it('refuses bad CLV settings with the field named and writes nothing', async () => {
      const before = await app.call('GET', '/v1/analytics/clv');
      const bad = await app.call('POST', '/v1/analytics/refresh', {
        clv: { model: 'gompertz', horizonWeeks: -1 },
      });
      expect(bad.status).toBe(400);
      const paths = bad.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['clv.model', 'clv.horizonWeeks']));
      const after = await app.call('GET', '/v1/analytics/clv');
      expect(after.body.run.id).toBe(before.body.run.id);
    });
  },
);

describe('CLV refresh on too little data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  it('keeps the RFM refresh and says why no model was fitted', async () => {
    const res = await app.call('POST', '/v1/analytics/refresh', {});
    expect(res.status).toBe(200);
    expect(res.body.clv.status).toBe('not_fitted');
    expect(res.body.clv.reason).toMatch(/customer/i);
    const overview = await app.call('GET', '/v1/analytics/clv');
    expect(overview.body.run).toBeNull();
  });
});
