import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { optionReader } from './bench-args.js';
import { createClient, startServerChild } from './bench-server.js';
import {
  MIX,
  OPERATIONS,
  runClosedLoopOrders,
  runOpenLoop,
  shopSenders,
  type Send,
  type ClosedLoopRun,
  type OpenLoopRun,
} from './latency-load.js';
import { formatLatencyReport, type LatencyReport, type RateFigures } from './latency-report.js';
import { seedShop } from './latency-shop.js';
import {
  arrivalSchedule,
  assignOperations,
  seededRandom,
  type ArrivalProcess,
} from './open-loop.js';
import { measureCeiling, type PgbenchResult } from './pgbench.js';
import { withScratchPostgresUrl } from './scratch-database.js';

/**
 * Latency per operation under an open-loop mixed load (issue 17): orders, points reads, coupon
 * checks and redemptions, member pages and point redemptions arrive at a fixed rate against a
 * server child on a scratch PostgreSQL database; then order ingestion's closed-loop maximum is
 * set against pgbench's rate for a two-INSERT transaction on the same server.
 * `npx tsx bench/latency.bench.ts [--quick] [--rates=100,300,1000] [--seconds=N] [--repeats=N]`
 */

export interface LatencyOptions {
  rates: number[];
  seconds: number;
  warmupSeconds: number;
  repeats: number;
  arrivals: ArrivalProcess;
  members: number;
  ordersPerMember: number;
  /** Keep-alive sockets the generator may open; requests beyond them queue in the generator. */
  connections: number;
  poolSize: number;
  closedLoopConcurrency: number;
  closedLoopSeconds: number;
  pgbenchClients: number;
  pgbenchSeconds: number;
  seed: number;
  /** Write a V8 CPU profile of the server child into this folder (`--cpu-prof`). */
  cpuProfileDir: string | null;
}

export const defaultLatencyOptions = (quick: boolean): LatencyOptions => ({
  rates: [100, 300, 1000],
  seconds: quick ? 5 : 30,
  warmupSeconds: quick ? 2 : 5,
  repeats: 1,
  arrivals: 'poisson',
  members: quick ? 1_000 : 5_000,
  ordersPerMember: quick ? 2 : 3,
  connections: 512,
  poolSize: 10,
  closedLoopConcurrency: 32,
  closedLoopSeconds: quick ? 5 : 20,
  pgbenchClients: 10,
  pgbenchSeconds: quick ? 5 : 20,
  seed: 17,
  cpuProfileDir: null,
});

const VALIDATE_CODES = 500;
const REDEEMERS = 1_000;
const CARDS = 1_000;

interface Phase {
  rate: number;
  repeat: number;
  warmup: boolean;
  seconds: number;
  schedule: number[];
  operations: (typeof OPERATIONS)[number][];
}

/** Every phase's arrivals drawn up front, so the coupon batch holds exactly enough codes. */
const planPhases = (options: LatencyOptions): Phase[] => {
  const random = seededRandom(options.seed);
  const phases: Phase[] = [];
  for (let repeat = 1; repeat <= options.repeats; repeat += 1) {
    for (const rate of options.rates) {
      for (const warmup of [true, false]) {
        const seconds = warmup ? options.warmupSeconds : options.seconds;
        const schedule = arrivalSchedule(rate, seconds, options.arrivals, random);
        const operations = assignOperations(schedule.length, MIX, random);
        phases.push({ rate, repeat, warmup, seconds, schedule, operations });
      }
    }
  }
  return phases;
};

const runPhases = async (
  senders: (runId: string) => Send,
  phases: Phase[],
  options: LatencyOptions,
  log: (line: string) => void,
): Promise<RateFigures[]> => {
  const runTag = Date.now().toString(36);
  const runs = new Map<number, OpenLoopRun[]>();
  for (const [i, phase] of phases.entries()) {
    const send = senders(`${runTag}-${i}`);
    const run = await runOpenLoop(phase.schedule, phase.operations, phase.seconds, send);
    const label = `${phase.rate}/s ${phase.warmup ? 'warm-up' : `run ${phase.repeat}`}`;
    const errors = OPERATIONS.reduce((sum, op) => sum + run.operations[op].errors, 0);
    log(
      `  ${label}: ${run.arrivals} requests, ${run.answeredPerSecond} answered/s, ` +
        `${errors} errors, lag p99 ${run.lagMs.p99Ms} ms, at most ${run.maxInFlight} in flight, ` +
        `cores ${run.machineBusyPercent ?? '-'}% busy`,
    );
    for (const sample of run.errorSamples.slice(0, 2)) log(`    error: ${sample}`);
    if (!phase.warmup) runs.set(phase.rate, [...(runs.get(phase.rate) ?? []), run]);
  }
  return options.rates.map((rate) => ({ rate, seconds: options.seconds, runs: runs.get(rate)! }));
};

const serverPhase = async (
  url: string,
  options: LatencyOptions,
  log: (line: string) => void,
): Promise<{ rates: RateFigures[]; closedLoop: ClosedLoopRun }> => {
  const adminKey = `bench_${randomBytes(16).toString('hex')}`;
  const server = await startServerChild(
    {
      DATABASE_URL: url,
      REGULARS_DB_POOL_SIZE: String(options.poolSize),
      REGULARS_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
      // As in the ingest bench: no hourly settle job landing inside one rate's window.
      REGULARS_SETTLE_INTERVAL_MS: '0',
    },
    options.cpuProfileDir,
  );
  const client = createClient(server.url, adminKey, options.connections);
  try {
    const phases = planPhases(options);
    const redeems = phases.reduce(
      (sum, p) => sum + p.operations.filter((op) => op === 'couponRedeem').length,
      0,
    );
    log(`Seeding ${options.members} members through the API (server ${server.url}):`);
    const shop = await seedShop(
      client,
      {
        members: options.members,
        ordersPerMember: options.ordersPerMember,
        redeemers: Math.min(REDEEMERS, options.members),
        cards: Math.min(CARDS, options.members),
        redeemCodes: redeems,
        validateCodes: VALIDATE_CODES,
      },
      seededRandom(options.seed + 2),
      log,
    );
    log(`Open-loop mixed load, ${options.arrivals} arrivals:`);
    // One factory for the whole run: the coupon codes it hands out are never handed out twice.
    const senders = shopSenders(client, shop, seededRandom(options.seed + 1));
    const rates = await runPhases(senders, phases, options, log);
    log(`Closed-loop POST /v1/orders, ${options.closedLoopConcurrency} clients:`);
    const maxTag = `max-${Date.now().toString(36)}`;
    await runClosedLoopOrders(
      senders(`${maxTag}-warm-up`),
      options.closedLoopConcurrency,
      Math.min(2, options.closedLoopSeconds),
    );
    const closedLoop = await runClosedLoopOrders(
      senders(`${maxTag}-measured`),
      options.closedLoopConcurrency,
      options.closedLoopSeconds,
    );
    log(`  ${closedLoop.ordersPerSecond} orders/s, ${closedLoop.errors} errors`);
    return { rates, closedLoop };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nserver output:\n${server.tail()}`);
  } finally {
    client.close();
    await server.stop();
  }
};

export const runLatencyBench = async (
  options: LatencyOptions,
  log: (line: string) => void,
): Promise<LatencyReport> => {
  const startedAt = new Date().toISOString();
  const { rates, closedLoop } = await withScratchPostgresUrl('regulars_latency', (url) =>
    serverPhase(url, options, log),
  );
  // pgbench runs after the server has stopped, so it has the machine the server had.
  log(`pgbench: two INSERTs per transaction, ${options.pgbenchClients} clients:`);
  const ceiling: PgbenchResult = await measureCeiling({
    clients: options.pgbenchClients,
    seconds: options.pgbenchSeconds,
  });
  log(`  ${ceiling.tps.toFixed(1)} tps`);
  return {
    startedAt,
    options,
    machine: {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    rates,
    closedLoop,
    ceiling,
    ingestionToCeiling: Math.round((closedLoop.ordersPerSecond / ceiling.tps) * 1000) / 1000,
  };
};

// ---------------------------------------------------------------------------------------------
// Command line.

export const parseLatencyArgs = (args: string[]): LatencyOptions => {
  const options = defaultLatencyOptions(args.includes('--quick'));
  const { value, positive } = optionReader(args);
  const rates = value('rates');
  if (rates !== undefined) {
    options.rates = rates.split(',').map((r) => {
      const n = Number(r);
      if (!(n > 0)) throw new Error(`--rates takes positive numbers, comma-separated: ${r}`);
      return n;
    });
  }
  options.seconds = positive('seconds', options.seconds);
  options.warmupSeconds = positive('warmup', options.warmupSeconds);
  options.repeats = positive('repeats', options.repeats);
  options.members = positive('members', options.members);
  options.connections = positive('connections', options.connections);
  options.closedLoopSeconds = positive('max-seconds', options.closedLoopSeconds);
  options.pgbenchClients = positive('pgbench-clients', options.pgbenchClients);
  options.pgbenchSeconds = positive('pgbench-seconds', options.pgbenchSeconds);
  if (args.includes('--cpu-prof'))
    options.cpuProfileDir = resolve(import.meta.dirname, 'results/profiles/latency');
  const arrivals = value('arrivals');
  if (arrivals !== undefined) {
    if (arrivals !== 'poisson' && arrivals !== 'even') {
      throw new Error('--arrivals takes poisson or even');
    }
    options.arrivals = arrivals;
  }
  return options;
};

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain) {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const report = await runLatencyBench(parseLatencyArgs(process.argv.slice(2)), say);
  say(`\n${formatLatencyReport(report)}`);
  const resultFile = process.env.BENCH_RESULT_FILE;
  if (resultFile) writeFileSync(resultFile, `${JSON.stringify(report, null, 2)}\n`);
  const failed = report.rates.some((r) =>
    r.runs.some((run) => OPERATIONS.some((op) => run.operations[op].errors > 0)),
  );
  if (failed) process.exitCode = 1;
}
