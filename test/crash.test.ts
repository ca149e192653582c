import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/dialect.js';
import type { DB } from '../src/db/schema.js';
import { createScratchPostgres, testDatabaseKind } from './support/database.js';
import { freeLoopbackPort } from './support/server-process.js';

/**
 * Kills the real server with SIGKILL in the middle of a burst of orders, restarts it on the same
 * data and checks that what was acknowledged survived exactly once and that nothing is half
 * written. One write is one transaction with its idempotency record, so a client that saw a 201
 * may rely on it and a client cut off may simply retry.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_KEY = `crash-admin-${randomBytes(12).toString('hex')}`;
const ORDER_COUNT = 480;
const CONCURRENCY = 16;
const KILL_AFTER_CREATED = 150;
const CUSTOMER_COUNT = 4;
const START_TIMEOUT_MS = 45_000;
const REQUEST_TIMEOUT_MS = 15_000;
const EXIT_TIMEOUT_MS = 15_000;
const BURST_TIMEOUT_MS = 90_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// The server as a child process.

interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
  output(): string;
}

const running = new Set<ChildProcess>();

/** Only what the server needs: an inherited NODE_OPTIONS or DATABASE_URL must not leak in. */
const serverEnv = (port: number, database: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TMPDIR: process.env.TMPDIR,
  PORT: String(port),
  HOST: '127.0.0.1',
  REGULARS_ADMIN_KEY: ADMIN_KEY,
  REGULARS_SETTLE_INTERVAL_MS: '0',
  LOG_LEVEL: 'warn',
  // The test project's choice (pglite-unbatched turns group commit off) reaches the server.
  REGULARS_ORDER_BATCHING: process.env.REGULARS_ORDER_BATCHING,
  ...database,
});

const spawnServer = (port: number, database: Record<string, string>): ServerProcess => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: serverEnv(port, database),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running.delete(child);
      resolve();
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
};

const isHealthy = async (url: string) => {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
    return res.status === 200;
  } catch {
    return false;
  }
};

const waitUntilHealthy = async (server: ServerProcess): Promise<boolean> => {
  let gone = false;
  void server.exited.then(() => {
    gone = true;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && !gone) {
    if (await isHealthy(server.url)) return true;
    await sleep(100);
  }
  return false;
};

/** Starts the server on a fresh loopback port; retries when the port was taken in between. */
const startServerProcess = async (database: Record<string, string>): Promise<ServerProcess> => {
  let lastOutput = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const server = spawnServer(await freeLoopbackPort(), database);
    if (await waitUntilHealthy(server)) return server;
    lastOutput = server.output();
    await killAndWait(server);
  }
  throw new Error(`the server did not become healthy:\n${lastOutput}`);
};

const waitForExit = async (server: ServerProcess, ms: number) =>
  Promise.race([server.exited.then(() => true), sleep(ms).then(() => false)]);

const killAndWait = async (server: ServerProcess) => {
  if (server.child.exitCode === null && server.child.signalCode === null)
    server.child.kill('SIGKILL');
  await waitForExit(server, EXIT_TIMEOUT_MS);
};

/** A clean stop lets PGlite close its files; a stuck server is killed rather than waited on. */
const stopServerProcess = async (server: ServerProcess) => {
  server.child.kill('SIGTERM');
  if (!(await waitForExit(server, EXIT_TIMEOUT_MS))) await killAndWait(server);
};

// ---------------------------------------------------------------------------------------------
// Talking to it.

interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

const send = async (
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    headers: res.headers,
  } satisfies Reply;
};

interface PlannedOrder {
  key: string;
  customerId: string;
  body: {
    externalId: string;
    customerId: string;
    currency: 'GBP';
    placedAt: string;
    lines: { sku: string; quantity: number; unitPriceMinor: number }[];
  };
  totalMinor: number;
  points: number;
}

/** Distinct orders; every third is old enough to post at once (a lot), the rest wait (pending). */
const planOrders = (customerIds: string[], runId: string): PlannedOrder[] =>
  Array.from({ length: ORDER_COUNT }, (_, i) => {
    const lines = Array.from({ length: 1 + (i % 3) }, (_, l) => ({
      sku: `SKU-${l}`,
      quantity: 1 + ((i + l) % 4),
      unitPriceMinor: 199 + ((i * 37 + l * 101) % 5_000),
    }));
    const totalMinor = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
    const placedAt = new Date(Date.now() - (i % 3 === 0 ? 20 : 0) * 86_400_000 - i * 1_000);
    const customerId = customerIds[i % customerIds.length]!;
    return {
      key: `crash-${runId}-${i}`,
      customerId,
      body: {
        externalId: `crash-order-${runId}-${i}`,
        customerId,
        currency: 'GBP',
        placedAt: placedAt.toISOString(),
        lines,
      },
      totalMinor,
      points: Math.floor(totalMinor / 100),
    };
  });

const sendOrder = (url: string, order: PlannedOrder) =>
  send(url, 'POST', '/v1/orders', order.body, { 'idempotency-key': order.key });

type Outcome = { kind: 'answered'; reply: Reply } | { kind: 'cut'; error: string };

interface BurstResult {
  outcomes: Map<string, Outcome>;
  /** Acknowledged orders when the kill was sent; -1 when the burst ended before reaching it. */
  killedAfter: number;
}

/**
 * Sends the orders with a fixed number of workers and SIGKILLs the server once enough have been
 * acknowledged, so requests are cut at every stage of their transaction. Nothing is sent after
 * the kill: the workers stop taking new orders. The server dies in every case, late if need be,
 * so a slow or failing run still ends and reports what it saw.
 */
const burstAndKill = async (
  server: ServerProcess,
  orders: PlannedOrder[],
): Promise<BurstResult> => {
  const outcomes = new Map<string, Outcome>();
  const deadline = Date.now() + BURST_TIMEOUT_MS;
  let next = 0;
  let created = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < orders.length && Date.now() < deadline) {
      const order = orders[next]!;
      next += 1;
      try {
        const reply = await sendOrder(server.url, order);
        outcomes.set(order.key, { kind: 'answered', reply });
        if (reply.status === 201) created += 1;
      } catch (error) {
        outcomes.set(order.key, { kind: 'cut', error: String(error) });
      }
      if (!killed && created >= KILL_AFTER_CREATED) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (!killed) server.child.kill('SIGKILL');
  return { outcomes, killedAfter: killed ? created : -1 };
};

const acknowledged = (orders: PlannedOrder[], outcomes: Map<string, Outcome>) =>
  orders.flatMap((order) => {
    const outcome = outcomes.get(order.key);
    return outcome?.kind === 'answered' && outcome.reply.status === 201
      ? [{ order, reply: outcome.reply }]
      : [];
  });

// ---------------------------------------------------------------------------------------------
// Reading the data directly once the server is gone.

const countOf = async (db: Kysely<DB>, query: RawBuilder<{ n: number }>) =>
  Number((await query.execute(db)).rows[0]?.n ?? 0);

const storedOrders = async (db: Kysely<DB>) => {
  const { rows } = await sql<{
    id: string;
    external_id: string;
    customer_id: string;
    total_minor: number;
    points_earned: number;
    line_count: number;
    line_total: number;
    earn_entries: number;
    earn_points: number;
  }>`
    select o.id, o.external_id, o.customer_id, o.total_minor, o.points_earned,
      (select count(*) from order_line l where l.order_id = o.id) as line_count,
      coalesce((select sum(l.quantity * l.unit_price_minor) from order_line l where l.order_id = o.id), 0)
        as line_total,
      (select count(*) from ledger_entry e
        where e.order_id = o.id and e.code in ('earn.order', 'earn.order.pending')) as earn_entries,
      coalesce((select sum(e.points) from ledger_entry e
        where e.order_id = o.id and e.code in ('earn.order', 'earn.order.pending')), 0) as earn_points
    from sales_order o
  `.execute(db);
  return rows.map((r) => ({
    ...r,
    line_count: Number(r.line_count),
    line_total: Number(r.line_total),
    earn_entries: Number(r.earn_entries),
    earn_points: Number(r.earn_points),
  }));
};

const memberTotals = async (db: Kysely<DB>, customerId: string) => {
  const { rows } = await sql<{
    accounts: number;
    entries: number;
    lots: number;
    open_pending: number;
  }>`
    select
      (select coalesce(sum(credits_posted - debits_posted), 0) from ledger_account
        where id in (${`${customerId}:points`}, ${`${customerId}:pending`})) as accounts,
      coalesce((select sum(points) from ledger_entry
        where credit_account_id in (${`${customerId}:points`}, ${`${customerId}:pending`})), 0)
        - coalesce((select sum(points) from ledger_entry
        where debit_account_id in (${`${customerId}:points`}, ${`${customerId}:pending`})), 0) as entries,
      coalesce((select sum(l.points - coalesce((select sum(c.points) from lot_consumption c
        where c.lot_id = l.id), 0)) from points_lot l where l.customer_id = ${customerId}), 0) as lots,
      coalesce((select sum(p.points - coalesce((select sum(s.points) from ledger_entry s
        where s.pending_entry_id = p.id), 0)) from ledger_entry p
        where p.customer_id = ${customerId} and p.code = 'earn.order.pending'), 0) as open_pending
  `.execute(db);
  const row = rows[0]!;
  return {
    accounts: Number(row.accounts),
    entries: Number(row.entries),
    lotsAndPending: Number(row.lots) + Number(row.open_pending),
  };
};

const orphanEarnEntries = (db: Kysely<DB>) =>
  countOf(
    db,
    sql<{ n: number }>`
      select count(*) as n from ledger_entry e
      where e.code in ('earn.order', 'earn.order.pending')
        and not exists (select 1 from sales_order o where o.id = e.order_id)`,
  );

const idempotencyRecords = async (db: Kysely<DB>) => {
  const { rows } = await sql<{
    key: string;
    status: number;
  }>`select key, status from idempotency_record`.execute(db);
  return rows;
};

// ---------------------------------------------------------------------------------------------

interface Storage {
  serverEnv: Record<string, string>;
  open(): Promise<Database>;
  cleanUp(): Promise<void>;
}

const prepareStorage = async (): Promise<Storage> => {
  if (testDatabaseKind() === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'regulars-crash-'));
    return {
      serverEnv: { REGULARS_DATA_DIR: dataDir },
      // PGlite is single-process: open the files only after the server has exited.
      open: () => openDatabase({ dataDir }),
      cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchPostgres();
  return {
    serverEnv: { DATABASE_URL: scratch.url },
    open: () => openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 2 }),
    cleanUp: () => scratch.drop(),
  };
};

const createCustomers = async (url: string, runId: string) => {
  const ids: string[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i += 1) {
    const res = await send(url, 'POST', '/v1/customers', {
      email: `crash-${runId}-${i}@example.test`,
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
};

/** Before the kill the server acknowledges every distinct order; the kill only cuts requests. */
const expectOnlyCreatedOrCut = (outcomes: Map<string, Outcome>) => {
  const unexpected = [...outcomes.values()].filter(
    (o) => o.kind === 'answered' && o.reply.status !== 201,
  );
  expect(unexpected).toEqual([]);
};

const expectAcknowledgedOrdersServed = async (
  url: string,
  acked: ReturnType<typeof acknowledged>,
) => {
  for (const { order, reply } of acked) {
    const res = await send(url, 'GET', `/v1/orders/${reply.body.order.id}`);
    expect(res.status, `order ${order.body.externalId} acknowledged before the kill`).toBe(200);
    expect(res.body.externalId).toBe(order.body.externalId);
    expect(res.body.pointsEarned).toBe(order.points);
    expect(res.body.lines).toHaveLength(order.body.lines.length);
  }
};

const expectReplaysIdentical = async (url: string, sample: ReturnType<typeof acknowledged>) => {
  for (const { order, reply } of sample) {
    const again = await sendOrder(url, order);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(reply.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  }
};

/** A client cut off by the crash retries with the same key and must end with one order. */
const retryCutOrders = async (
  url: string,
  orders: PlannedOrder[],
  outcomes: Map<string, Outcome>,
) => {
  const cut = orders.filter((o) => outcomes.get(o.key)?.kind === 'cut');
  for (const order of cut) {
    const res = await sendOrder(url, order);
    expect(res.status, `retry of ${order.key}`).toBe(201);
    expect(res.body.order.externalId).toBe(order.body.externalId);
  }
  return cut;
};

const pointsPerCustomer = async (url: string, customerIds: string[]) => {
  const totals = new Map<string, number>();
  for (const id of customerIds) {
    const res = await send(url, 'GET', `/v1/customers/${id}/points`);
    expect(res.status).toBe(200);
    totals.set(id, res.body.balance + res.body.pending);
  }
  return totals;
};

const expectStoredExactlyOnce = async (
  db: Kysely<DB>,
  sent: PlannedOrder[],
  mustExist: PlannedOrder[],
) => {
  const stored = await storedOrders(db);
  const byExternalId = new Map(stored.map((o) => [o.external_id, o]));
  expect(byExternalId.size, 'one row per externalId').toBe(stored.length);
  const sentByExternalId = new Map(sent.map((o) => [o.body.externalId, o]));

  for (const order of mustExist)
    expect(byExternalId.has(order.body.externalId), order.key).toBe(true);
  for (const row of stored) {
    const planned = sentByExternalId.get(row.external_id);
    expect(planned, `stored order ${row.external_id} was sent`).toBeDefined();
    // Whole or not at all: its lines, its total and its single earn entry, all there.
    expect(row.line_count).toBe(planned!.body.lines.length);
    expect(row.line_total).toBe(planned!.totalMinor);
    expect(row.total_minor).toBe(planned!.totalMinor);
    expect(row.points_earned).toBe(planned!.points);
    expect(row.earn_entries).toBe(planned!.points > 0 ? 1 : 0);
    expect(row.earn_points).toBe(planned!.points);
  }
  expect(await orphanEarnEntries(db)).toBe(0);

  // Each order and its idempotency record were committed together: one record per order.
  const records = await idempotencyRecords(db);
  const orderKeys = records.filter((r) => r.key.startsWith('crash-'));
  expect(records.filter((r) => r.status === 0)).toEqual([]);
  const keyOf = new Map(sent.map((o) => [o.body.externalId, o.key]));
  expect(new Set(orderKeys.map((r) => r.key))).toEqual(
    new Set(stored.map((o) => keyOf.get(o.external_id))),
  );
};

const expectBalancesMatchOrders = async (
  db: Kysely<DB>,
  customerIds: string[],
  apiTotals: Map<string, number>,
) => {
  const stored = await storedOrders(db);
  for (const customerId of customerIds) {
    const earned = stored
      .filter((o) => o.customer_id === customerId)
      .reduce((s, o) => s + o.points_earned, 0);
    const totals = await memberTotals(db, customerId);
    expect(totals.accounts, `${customerId} balance + pending`).toBe(earned);
    expect(totals.entries).toBe(earned);
    expect(totals.lotsAndPending).toBe(earned);
    expect(apiTotals.get(customerId)).toBe(earned);
  }
};

// ---------------------------------------------------------------------------------------------

describe(`SIGKILL during a burst of orders (${testDatabaseKind()})`, () => {
  const cleanUps: (() => Promise<void>)[] = [];

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await sleep(running.size > 0 ? 500 : 0);
    for (const cleanUp of cleanUps.reverse()) await cleanUp().catch(() => undefined);
  });

  it(
    'keeps every acknowledged order exactly once and nothing half-written',
    { timeout: 240_000 },
    async () => {
      const runId = randomBytes(4).toString('hex');
      const storage = await prepareStorage();
      cleanUps.push(() => storage.cleanUp());

      let server = await startServerProcess(storage.serverEnv);
      const customerIds = await createCustomers(server.url, runId);
      const orders = planOrders(customerIds, runId);

      const { outcomes, killedAfter } = await burstAndKill(server, orders);
      expect(await waitForExit(server, EXIT_TIMEOUT_MS), 'the killed server exited').toBe(true);
      expectOnlyCreatedOrCut(outcomes);
      expect(killedAfter, 'killed mid-burst').toBeGreaterThanOrEqual(KILL_AFTER_CREATED);

      server = await startServerProcess(storage.serverEnv);
      const acked = acknowledged(orders, outcomes);
      await expectAcknowledgedOrdersServed(server.url, acked);
      await expectReplaysIdentical(server.url, acked.slice(0, 8));
      const retried = await retryCutOrders(server.url, orders, outcomes);
      const apiTotals = await pointsPerCustomer(server.url, customerIds);
      await stopServerProcess(server);

      const database = await storage.open();
      try {
        const sent = orders.filter((o) => outcomes.has(o.key));
        await expectStoredExactlyOnce(database.db, sent, [
          ...acked.map((a) => a.order),
          ...retried,
        ]);
        await expectBalancesMatchOrders(database.db, customerIds, apiTotals);
      } finally {
        await database.close();
      }
    },
  );
});
