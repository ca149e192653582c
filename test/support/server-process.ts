import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchPostgres, testDatabaseKind } from './database.js';

/** The real server as a child process on a loopback port, on this project's kind of database. */
export interface ServerProcess {
  url: string;
  port: number;
  /** The admin key it was started with (REGULARS_ADMIN_KEY). */
  adminKey: string;
  output(): string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 120_000;
const EXIT_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A loopback port nobody listens on right now, for a server process to take. */
export const freeLoopbackPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

const isHealthy = async (url: string) => {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(3_000) })).status === 200;
  } catch {
    return false;
  }
};

const exitOf = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

const stopChild = async (child: ChildProcess) => {
  const exited = exitOf(child);
  child.kill('SIGTERM');
  const done = await Promise.race([
    exited.then(() => true),
    sleep(EXIT_TIMEOUT_MS).then(() => false),
  ]);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
};

/**
 * The environment a spawned `regulars` process starts from: nothing of the test runner's own,
 * loopback only, no settlement job; callers add their database, key and the rest.
 */
export const baseProcessEnv = (port: number): Record<string, string | undefined> => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TMPDIR: process.env.TMPDIR,
  PORT: String(port),
  HOST: '127.0.0.1',
  REGULARS_SETTLE_INTERVAL_MS: '0',
  // The test project's choice (pglite-unbatched turns group commit off) reaches the server.
  REGULARS_ORDER_BATCHING: process.env.REGULARS_ORDER_BATCHING,
});

/**
 * Starts `regulars serve` (plus `args`, such as --demo) with only the environment it needs; waits
 * until /health answers.
 */
export const startServerProcess = async (
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<ServerProcess> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'regulars-server-'));
  const scratch = testDatabaseKind() === 'postgres' ? await createScratchPostgres() : null;
  const port = await freeLoopbackPort();
  const adminKey = `server-admin-${port}-0123456789abcdef`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...args], {
    cwd: ROOT,
    env: {
      ...baseProcessEnv(port),
      REGULARS_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
      ...(scratch ? { DATABASE_URL: scratch.url } : { REGULARS_DATA_DIR: dataDir }),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await isHealthy(url)) return { url, port, adminKey, output: () => output, stop };
    await sleep(100);
  }
  await stop();
  throw new Error(`the server did not become healthy:\n${output}`);
};
