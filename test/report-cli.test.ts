import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerReportCommand } from '../src/cli/report/report.command.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';
import { runCli } from './support/run-cli.js';

/** Runs `regulars report …` in-process against the test database. */
const runReport = (app: TestApp, args: string[]) =>
  runCli(['report', ...args], (program) =>
    registerReportCommand(program, async () => ({ db: app.database.db, close: async () => {} })),
  );

describe('regulars report', () => {
  let app: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'regulars-report-'));

  beforeAll(async () => {
    app = await startTestApp();
    // Two customers: one buys in January and again in March, the other once in February.
    const ann = await createCustomer(app);
    const bob = await createCustomer(app);
    for (const [customer, placedAt] of [
      [ann.id, '2026-01-10T12:00:00Z'],
      [bob.id, '2026-02-05T12:00:00Z'],
      [ann.id, '2026-03-15T12:00:00Z'],
    ] as const) {
      const res = await app.call('POST', '/v1/orders', orderBody(customer, { placedAt }));
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints monthly retention as JSON with the figures of the definitions', async () => {
    const { stdout, exitCode } = await runReport(app, [
      'retention',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--json',
    ]);
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.periods.map((p: { start: string }) => p.start)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
    // March: base at start = {ann, bob}, at end the same, no new customer: CRR = (2 − 0) / 2.
    const march = report.periods[2];
    expect(march.customers).toMatchObject({ atStart: 2, atEnd: 2, new: 0 });
    expect(march.retentionRatePct).toBe(100);
    expect(march.orders.total).toBe(1);
    // One gap (ann: 10 Jan → 15 Mar = 64 days), so p80 = 64 → a 90-day window. The data ends on
    // 15 March, so March is partial.
    expect(report.activeWindow).toMatchObject({
      days: 90,
      source: 'derived',
      gaps: 1,
      gapDays: 64,
    });
    expect(report.observedUntil).toBe('2026-03-16');
    expect(report.periods.map((p: { partial: boolean }) => p.partial)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('says in the table which active window it used and which periods are partial', async () => {
    const derived = await runReport(app, [
      'retention',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
    ]);
    expect(derived.stdout).toContain(
      'purchase in the last 90 days (derived: p80 of 1 gaps between purchase days = 64 days)',
    );
    expect(derived.stdout).toMatch(/^2026-03-01 +partial /m);
    expect(derived.stdout).toMatch(/^2026-02-01 +\d/m);
    const chosen = await runReport(app, [
      'retention',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--active-days',
      '30',
    ]);
    expect(chosen.stdout).toContain('30 days (chosen; derived default 90 days');
  });

  it('prints cohorts as CSV and draws the heat map and the curves', async () => {
    const heat = join(dir, 'cohorts.svg');
    const curves = join(dir, 'curves.svg');
    const { stdout, exitCode } = await runReport(app, [
      'cohorts',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--csv',
      '--svg',
      heat,
      '--curves',
      curves,
    ]);
    expect(exitCode).toBe(0);
    const lines = stdout.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^cohort,customers,p0,p1,p2/);
    expect(lines[1]).toMatch(/^2026-01-01,1,100,0,100/);
    expect(readFileSync(heat, 'utf8')).toMatch(/^<svg[^>]+role="img"/);
    expect(readFileSync(curves, 'utf8')).toContain('2026-01-01');
  });

  it('refreshes RFM before printing it, and prints programme KPIs', async () => {
    const rfm = await runReport(app, ['rfm', '--refresh', '--as-of', '2026-03-31', '--json']);
    expect(rfm.exitCode).toBe(0);
    expect(rfm.stderr).toMatch(/refreshed 2 customers \(2 with purchases\)/);
    const summary = JSON.parse(rfm.stdout);
    expect(summary.withPurchases).toBe(2);
    const kpis = await runReport(app, [
      'kpis',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
      '--json',
    ]);
    expect(kpis.exitCode).toBe(0);
    expect(JSON.parse(kpis.stdout).buyers).toBe(2);
  });

  it('serves the same pictures over HTTP, and refuses a bad query with the field named', async () => {
    for (const path of [
      '/v1/analytics/charts/cohorts.svg?from=2026-01-01&to=2026-03-31',
      '/v1/analytics/charts/cohorts.svg?from=2026-01-01&to=2026-03-31&metric=revenue',
      '/v1/analytics/charts/retention-curves.svg?from=2026-01-01&to=2026-03-31',
      '/v1/analytics/charts/retention.svg?from=2026-01-01&to=2026-03-31&granularity=week',
      '/v1/analytics/charts/rfm.svg',
    ]) {
      const res = await app.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(String(res.body)).toMatch(/^<svg/);
    }
    const bad = await app.call(
      'GET',
      '/v1/analytics/charts/cohorts.svg?from=2026-01-01&to=x&metric=pie',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['to', 'metric']),
    );
    // The partial March is left out of the trend picture unless asked for.
    const trend = (query: string) =>
      app.call('GET', `/v1/analytics/charts/retention.svg?from=2026-01-01&to=2026-03-31${query}`);
    expect(String((await trend('')).body)).not.toContain('2026-03-01');
    expect(String((await trend('&includePartial=true')).body)).toContain('2026-03-01 (partial)');
    const none = await app.call('GET', '/v1/analytics/charts/clv-validation.svg');
    expect(none.status).toBe(409);
  });

  it('names the option at fault and exits 1', async () => {
    const { stderr, exitCode } = await runReport(app, [
      'retention',
      '--from',
      '2026-13-01',
      '--segment',
      'rfm:bogus',
    ]);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/--from: /);
    expect(stderr).toMatch(/--segment: /);
  });
});
