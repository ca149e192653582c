import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, points } from './support/fixtures.js';
import { startPrimaryWithStandby, type PrimaryWithStandby } from './support/standby.js';

// DATABASE_READ_URL against a real streaming standby of a primary this file starts itself
// (initdb + pg_basebackup, test/support/standby.ts). It runs in the postgres project only
// (vitest.config.ts): PGlite has no replicas.

const buyersAt = async (t: TestApp): Promise<number> => {
  const res = await t.call('GET', '/v1/analytics/kpis');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.buyers as number;
};

const previewSize = async (t: TestApp): Promise<number> => {
  const res = await t.call('POST', '/v1/segments/preview', {
    definition: { schemaVersion: 1, filter: { field: 'orderCount', gte: 1 } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.size as number;
};

const placeOrder = async (t: TestApp, customerId: string) => {
  const res = await t.call('POST', '/v1/orders', orderBody(customerId));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('read replica (DATABASE_READ_URL)', () => {
  let servers: PrimaryWithStandby;
  let t: TestApp;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let started = performance.now();
    servers = await startPrimaryWithStandby({ database: 'regulars' });
    timings.clustersMs = Math.round(performance.now() - started);
    started = performance.now();
    const database = await openDatabase({
      databaseUrl: servers.primaryUrl,
      readUrl: servers.standbyUrl,
      dataDir: '',
      poolSize: 8,
    });
    await migrateToLatest(database.db);
    t = await startTestApp({ database });
    await servers.caughtUp();
    timings.migrateAndCatchUpMs = Math.round(performance.now() - started);
  });

  afterAll(async () => {
    await t?.close();
    await servers?.stop();
    console.info('read-replica timings', timings);
  });

  it('serves reports from the standby, a replication delay behind, and balances from the primary', async () => {
    const first = await createCustomer(t);
    await placeOrder(t, first.id);
    await servers.caughtUp();
    expect(await buyersAt(t)).toBe(1);
    expect(await previewSize(t)).toBe(1);

    // With replay paused the standby is a frozen past: what reports show now can only come from it.
    await servers.pauseReplay();
    try {
      const second = await createCustomer(t);
      const earned = await placeOrder(t, second.id);
      expect(earned.order.pointsEarned).toBeGreaterThan(0);
      // /health shows the WAL the paused standby has still to replay.
      const health = await t.call('GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body.replica).toMatchObject({ status: 'ok' });
      expect(health.body.replica.lagBytes).toBeGreaterThan(0);
      expect(await buyersAt(t)).toBe(1);
      expect(await previewSize(t)).toBe(1);
      // A member sees their own just-earned points, and the customer 360 knows them: primary reads.
      expect((await points(t, second.id)).pending).toBe(earned.order.pointsEarned);
      const analytics = await t.call('GET', `/v1/customers/${second.id}/analytics`);
      expect(analytics.status, JSON.stringify(analytics.body)).toBe(200);
    } finally {
      await servers.resumeReplay();
    }
    await servers.caughtUp();
    expect(await buyersAt(t)).toBe(2);
    expect(await previewSize(t)).toBe(2);
  });

  it('sends exactly the reads docs/scale.md lists to the standby', async () => {
    const customer = await createCustomer(t);
    await placeOrder(t, customer.id);
    await servers.caughtUp();
    const month = 'from=2026-01-01&to=2026-01-31';
    const onStandby: [string, string, unknown?][] = [
      ['GET', '/v1/analytics/range'],
      ['GET', '/v1/analytics/kpis'],
      ['GET', `/v1/analytics/retention?${month}`],
      ['GET', `/v1/analytics/cohorts?${month}`],
      ['GET', `/v1/analytics/campaign-effect?${month}`],
      ['GET', '/v1/analytics/rfm'],
      ['GET', '/v1/analytics/rfm/customers?segment=champions'],
      ['GET', '/v1/analytics/lifecycle'],
      ['GET', '/v1/analytics/clv'],
      ['GET', '/v1/analytics/clv/at-risk'],
      ['GET', '/v1/analytics/at-risk'],
      ['GET', '/v1/analytics/charts/rfm.svg'],
      ['GET', `/v1/analytics/charts/cohorts.svg?${month}`],
      ['GET', '/v1/programme/liability'],
      ['GET', '/v1/referrals/stats'],
      ['GET', `/v1/feedback/nps?${month}`],
      [
        'POST',
        '/v1/segments/preview',
        { definition: { schemaVersion: 1, filter: { field: 'orderCount', gte: 1 } } },
      ],
      [
        'POST',
        '/v1/rules/simulate',
        {
          rule: {
            schemaVersion: 1,
            name: 'draft',
            trigger: 'order.placed',
            effects: [{ type: 'points.fixed', points: 5 }],
          },
          days: 30,
        },
      ],
    ];
    const onPrimary: [string, string][] = [
      ['GET', `/v1/customers/${customer.id}`],
      ['GET', `/v1/customers/${customer.id}/points`],
      ['GET', `/v1/customers/${customer.id}/analytics`],
      ['GET', `/v1/customers/${customer.id}/orders`],
      ['GET', '/v1/customers'],
      ['GET', '/v1/segments'],
      ['GET', '/v1/rules'],
    ];
    const statementsOf = async ([method, path, body]: [string, string, unknown?]) => {
      const before = await servers.standbyStatements('regulars');
      const res = await t.call(method, path, body);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(200);
      return (await servers.standbyStatements('regulars')) - before;
    };
    for (const route of onStandby) {
      expect(await statementsOf(route), `${route[0]} ${route[1]} on the standby`).toBeGreaterThan(
        0,
      );
    }
    for (const route of onPrimary) {
      expect(await statementsOf(route), `${route[0]} ${route[1]} on the primary`).toBe(0);
    }
  });

  it('reports an unreachable replica on /health without failing it', async () => {
    const unreachable = await openDatabase({
      databaseUrl: servers.primaryUrl,
      // Port 1: nothing listens there, so every connection is refused.
      readUrl: 'postgres://postgres@127.0.0.1:1/regulars?connect_timeout=2',
      dataDir: '',
      poolSize: 1,
    });
    const other = await startTestApp({ database: unreachable });
    try {
      const health = await other.call('GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({
        status: 'ok',
        replica: { status: 'unavailable', lagBytes: null, lagSeconds: null },
      });
    } finally {
      await other.close();
    }
    await servers.caughtUp();
    const healthy = await t.call('GET', '/health');
    expect(healthy.body.replica.status).toBe('ok');
    expect(healthy.body.replica.lagBytes).toBeGreaterThanOrEqual(0);
  });

  it('refuses writes on the read pool, even when DATABASE_READ_URL names the primary', async () => {
    const write = (db: typeof t.database.db) =>
      sql`update customer set first_name = 'Mallory'`.execute(db);
    await expect(write(t.database.readDb)).rejects.toThrow(/read-only transaction/);

    const onPrimary = await openDatabase({
      databaseUrl: servers.primaryUrl,
      readUrl: servers.primaryUrl,
      dataDir: '',
      poolSize: 1,
    });
    try {
      const { rows } = await sql<{
        on: string;
      }>`select current_setting('default_transaction_read_only') as on`.execute(onPrimary.readDb);
      expect(rows[0]!.on).toBe('on');
      await expect(write(onPrimary.readDb)).rejects.toThrow(
        /cannot execute UPDATE in a read-only transaction/,
      );
      // The same server through the write pool takes it: the refusal is the read pool's own.
      await expect(write(onPrimary.db)).resolves.toBeDefined();
    } finally {
      await onPrimary.close();
    }
  });

  it('answers reports from the standby while the primary takes orders', async () => {
    const customers = await Promise.all(Array.from({ length: 8 }, () => createCustomer(t)));
    await servers.caughtUp();
    const buyersBefore = await buyersAt(t);
    const statementsBefore = await servers.standbyStatements('regulars');
    const reports = 24;
    const started = performance.now();
    const [orders, answers] = await Promise.all([
      Promise.all(customers.flatMap((c) => [placeOrder(t, c.id), placeOrder(t, c.id)])),
      Promise.all(
        Array.from({ length: reports }, (_, i) =>
          i % 2 === 0 ? buyersAt(t) : t.call('GET', '/v1/analytics/range'),
        ),
      ),
    ]);
    timings.concurrentPhaseMs = Math.round(performance.now() - started);
    expect(orders).toHaveLength(16);
    for (const answer of answers) {
      if (typeof answer === 'number') expect(answer).toBeGreaterThanOrEqual(buyersBefore);
      else expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    }
    // Every report ran its queries on the standby: at least one statement there per report.
    // (Orders cannot be what it counts: a standby runs no writes.)
    const statements = (await servers.standbyStatements('regulars')) - statementsBefore;
    expect(statements).toBeGreaterThanOrEqual(reports);
    timings.standbyStatementsDuringLoad = statements;
    await servers.caughtUp();
    expect(await buyersAt(t)).toBe(buyersBefore + customers.length);
  });
});
