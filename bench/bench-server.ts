import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/**
 * What the HTTP benchmarks share: the server under test as a child process (its own event loop,
 * so the load generator's work is not charged to it), and keep-alive HTTP/1.1 clients to it.
 */

const ROOT = resolve(import.meta.dirname, '..');

// Load generator side: keep-alive HTTP/1.1 connections from the bench process to the server child.

export interface HttpResult {
  status: number;
  text: string;
}

export interface HttpClient {
  get(path: string, headers?: Record<string, string>): Promise<HttpResult>;
  post(path: string, body: string, headers?: Record<string, string>): Promise<HttpResult>;
  patch(path: string, body: string): Promise<HttpResult>;
  close(): void;
}

export const createClient = (baseUrl: string, apiKey: string, connections: number): HttpClient => {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const send = (method: string, path: string, body: string, headers: Record<string, string>) =>
    new Promise<HttpResult>((resolvePromise, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolvePromise({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.setTimeout(120_000, () => request.destroy(new Error(`${method} ${path} timed out`)));
      request.on('error', reject);
      request.end(body);
    });
  return {
    get: (path, headers = {}) => send('GET', path, '', headers),
    post: (path, body, headers = {}) => send('POST', path, body, headers),
    patch: (path, body) => send('PATCH', path, body, {}),
    close: () => agent.destroy(),
  };
};

/** Runs `work` over every item with at most `concurrency` in flight; ends when the items do. */
export const runPool = async <T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
};

// ---------------------------------------------------------------------------------------------
// The server under test, as a child process with its own event loop.

export interface ServerChild {
  url: string;
  pid: number;
  stop(): Promise<void>;
  /** The last lines the server wrote, for error messages. */
  tail(): string;
}

const freePort = () =>
  new Promise<number>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });

const waitForExit = (child: ChildProcess, timeoutMs: number) =>
  new Promise<boolean>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveExit(true);
    const timer = setTimeout(() => resolveExit(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveExit(true);
    });
  });

const waitForHealth = async (
  url: string,
  child: ChildProcess,
  tail: () => string,
): Promise<void> => {
  for (let attempt = 0; attempt < 240; attempt += 1) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}:\n${tail()}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy within 60 s:\n${tail()}`);
};

export const startServerChild = async (
  env: Record<string, string>,
  cpuProfileDir: string | null,
): Promise<ServerChild> => {
  const port = await freePort();
  const profileArgs = cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...profileArgs, '--import', 'tsx', 'src/cli/main.ts', 'serve'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const tail = () => output;
  const stop = async () => {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 15_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };
  try {
    await waitForHealth(url, child, tail);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid!, stop, tail };
};
