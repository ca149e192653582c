import { Agent, get } from 'node:http';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

/**
 * Anonymous clients cannot stall the server: four of them keep posting an 800 KB JSON array
 * nested 400,000 deep to the routes that need no API key, while /health is timed. Each body must
 * be refused (by size or depth) before anything parses it, so /health stays fast. The server is a
 * real child process on a loopback port and the attackers run on their own thread, so neither
 * event loop is the sampler's. (Before the edge guards, each such body held the server's event
 * loop for over a second: /health answered in seconds.)
 */
const ATTACKERS = 4;
const NESTING = 400_000;
// Each client waits this long between bodies: some 20 bodies a second in all, several times the
// rate of the review's four clients (whose every body held the server for over a second), and
// not so many that the clients' own sending is what a 2-core machine measures.
const ATTACK_PAUSE_MS = 200;
const WARM_UP_SAMPLES = 20;
const SAMPLES = 300;
const ROUNDS = 3;
const SAMPLE_GAP_MS = 5;
const SAMPLING_BUDGET_MS = 20_000;
const REQUEST_TIMEOUT_MS = 10_000;
const P99_LIMIT_MS = 50;
/**
 * A machine already too busy to answer /health idle within the budget cannot show 50 ms: there
 * the budget is this many times the idle p99 measured just before (the unguarded server's p99 is
 * in seconds, far past either).
 */
const IDLE_P99_FACTOR = 5;

const TOKEN = 'dGhpcy1pcy1ub3QtYS12YWxpZC10b2tlbg.c2lnbmF0dXJlLXRoYXQtZG9lcy1ub3QtbWF0Y2g';
const TARGETS = ['/auth/session', `/m/api/${TOKEN}/rewards/rwd_x/redeem`, `/s/${TOKEN}`];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
}, 150_000);
afterAll(() => server?.stop());

// /health gets its own connection, apart from any other: a refused body closes its socket.
const healthAgent = new Agent({ keepAlive: true, maxSockets: 1 });
afterAll(() => healthAgent.destroy());

const timeHealth = () =>
  new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const req = get(`${server.url}/health`, { agent: healthAgent }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - started)
          : reject(new Error(`/health answered ${res.statusCode}`)),
      );
    });
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('/health timed out')));
    req.on('error', reject);
  });

/** Up to `count` samples of /health, within the sampling budget; sorted. */
const sampleHealth = async (count: number) => {
  const samples: number[] = [];
  const deadline = Date.now() + SAMPLING_BUDGET_MS;
  while (samples.length < count && Date.now() < deadline) {
    samples.push(await timeHealth());
    await sleep(SAMPLE_GAP_MS);
  }
  return samples.sort((a, b) => a - b);
};

/** The attackers, on a worker thread: each posts the body to the targets in turn until stopped. */
const ATTACKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { url, targets, attackers, nesting, pauseMs, timeoutMs } = workerData;
const body = Buffer.from('['.repeat(nesting) + ']'.repeat(nesting));
const statuses = [];
let stopped = false;
parentPort.on('message', () => { stopped = true; });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const attack = async (id) => {
  for (let i = id; !stopped; i += 1) {
    try {
      const res = await fetch(url + targets[i % targets.length], {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k-' + id + '-' + i },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    } catch {
      statuses.push(0);
    }
    await sleep(pauseMs);
  }
};
Promise.all(Array.from({ length: attackers }, (_, id) => attack(id))).then(() =>
  parentPort.postMessage(statuses),
);
`;

const startAttackers = () => {
  const worker = new Worker(ATTACKER_SOURCE, {
    eval: true,
    workerData: {
      url: server.url,
      targets: TARGETS,
      attackers: ATTACKERS,
      nesting: NESTING,
      pauseMs: ATTACK_PAUSE_MS,
      timeoutMs: REQUEST_TIMEOUT_MS,
    },
  });
  const statuses = new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const result = await statuses;
      await worker.terminate();
      return result;
    },
  };
};

const ms = (n: number) => `${n.toFixed(1)} ms`;

describe('deeply nested bodies from anonymous clients', () => {
  it(
    `/health p99 stays under ${P99_LIMIT_MS} ms while ${ATTACKERS} clients post them`,
    { timeout: 180_000 },
    async () => {
      await sampleHealth(WARM_UP_SAMPLES);
      // Idle and attacked windows alternate, so a change in the machine's other load between
      // them weighs on both alike.
      const idle: number[] = [];
      const loaded: number[] = [];
      const statuses: number[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        idle.push(...(await sampleHealth(SAMPLES / ROUNDS)));
        const attackers = startAttackers();
        try {
          await sleep(300); // the first bodies are on their way
          loaded.push(...(await sampleHealth(SAMPLES / ROUNDS)));
        } finally {
          statuses.push(...(await attackers.stop()));
        }
      }
      idle.sort((a, b) => a - b);
      loaded.sort((a, b) => a - b);

      const idleP99 = percentile(idle, 99);
      const p50 = percentile(loaded, 50);
      const p99 = percentile(loaded, 99);
      const budget = Math.max(P99_LIMIT_MS, IDLE_P99_FACTOR * idleP99);
      const refused = statuses.filter((s) => s === 400 || s === 413).length;
      console.log(
        `/health idle: p50 ${ms(percentile(idle, 50))}, p99 ${ms(idleP99)}; ` +
          `under ${ATTACKERS} clients posting ${NESTING}-deep bodies: ${loaded.length} samples, ` +
          `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(loaded.at(-1)!)} (budget ${ms(budget)}); ` +
          `${statuses.length} bodies sent, ${refused} refused with 400/413`,
      );
      expect(loaded.length).toBe(SAMPLES);
      expect(refused).toBeGreaterThan(ATTACKERS);
      // 0: the server closed the connection before the client read the answer (allowed).
      expect(statuses.filter((s) => s !== 0 && s !== 400 && s !== 413)).toEqual([]);
      expect(p99).toBeLessThan(budget);
    },
  );
});
