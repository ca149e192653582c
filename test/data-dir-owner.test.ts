import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DataDirBusyError,
  LOCK_FILE_NAME,
  lockDataDir,
  type DataDirOwner,
} from '../src/db/data-dir-lock.js';
import { openDatabase } from '../src/db/dialect.js';
import { testDatabaseKind } from './support/database.js';
import { baseProcessEnv, freeLoopbackPort } from './support/server-process.js';

/**
 * The embedded database has one owner. A real server owns its data directory; a real CLI process
 * on the same directory is refused before it touches a file, says who owns it and what to do
 * instead, and exits 75. The server keeps working, the directory boots afterwards, and a lock
 * left by a SIGKILLed owner is taken over. About PGlite only, so it runs once.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_KEY = `owner-admin-${randomBytes(12).toString('hex')}`;
const START_TIMEOUT_MS = 180_000;
// A server start and two CLI runs, each loading the app with tsx on a shared, busy machine.
const PROCESS_TEST_TIMEOUT_MS = 540_000;

const dirs: string[] = [];
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const env = (dataDir: string, port = 0): NodeJS.ProcessEnv => ({
  ...baseProcessEnv(port),
  REGULARS_DATA_DIR: dataDir,
  REGULARS_ADMIN_KEY: ADMIN_KEY,
  LOG_LEVEL: 'warn',
});

const start = (args: string[], processEnv: NodeJS.ProcessEnv) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    env: processEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, exited, output: () => ({ stdout, stderr }) };
};

const runCli = async (args: string[], dataDir: string, options: { adminKey?: boolean } = {}) => {
  const { REGULARS_ADMIN_KEY: adminKey, ...withoutKey } = env(dataDir);
  const run = start(
    args,
    options.adminKey === false ? withoutKey : { ...withoutKey, REGULARS_ADMIN_KEY: adminKey },
  );
  const exitCode = await run.exited;
  return { exitCode, ...run.output() };
};

const startServer = async (dataDir: string) => {
  const port = await freeLoopbackPort();
  const server = start(['serve'], env(dataDir, port));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && server.child.exitCode === null) {
    const up = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) })
      .then((res) => res.status === 200)
      .catch(() => false);
    if (up) return { ...server, url };
    await sleep(200);
  }
  server.child.kill('SIGKILL');
  throw new Error(`the server did not start:\n${server.output().stderr}`);
};

const api = async (url: string, method: string, path: string, key: string, body?: unknown) => {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

const ORDERS_CSV = [
  'order_id,customer,sku,qty,price,placed_at',
  'O-1,C-1,SKU-A,1,10.00,2026-01-05T10:00:00Z',
  'O-2,C-2,SKU-B,2,5.50,2026-01-06T10:00:00Z',
].join('\n');
const IMPORT_ARGS = (file: string) => [
  'import',
  'orders',
  file,
  '--format',
  'csv',
  '--currency',
  'GBP',
  '--map',
  'externalId=order_id,customerExternalId=customer,sku=sku,quantity=qty,unitPrice=price,placedAt=placed_at',
];

const lockOf = (dataDir: string): DataDirOwner =>
  JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as DataDirOwner;

/** The pid of a process that has come and gone: nothing runs under it any more. */
const deadPid = async (): Promise<number> => {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
};

const writeLock = (dataDir: string, owner: Partial<DataDirOwner>) =>
  writeFileSync(
    join(dataDir, LOCK_FILE_NAME),
    JSON.stringify({
      host: hostname(),
      since: '2026-01-01T00:00:00.000Z',
      command: 'regulars serve',
      nonce: 'left-behind',
      ...owner,
    }),
  );

describe.skipIf(testDatabaseKind() !== 'pglite')('one owner for a PGlite data directory', () => {
  it('refuses a second opening in the same process before PGlite touches a file', async () => {
    const dataDir = tempDir('regulars-owner-');
    const first = lockDataDir(dataDir, { command: 'first opener' });
    await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirBusyError);
    await expect(openDatabase({ dataDir })).rejects.toThrow(/in use by first opener/);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(false);
    first.release();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
    lockDataDir(dataDir).release();
  });

  it('takes over a lock whose process is gone or whose pid was reused, not a live or foreign one', async () => {
    const dataDir = tempDir('regulars-owner-');
    writeLock(dataDir, { pid: await deadPid() });
    lockDataDir(dataDir, { command: 'after a dead owner' }).release();

    // Our parent runs, but it is not the process that wrote the lock: it started at another time.
    writeLock(dataDir, { pid: process.ppid, startTicks: 1 });
    lockDataDir(dataDir).release();
    // Nor is it when the lock was written in an earlier boot of this machine.
    writeLock(dataDir, { pid: process.ppid, bootId: 'an-earlier-boot' });
    lockDataDir(dataDir).release();

    // Our parent as the owner, as it would have written the lock: alive, so the lock holds.
    writeLock(dataDir, { pid: process.ppid, command: 'the parent' });
    expect(() => lockDataDir(dataDir)).toThrow(/in use by the parent \(pid \d+\)/);
    writeLock(dataDir, { pid: process.ppid, host: 'elsewhere' });
    expect(() => lockDataDir(dataDir)).toThrow(/pid \d+ on elsewhere/);

    writeFileSync(join(dataDir, LOCK_FILE_NAME), 'not json');
    const taken = lockDataDir(dataDir);
    expect(lockOf(dataDir).nonce).not.toBe('left-behind');
    taken.release();
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  // One scenario, so the machine initialises one data directory: a server, CLIs against it, a
  // clean stop, a second server, a SIGKILL, and the CLI and this process on what it left.
  it(
    'keeps CLIs off a running server’s data, gives it up on stop, and takes over after a SIGKILL',
    async () => {
      const dataDir = tempDir('regulars-owner-');
      const file = join(tempDir('regulars-owner-csv-'), 'orders.csv');
      writeFileSync(file, ORDERS_CSV);
      const server = await startServer(dataDir);
      expect(lockOf(dataDir)).toMatchObject({
        pid: server.child.pid,
        command: 'regulars serve',
        url: server.url,
      });

      const [key, imported] = await Promise.all([
        runCli(['keys:create', '--name', 'till 1', '--role', 'pos'], dataDir, { adminKey: false }),
        runCli(IMPORT_ARGS(file), dataDir),
      ]);
      expect(key.exitCode).toBe(75);
      expect(key.stdout).toBe('');
      expect(key.stderr).toContain(
        `error: the server (pid ${server.child.pid}, ${server.url}, since ${lockOf(dataDir).since}) owns ${dataDir}`,
      );
      expect(key.stderr).toContain(`curl -X POST ${server.url}/v1/api-keys`);
      expect(key.stderr).toContain(`'{"name":"till 1","role":"pos"}'`);
      expect(imported.exitCode).toBe(75);
      expect(imported.stderr).toContain(
        `Stop the server first (Ctrl-C or kill ${server.child.pid})`,
      );
      expect(imported.stderr).toContain(`POST ${server.url}/v1/orders`);

      // With the admin key, keys:create asks the server, which knows the new key at once.
      const viaServer = await runCli(['keys:create', '--name', 'till 2', '--role', 'pos'], dataDir);
      expect(viaServer.exitCode, viaServer.stderr).toBe(0);
      expect(viaServer.stderr).toContain(`created by the running server at ${server.url}`);
      const secret = /^key_\S+ \(pos\): (\S+)\n$/.exec(viaServer.stdout)?.[1] ?? '';
      const customer = await api(server.url, 'POST', '/v1/customers', ADMIN_KEY, {
        email: 'owner-test@example.test',
      });
      expect(customer.status).toBe(201);
      const read = await api(
        server.url,
        'GET',
        `/v1/customers/${String(customer.body.id)}`,
        secret,
      );
      expect(read.status).toBe(200);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

      const again = await startServer(dataDir);
      const created = await api(again.url, 'POST', '/v1/api-keys', ADMIN_KEY, {
        name: 'before the kill',
        role: 'pos',
      });
      expect(created.status).toBe(201);
      again.child.kill('SIGKILL');
      await again.exited;
      expect(lockOf(dataDir).pid).toBe(again.child.pid);

      // The stale lock is taken over; the import the server refused goes through now.
      const after = await runCli(IMPORT_ARGS(file), dataDir);
      expect(after.exitCode, after.stderr).toBe(0);
      expect(after.stdout).toMatch(/orders\s+2 new, 0 already present/);
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);

      const database = await openDatabase({ dataDir });
      expect(lockOf(dataDir).pid).toBe(process.pid);
      const names = await database.db.selectFrom('api_key').select('name').execute();
      await database.close();
      expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
      expect(names.map((k) => k.name)).toEqual(
        expect.arrayContaining(['till 2', 'before the kill']),
      );
      expect(names.map((k) => k.name)).not.toContain('till 1');
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
