import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchPostgres, testDatabaseKind } from './support/database.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/**
 * The README's promises across server processes, on two real `regulars serve` processes sharing
 * one PostgreSQL database: a revoked API key stops working everywhere within 5 seconds, and
 * programme settings changed on one process apply on the other within 2 seconds. PGlite has one
 * owner per directory, so this runs in the postgres project only.
 */
const KEY_PROMISE_MS = 5_000;
const SETTINGS_PROMISE_MS = 2_000;
/**
 * What a measurement may overshoot by: the polling step plus one request's own time, which on a
 * loaded 2-core CI machine can reach several hundred milliseconds.
 */
const MARGIN_MS = 1_000;
const POLL_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(testDatabaseKind() !== 'postgres')('two server processes on one database', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let a: ServerProcess;
  let b: ServerProcess;
  const ADMIN_KEY = 'two-servers-admin-0123456789abcdef';

  beforeAll(async () => {
    scratch = await createScratchPostgres();
    const env = { DATABASE_URL: scratch.url, REGULARS_ADMIN_KEY: ADMIN_KEY };
    // One after the other: both would migrate the same database at start.
    a = await startServerProcess(env);
    b = await startServerProcess(env);
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await scratch?.drop();
  });

  const call = async (
    server: ServerProcess,
    method: string,
    path: string,
    key = ADMIN_KEY,
    body?: unknown,
  ) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  /** Milliseconds from now until `done` holds, polling; fails past `limitMs`. */
  const msUntil = async (done: () => Promise<boolean>, limitMs: number) => {
    const started = performance.now();
    while (!(await done())) {
      if (performance.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
      await sleep(POLL_MS);
    }
    return performance.now() - started;
  };

  it('a key revoked on one process is refused by the other within 5 seconds', async () => {
    const created = await call(a, 'POST', '/v1/api-keys', ADMIN_KEY, {
      name: 'till-b',
      role: 'pos',
    });
    expect(created.status).toBe(201);
    const { id, secret } = created.body as { id: string; secret: string };
    // B checks the key and keeps it in its cache.
    expect((await call(b, 'GET', '/v1/customers', secret)).status).toBe(200);

    expect((await call(a, 'POST', `/v1/api-keys/${id}/revoke`)).status).toBe(200);
    expect((await call(a, 'GET', '/v1/customers', secret)).status).toBe(401);
    const ms = await msUntil(
      async () => (await call(b, 'GET', '/v1/customers', secret)).status === 401,
      KEY_PROMISE_MS + MARGIN_MS,
    );
    console.log(`two-servers: revoked key refused by the other process after ${Math.round(ms)} ms`);
    expect(ms).toBeLessThanOrEqual(KEY_PROMISE_MS + MARGIN_MS);
    // And it stays refused.
    await sleep(200);
    expect((await call(b, 'GET', '/v1/customers', secret)).status).toBe(401);
  }, 30_000);

  it('programme settings changed on one process apply on the other within 2 seconds', async () => {
    const before = await call(b, 'GET', '/v1/programme');
    expect(before.status).toBe(200);
    const { currency, pointsPerCurrencyUnit: rate } = before.body as {
      currency: string;
      pointsPerCurrencyUnit: number;
    };
    const next = rate === 7 ? 9 : 7;
    const customer = await call(b, 'POST', '/v1/customers', ADMIN_KEY, {
      email: `two-servers-${Date.now()}@example.com`,
    });
    expect(customer.status).toBe(201);
    let orders = 0;
    /** Points an order of 10.00 ingested on B earns now: what B applies, not what it shows. */
    const earnedOnB = async () => {
      orders += 1;
      const order = await call(b, 'POST', '/v1/orders', ADMIN_KEY, {
        externalId: `two-servers-${Date.now()}-${orders}`,
        customerId: customer.body.id,
        currency,
        placedAt: new Date().toISOString(),
        lines: [{ sku: 'MUG', quantity: 1, unitPriceMinor: 1000 }],
      });
      expect(order.status).toBe(201);
      return order.body.points.earned as number;
    };
    // B has just read the settings, so its cache holds the old ones.
    expect(await earnedOnB()).toBe(10 * rate);

    const patched = await call(a, 'PATCH', '/v1/programme', ADMIN_KEY, {
      pointsPerCurrencyUnit: next,
    });
    expect(patched.status).toBe(200);
    const ms = await msUntil(
      async () => (await earnedOnB()) === 10 * next,
      SETTINGS_PROMISE_MS + MARGIN_MS,
    );
    console.log(
      `two-servers: the other process earned at the new rate after ${Math.round(ms)} ms (${orders} orders)`,
    );
    expect(ms).toBeLessThanOrEqual(SETTINGS_PROMISE_MS + MARGIN_MS);
    expect((await call(b, 'GET', '/v1/programme')).body.pointsPerCurrencyUnit).toBe(next);
  }, 30_000);
});
