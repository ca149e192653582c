import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/core/shared/ids.js';
import { CLAIM_LEASE_MS } from '../src/core/webhooks/webhooks.js';
import { openDatabase, type Database } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { webhookRepository } from '../src/db/webhooks/webhooks.repository.js';
import { testDatabaseKind } from './support/database.js';
import { baseProcessEnv, freeLoopbackPort } from './support/server-process.js';

/**
 * SIGTERM to the real server while its webhook sweep waits on a receiver that accepts
 * connections and never answers: it stops accepting at once, exits 0 within the grace (plus a
 * little), and leaves every unsent delivery pending and claimable, none lost. A process test,
 * run once: on PGlite only (no server to provision; the shutdown path is the same on PostgreSQL).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_KEY = `shutdown-admin-${randomBytes(12).toString('hex')}`;
const DELIVERIES = 3_000;
const GRACE_MS = 3_000;
const EXIT_LIMIT_MS = GRACE_MS + 3_000;
const START_TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TCP server on the loopback that takes every connection and never says a word. */
const blackHole = async () => {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  let accepted = 0;
  server.on('connection', () => (accepted += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/never`,
    accepted: () => accepted,
    close: async () => {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

/** One subscription to the black hole and DELIVERIES deliveries due now, written before the start. */
const seed = async (database: Database, url: string) => {
  const webhooks = webhookRepository(database.db);
  const now = new Date();
  const id = newId('webhook');
  await webhooks.insertSubscription({
    id,
    url,
    description: 'black hole',
    eventTypes: ['*'],
    active: true,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    secrets: {
      current: `whsec_${randomBytes(24).toString('base64')}`,
      previous: null,
      previousExpiresAt: null,
    },
  });
  const messages = Array.from({ length: DELIVERIES }, (_, i) => ({
    id: newId('webhookMessage'),
    type: 'webhook.test',
    customerId: null,
    payload: JSON.stringify({ type: 'webhook.test', timestamp: now.toISOString(), data: { i } }),
    createdAt: now,
  }));
  await webhooks.insertOutbox(
    messages,
    messages.map((m) => ({
      id: newId('webhookDelivery'),
      subscriptionId: id,
      messageId: m.id,
      customerId: null,
      replayOf: null,
      createdAt: now,
    })),
  );
};

interface Child {
  process: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  output(): string;
}

const spawnServer = (port: number, dataDir: string): Child => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...baseProcessEnv(port),
      REGULARS_DATA_DIR: dataDir,
      REGULARS_ADMIN_KEY: ADMIN_KEY,
      REGULARS_WEBHOOKS_ALLOW_PRIVATE: 'true',
      REGULARS_SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>(
    (resolve) => child.once('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() })),
  );
  return { process: child, url: `http://127.0.0.1:${port}`, exit, output: () => output };
};

const healthy = async (url: string) =>
  fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
    (res) => res.status === 200,
    () => false,
  );

/** Sends one raw HTTP/1.1 request on `socket`; resolves with the status line, or 'closed'. */
const rawRequest = (socket: Socket, path: string): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\r\n\r\n')) finish(text.split('\r\n')[0]!);
    };
    const finish = (result: string) => {
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(result);
    };
    const onClose = () => finish(text ? text.split('\r\n')[0]! : 'closed');
    socket.on('data', onData);
    socket.once('close', onClose);
    if (socket.destroyed || !socket.writable) return finish('closed');
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`);
  });

describe.skipIf(testDatabaseKind() === 'postgres')('graceful shutdown (pglite)', () => {
  let hole: Awaited<ReturnType<typeof blackHole>>;
  let dataDir: string;
  let server: Child | null = null;

  beforeAll(async () => {
    hole = await blackHole();
    dataDir = mkdtempSync(join(tmpdir(), 'regulars-shutdown-'));
    const database = await openDatabase({ dataDir });
    try {
      await migrateToLatest(database.db);
      await seed(database, hole.url);
    } finally {
      await database.close();
    }
  });

  afterAll(async () => {
    if (server && server.process.exitCode === null) server.process.kill('SIGKILL');
    await hole?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'on SIGTERM refuses new requests at once, exits 0 within the grace and releases every claim',
    { timeout: 120_000 },
    async () => {
      server = spawnServer(await freeLoopbackPort(), dataDir);
      const started = Date.now();
      while (!(await healthy(server.url))) {
        if (Date.now() - started > START_TIMEOUT_MS || server.process.exitCode !== null)
          throw new Error(`the server did not start:\n${server.output()}`);
        await sleep(100);
      }
      // The sweep is under way: requests sit at the black hole, unanswered.
      while (hole.accepted() < 10) {
        if (Date.now() - started > START_TIMEOUT_MS) throw new Error('no delivery was attempted');
        await sleep(50);
      }
      const keptAlive = connect(Number(new URL(server.url).port), '127.0.0.1');
      await new Promise((resolve) => keptAlive.once('connect', resolve));
      expect(await rawRequest(keptAlive, '/health')).toBe('HTTP/1.1 200 OK');

      const signalledAt = Date.now();
      server.process.kill('SIGTERM');
      await sleep(1_000);
      // Within a second: no new connection is accepted, the kept-alive one is closed or refused.
      const fresh = await fetch(`${server.url}/health`, {
        signal: AbortSignal.timeout(1_000),
      }).then(
        (res) => res.status,
        () => 'refused',
      );
      expect(fresh === 'refused' || fresh === 503).toBe(true);
      expect(['closed', 'HTTP/1.1 503 Service Unavailable']).toContain(
        await rawRequest(keptAlive, '/health'),
      );
      keptAlive.destroy();

      const exited = await Promise.race([server.exit, sleep(EXIT_LIMIT_MS + 10_000)]);
      expect(exited, `the server did not exit:\n${server.output()}`).toBeTruthy();
      const { code, atMs } = exited as Awaited<Child['exit']>;
      const exitMs = atMs - signalledAt;
      process.stdout.write(`shutdown: exit ${code} after ${exitMs} ms (grace ${GRACE_MS} ms)\n`);
      expect(code, server.output()).toBe(0);
      expect(exitMs).toBeGreaterThanOrEqual(GRACE_MS - 200);
      expect(exitMs).toBeLessThan(EXIT_LIMIT_MS);

      // Nothing was answered, so nothing was sent for good: every delivery is pending, no attempt
      // counted, and all of them are claimable at once by the next process.
      const database = await openDatabase({ dataDir });
      try {
        const { rows } = await sql<{ status: string; attempts: number; n: number }>`
          select status, attempt_count as attempts, count(*)::int as n
          from webhook_delivery group by status, attempt_count
        `.execute(database.db);
        expect(rows).toEqual([{ status: 'pending', attempts: 0, n: DELIVERIES }]);
        const logged = await sql<{
          n: number;
        }>`select count(*)::int as n from webhook_attempt`.execute(database.db);
        expect(logged.rows[0]!.n).toBe(0);
        const now = new Date();
        const claimable = await webhookRepository(database.db).claimDue(
          now,
          new Date(now.getTime() + CLAIM_LEASE_MS),
          DELIVERIES + 10,
        );
        expect(claimable).toHaveLength(DELIVERIES);
      } finally {
        await database.close();
      }
    },
  );
});
