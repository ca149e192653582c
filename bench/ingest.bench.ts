import {
  activateOnly,
  benchExperiment,
  installExperimentRules,
  installRuleSets,
  type RuleSets,
} from './ingest-rules.js';
import { optionReader } from './bench-args.js';
import { machineJiffies } from './machine-cpu.js';
import { createClient, runPool, startServerChild, type HttpClient } from './bench-server.js';
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { basePointsForAmount } from '../src/core/orders/orders.earn.js';
import { DEFAULT_PROGRAMME } from '../src/core/programme/programme.js';
import { newId } from '../src/core/shared/ids.js';
import { decimalToMinor } from '../src/core/shared/money.js';
import { PROGRAMME_CACHE_TTL_MS } from '../src/app/programme-caches.js';
import { openDatabase } from '../src/db/dialect.js';
import { experimentRepository } from '../src/db/experiments/experiments.repository.js';
import type { DB } from '../src/db/schema.js';

/**
 * HTTP ingestion benchmark: orders per second through POST /v1/orders (validation, auth,
 * idempotency record, order insert and the points ledger) against a real server running as a
 * child process, compared with plain INSERTs of the same order rows through the same driver.
 * Run it alone with `tsx bench/ingest.bench.ts [--quick]`, or through `npm run bench`.
 */

const ROOT = resolve(import.meta.dirname, '..');
const RETAIL_LINES = resolve(ROOT, '../shared/data/online-retail/online_retail_lines.csv.gz');
const CUSTOMER_SOURCE = 'online-retail';
const MAX_LINES_PER_ORDER = 1000;

export type DatabaseKind = 'pglite' | 'postgres';

export interface IngestBenchOptions {
  /** Orders per measured run, per database: the embedded PGlite is slower, so it gets fewer. */
  orders: Record<DatabaseKind, number>;
  warmupOrders: number;
  concurrency: number;
  repeats: number;
  poolSize: number;
  databases: DatabaseKind[];
  postgresUrl: string;
  retailLinesPath: string;
  /** Write a V8 CPU profile of each server child into this folder. */
  cpuProfileDir: string | null;
  /** Also time ingestion with 1 active rule against the 50-rule programme. */
  compareRules: boolean;
  /** Also time a rule naming a running experiment's arm against the same rule without it. */
  compareExperiment: boolean;
  log: (line: string) => void;
}

export const defaultIngestOptions = (quick: boolean): Omit<IngestBenchOptions, 'log'> => ({
  orders: quick ? { pglite: 200, postgres: 300 } : { pglite: 2_000, postgres: 5_000 },
  warmupOrders: quick ? 50 : 500,
  concurrency: 32,
  repeats: quick ? 1 : 3,
  poolSize: 10,
  databases: ['pglite', 'postgres'],
  postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  retailLinesPath: RETAIL_LINES,
  cpuProfileDir: null,
  compareRules: true,
  compareExperiment: true,
});

// ---------------------------------------------------------------------------------------------
// Workload: real Online Retail invoices, or a seeded synthetic shop when the data is absent.

export interface OrderLineSeed {
  sku: string;
  name?: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface OrderSeed {
  invoiceNo: string;
  customerExternalId: string;
  placedAt: Date;
  lines: OrderLineSeed[];
}

export interface Workload {
  source: 'online-retail' | 'synthetic';
  customers: { externalId: string; country: string }[];
  orders: OrderSeed[];
}

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  timeZoneName: 'shortOffset',
});

const londonOffsetMs = (instant: Date): number => {
  const name = LONDON.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d+)?/.exec(name ?? '');
  return Number(match?.[1] ?? 0) * 3_600_000;
};

/** '2010-12-01 08:26:00' is shop time in the UK: GMT in winter, BST in summer. */
const parseShopTime = (value: string): Date => {
  const naive = new Date(`${value.replace(' ', 'T')}Z`);
  return new Date(naive.getTime() - londonOffsetMs(naive));
};

interface RetailRow {
  InvoiceNo: string;
  StockCode: string;
  Description: string;
  Quantity: string;
  InvoiceDate: string;
  UnitPrice: string;
  CustomerID: string;
  Country: string;
}

/** Adds one CSV row to its invoice; cancellations, returns and rows without a customer are skipped. */
const addRetailRow = (
  row: RetailRow,
  invoices: Map<string, OrderSeed>,
  countries: Map<string, string>,
): void => {
  const quantity = Number(row.Quantity);
  const unitPriceMinor = decimalToMinor(row.UnitPrice, 2);
  if (!row.CustomerID || row.InvoiceNo.startsWith('C')) return;
  if (!Number.isInteger(quantity) || quantity <= 0 || unitPriceMinor === null || unitPriceMinor < 0)
    return;
  const customerExternalId = row.CustomerID.replace(/\.0$/, '');
  let invoice = invoices.get(row.InvoiceNo);
  if (!invoice) {
    invoice = {
      invoiceNo: row.InvoiceNo,
      customerExternalId,
      placedAt: parseShopTime(row.InvoiceDate),
      lines: [],
    };
    invoices.set(row.InvoiceNo, invoice);
    countries.set(customerExternalId, row.Country);
  }
  const name = row.Description.trim();
  invoice.lines.push({ sku: row.StockCode, ...(name ? { name } : {}), quantity, unitPriceMinor });
};

/** The first `count` invoices with a customer, in file order. */
export const loadRetailWorkload = async (path: string, count: number): Promise<Workload> => {
  const invoices = new Map<string, OrderSeed>();
  const countries = new Map<string, string>();
  const input = createReadStream(path);
  const parser = input.pipe(createGunzip()).pipe(parse({ columns: true, relax_quotes: true }));
  try {
    for await (const row of parser as AsyncIterable<RetailRow>) {
      // A few invoices more than needed: the last one read may be incomplete, and invoices too
      // big for one request are dropped below.
      if (invoices.size > count + 10) break;
      addRetailRow(row, invoices, countries);
    }
  } finally {
    input.destroy();
  }
  const orders = [...invoices.values()]
    .filter((o) => o.lines.length <= MAX_LINES_PER_ORDER)
    .slice(0, count);
  const customerIds = [...new Set(orders.map((o) => o.customerExternalId))];
  return {
    source: 'online-retail',
    customers: customerIds.map((externalId) => ({
      externalId,
      country: countries.get(externalId) ?? '',
    })),
    orders,
  };
};

/** mulberry32: a small seeded generator, so the synthetic shop is the same on every run. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/** A gift shop like the real one: ~20 lines per order, a few big buyers, prices from 10p to £50. */
export const syntheticWorkload = (count: number, seed = 20101201): Workload => {
  const random = seededRandom(seed);
  const catalogue = Array.from({ length: 2_000 }, (_, i) => ({
    sku: `SKU${String(10_000 + i)}`,
    name: `ITEM ${i}`,
    unitPriceMinor: Math.round(10 * Math.exp(random() * Math.log(500))),
  }));
  const customers = Array.from({ length: Math.max(20, Math.round(count / 2.6)) }, (_, i) => ({
    externalId: String(12_000 + i),
    country: random() < 0.9 ? 'United Kingdom' : 'Germany',
  }));
  const start = Date.UTC(2010, 11, 1, 8);
  const orders = Array.from({ length: count }, (_, i): OrderSeed => {
    const lineCount = Math.min(200, 1 + Math.floor(-Math.log(1 - random()) * 20));
    return {
      invoiceNo: String(536_365 + i),
      customerExternalId: customers[Math.floor(customers.length * random() ** 2)]!.externalId,
      placedAt: new Date(start + i * 1_200_000),
      lines: Array.from({ length: lineCount }, () => {
        const item = catalogue[Math.floor(random() * catalogue.length)]!;
        return { ...item, quantity: [1, 2, 3, 4, 6, 12, 24][Math.floor(random() * 7)]! };
      }),
    };
  });
  return { source: 'synthetic', customers, orders };
};

/**
 * Moves the orders' dates by one constant so the newest is a minute old: the API takes live
 * orders (history goes through the importer), so recent ones wait in pending points and older
 * ones post at once, as in a running shop, instead of every lot being long expired.
 */
const shiftToNow = (workload: Workload, now: Date): Workload => {
  const newest = Math.max(...workload.orders.map((o) => o.placedAt.getTime()));
  const shiftMs = now.getTime() - 60_000 - newest;
  return {
    ...workload,
    orders: workload.orders.map((o) => ({
      ...o,
      placedAt: new Date(o.placedAt.getTime() + shiftMs),
    })),
  };
};

const loadWorkload = async (options: IngestBenchOptions): Promise<Workload> => {
  const count =
    Math.max(...options.databases.map((kind) => options.orders[kind])) + options.warmupOrders;
  const workload = existsSync(options.retailLinesPath)
    ? await loadRetailWorkload(options.retailLinesPath, count)
    : syntheticWorkload(count);
  if (workload.source === 'synthetic') {
    options.log(`(${options.retailLinesPath} not found: using the seeded synthetic shop)`);
  }
  return shiftToNow(workload, new Date());
};

/** CPU time (user + system) a process has used, from /proc; null where there is no /proc. */
const processCpuMs = (pid: number): number | null => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
};

/** Whom to charge CPU to: the server child, and the database's own processes when it has any. */
interface CpuSources {
  serverPid: number | null;
  databasePids(): Promise<number[]>;
}

interface CpuSnapshot {
  server: number | null;
  database: Map<number, number>;
  bench: NodeJS.CpuUsage;
  machine: { busy: number; total: number } | null;
}

const snapshotCpu = async (sources: CpuSources): Promise<CpuSnapshot> => {
  const database = new Map<number, number>();
  for (const pid of await sources.databasePids()) {
    const ms = processCpuMs(pid);
    if (ms !== null) database.set(pid, ms);
  }
  return {
    server: sources.serverPid === null ? null : processCpuMs(sources.serverPid),
    database,
    bench: process.cpuUsage(),
    machine: machineJiffies(),
  };
};

/** CPU milliseconds per order, by process; `machine` counts everything, other users included. */
export interface CpuPerOrder {
  server: number | null;
  database: number | null;
  bench: number;
  machine: number | null;
}

const cpuPerOrder = (before: CpuSnapshot, after: CpuSnapshot, count: number): CpuPerOrder => {
  let database: number | null = null;
  for (const [pid, ms] of after.database)
    database = (database ?? 0) + ms - (before.database.get(pid) ?? 0);
  const bench = process.cpuUsage(before.bench);
  const per = (ms: number) => round(ms / count, 2);
  return {
    server:
      before.server === null || after.server === null ? null : per(after.server - before.server),
    database: database === null ? null : per(database),
    bench: per((bench.user + bench.system) / 1000),
    machine:
      before.machine && after.machine ? per((after.machine.busy - before.machine.busy) * 10) : null,
  };
};

// ---------------------------------------------------------------------------------------------
// Measurements.

export interface RunFigures {
  orders: number;
  failed: number;
  seconds: number;
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerOrder: CpuPerOrder;
  /** Share of all cores busy during the run, every process on the machine included. */
  machineBusyPercent: number | null;
}

export interface Summary {
  ordersPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMsPerOrder: CpuPerOrder;
  /** See `ceiling`: what the measured processes' CPU per order allows on this machine. */
  ceilingOrdersPerSecond: number | null;
  machineBusyPercent: number | null;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Median of the values that were measured; null when none was. */
const medianOf = (values: (number | null)[], digits: number): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : round(median(known), digits);
};

/**
 * Orders/s the measured processes' CPU alone would allow on this machine: every core busy with
 * them and nothing else, and no single-threaded process (the server's event loop, PGlite) past
 * one core. Unlike the throughput, this barely moves when other work shares the machine.
 */
const ceiling = (cpu: CpuPerOrder, cores: number): number | null => {
  const own = (cpu.server ?? 0) + (cpu.database ?? 0) + cpu.bench;
  const busiestThread = cpu.server ?? cpu.bench;
  if (own <= 0 || busiestThread <= 0) return null;
  return Math.round(Math.min((cores * 1000) / own, 1000 / busiestThread));
};

export const summarise = (runs: RunFigures[]): Summary => {
  const cpu = (pick: (c: CpuPerOrder) => number | null) =>
    medianOf(
      runs.map((r) => pick(r.cpuMsPerOrder)),
      2,
    );
  const cpuMsPerOrder: CpuPerOrder = {
    server: cpu((c) => c.server),
    database: cpu((c) => c.database),
    bench: cpu((c) => c.bench) ?? 0,
    machine: cpu((c) => c.machine),
  };
  return {
    ordersPerSecond: round(median(runs.map((r) => r.ordersPerSecond))),
    p50Ms: round(median(runs.map((r) => r.p50Ms)), 2),
    p99Ms: round(median(runs.map((r) => r.p99Ms)), 2),
    cpuMsPerOrder,
    ceilingOrdersPerSecond: ceiling(cpuMsPerOrder, cpus().length),
    machineBusyPercent: medianOf(
      runs.map((r) => r.machineBusyPercent),
      1,
    ),
  };
};

/** Times `count` units of work at the given concurrency; `work` returns false for a failure. */
const timed = async (
  count: number,
  concurrency: number,
  work: (index: number) => Promise<boolean>,
  sources: CpuSources,
): Promise<RunFigures> => {
  const latencies: number[] = [];
  let failed = 0;
  const before = await snapshotCpu(sources);
  const started = performance.now();
  await runPool(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const t0 = performance.now();
      if (!(await work(i))) failed += 1;
      latencies.push(performance.now() - t0);
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await snapshotCpu(sources);
  latencies.sort((a, b) => a - b);
  return {
    orders: count,
    failed,
    seconds: round(seconds, 2),
    ordersPerSecond: round((count - failed) / seconds),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    cpuMsPerOrder: cpuPerOrder(before, after, count),
    machineBusyPercent:
      before.machine && after.machine
        ? round(
            (100 * (after.machine.busy - before.machine.busy)) /
              (after.machine.total - before.machine.total),
          )
        : null,
  };
};

const orderBody = (order: OrderSeed, tag: string): string =>
  JSON.stringify({
    externalId: `${order.invoiceNo}-${tag}`,
    customerExternalId: order.customerExternalId,
    customerExternalIdSource: CUSTOMER_SOURCE,
    currency: 'GBP',
    channel: 'web',
    placedAt: order.placedAt.toISOString(),
    lines: order.lines,
  });

/** POSTs every order once; `tag` makes the external ids of each run distinct. */
const measureApi = async (
  client: HttpClient,
  orders: OrderSeed[],
  tag: string,
  concurrency: number,
  sources: CpuSources,
  onFailure: (message: string) => void,
): Promise<RunFigures> => {
  const bodies = orders.map((o) => orderBody(o, tag));
  return timed(
    orders.length,
    concurrency,
    async (i) => {
      const result = await client.post('/v1/orders', bodies[i]!, {
        'idempotency-key': `bench-${tag}-${i}`,
      });
      if (result.status === 201) return true;
      onFailure(`POST /v1/orders → ${result.status} ${result.text.slice(0, 300)}`);
      return false;
    },
    sources,
  );
};

const createCustomers = async (
  client: HttpClient,
  workload: Workload,
  concurrency: number,
): Promise<Map<string, string>> => {
  const ids = new Map<string, string>();
  await runPool(workload.customers, concurrency, async (customer) => {
    const body = JSON.stringify({
      externalIds: [{ source: CUSTOMER_SOURCE, id: customer.externalId }],
      attributes: customer.country ? { country: customer.country } : {},
    });
    const result = await client.post('/v1/customers', body, {
      'idempotency-key': `bench-cus-${customer.externalId}`,
    });
    if (result.status !== 201)
      throw new Error(`POST /v1/customers → ${result.status} ${result.text.slice(0, 300)}`);
    ids.set(customer.externalId, (JSON.parse(result.text) as { id: string }).id);
  });
  return ids;
};

/** The order's own rows, with the column values the API writes; no ledger, no idempotency record. */
const orderRows = (order: OrderSeed, tag: string, customerId: string) => {
  const id = newId('order');
  const lines = order.lines.map((l, index) => ({
    order_id: id,
    customer_id: customerId,
    line_no: index + 1,
    sku: l.sku,
    name: l.name ?? null,
    category: null,
    quantity: l.quantity,
    unit_price_minor: l.unitPriceMinor,
  }));
  const totalMinor = order.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
  const salesOrder = {
    id,
    external_id: `${order.invoiceNo}-${tag}`,
    customer_id: customerId,
    currency: 'GBP',
    channel: 'web' as const,
    store_id: null,
    placed_at: order.placedAt,
    total_minor: totalMinor,
    points_earned: basePointsForAmount(DEFAULT_PROGRAMME, 'GBP', totalMinor, 2),
    created_at: new Date(),
  };
  return { salesOrder, lines };
};

/** Baseline: one transaction per order holding an INSERT of the order and one of its lines. */
const measureBaseline = (
  db: Kysely<DB>,
  orders: OrderSeed[],
  tag: string,
  customerIds: Map<string, string>,
  concurrency: number,
  sources: CpuSources,
): Promise<RunFigures> =>
  timed(
    orders.length,
    concurrency,
    async (i) => {
      const order = orders[i]!;
      const rows = orderRows(order, tag, customerIds.get(order.customerExternalId)!);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('sales_order').values(rows.salesOrder).execute();
        await trx.insertInto('order_line').values(rows.lines).execute();
      });
      return true;
    },
    sources,
  );

// ---------------------------------------------------------------------------------------------
// One database: server child, customers, warm-up, API runs, then the baseline on the same data.

export interface DatabaseFigures {
  database: DatabaseKind;
  skipped: string | null;
  customers: number;
  customersSeconds: number;
  api: { runs: RunFigures[]; median: Summary } | null;
  baseline: { runs: RunFigures[]; median: Summary } | null;
  /** API orders/s divided by baseline orders/s (medians). */
  ratio: number | null;
  /** API ingestion with 1 and with 50 active rules, and 50-rule orders/s over 1-rule orders/s. */
  rules: { one: Summary; fifty: Summary; ratio: number; cpuRatio: number | null } | null;
  /** A: double points for all; B: for an experiment's treatment arm. B orders/s over A's. */
  experiment: {
    a: Summary;
    b: Summary;
    runs: { a: number[]; b: number[] };
    ratio: number;
    cpuRatio: number | null;
  } | null;
  failures: string[];
  /** Deadlocks PostgreSQL detected while the server ran (each one fails a request). */
  deadlocks: number | null;
  /** What the server wrote at warn level and above, when anything failed. */
  serverLogTail: string | null;
}

interface Target {
  env: Record<string, string>;
  openDirect(): Promise<{ db: Kysely<DB>; close(): Promise<void> }>;
  /** The database's own processes (PostgreSQL backends); none for the embedded PGlite. */
  databasePids(): Promise<number[]>;
  /** Deadlocks the database has detected so far; null where it does not count them. */
  deadlocks(): Promise<number | null>;
  cleanup(): Promise<void>;
}

const pgliteTarget = async (): Promise<Target> => {
  const dir = await mkdtemp(join(tmpdir(), 'regulars-bench-'));
  return {
    env: { REGULARS_DATA_DIR: dir, DATABASE_URL: '' },
    openDirect: async () => {
      const database = await openDatabase({ dataDir: dir });
      return { db: database.db, close: () => database.close() };
    },
    databasePids: async () => [],
    deadlocks: async () => null,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
};

const withAdmin = async <T>(
  url: string,
  work: (admin: Kysely<unknown>) => Promise<T>,
): Promise<T> => {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 3_000 });
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
};

/** A fresh scratch database, or the reason PostgreSQL cannot be used. */
const postgresTarget = async (adminUrl: string, poolSize: number): Promise<Target | string> => {
  const name = `regulars_bench_${randomBytes(5).toString('hex')}`;
  try {
    await withAdmin(adminUrl, (admin) => sql.raw(`create database ${name}`).execute(admin));
  } catch (error) {
    return `PostgreSQL unreachable at ${adminUrl} (${(error as Error).message})`;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), REGULARS_DB_POOL_SIZE: String(poolSize) },
    openDirect: async () => {
      const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize });
      return { db: database.db, close: () => database.close() };
    },
    databasePids: () =>
      withAdmin(adminUrl, async (admin) => {
        const result = await sql<{ pid: number }>`
          select pid from pg_stat_activity where datname = ${name}
        `.execute(admin);
        return result.rows.map((r) => Number(r.pid));
      }),
    deadlocks: () =>
      withAdmin(adminUrl, async (admin) => {
        const result = await sql<{ deadlocks: number }>`
          select deadlocks from pg_stat_database where datname = ${name}
        `.execute(admin);
        return Number(result.rows[0]?.deadlocks ?? 0);
      }),
    cleanup: () => dropDatabase(adminUrl, name),
  };
};

/**
 * Drops a scratch database once its last session has gone. Closing a pg pool resolves before its
 * sockets have closed, and a session killed by `with (force)` then would raise an unhandled
 * 'error' on that pool; so plain drops are retried for a while, and force is the last resort.
 */
const dropDatabase = (adminUrl: string, name: string): Promise<void> =>
  withAdmin(adminUrl, async (admin) => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      try {
        await sql.raw(`drop database if exists ${name}`).execute(admin);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006') throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
  });

const describeRun = (label: string, run: RunFigures): string => {
  const cpu = run.cpuMsPerOrder;
  const parts = [
    cpu.server === null ? null : `server ${cpu.server}`,
    cpu.database === null ? null : `postgres ${cpu.database}`,
    `bench ${cpu.bench}`,
    cpu.machine === null ? null : `machine ${cpu.machine}`,
  ].filter(Boolean);
  return (
    `  ${label}: ${run.ordersPerSecond} orders/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms` +
    `${run.failed ? `, ${run.failed} FAILED` : ''}; CPU ms/order: ${parts.join(', ')}` +
    `${run.machineBusyPercent === null ? '' : ` (cores ${run.machineBusyPercent}% busy)`}`
  );
};

/** The first orders are measured, the last ones warm up: no order is sent twice under one tag. */
const split = (workload: Workload, options: IngestBenchOptions, kind: DatabaseKind) => ({
  warmup: workload.orders.slice(-options.warmupOrders),
  measured: workload.orders.slice(0, options.orders[kind]),
});

const runApiPhase = async (
  options: IngestBenchOptions,
  kind: DatabaseKind,
  target: Target,
  workload: Workload,
  figures: DatabaseFigures,
): Promise<Map<string, string>> => {
  const adminKey = `bench_${randomBytes(16).toString('hex')}`;
  const deadlocksBefore = await target.deadlocks();
  const server = await startServerChild(
    {
      ...target.env,
      REGULARS_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
      REGULARS_SETTLE_INTERVAL_MS: '0',
    },
    options.cpuProfileDir ? join(options.cpuProfileDir, kind) : null,
  );
  const client = createClient(server.url, adminKey, options.concurrency);
  const fail = (message: string) => {
    if (figures.failures.length < 5) figures.failures.push(message);
  };
  try {
    const started = performance.now();
    const customerIds = await createCustomers(client, workload, options.concurrency);
    figures.customers = customerIds.size;
    figures.customersSeconds = round((performance.now() - started) / 1000, 2);
    const { warmup, measured } = split(workload, options, kind);
    const sources: CpuSources = {
      serverPid: server.pid,
      databasePids: () => target.databasePids(),
    };
    await measureApi(client, warmup, 'warm', options.concurrency, sources, fail);
    const runs: RunFigures[] = [];
    for (let r = 1; r <= options.repeats; r += 1) {
      const run = await measureApi(client, measured, `api${r}`, options.concurrency, sources, fail);
      options.log(describeRun(`${kind} API run ${r}`, run));
      runs.push(run);
    }
    figures.api = { runs, median: summarise(runs) };
    if (options.compareRules) {
      figures.rules = await compareRuleSets(client, measured, kind, options, sources, fail);
    }
    // The experiment is written straight to the database (its API is not there yet), which
    // PGlite's one process cannot share with the running server.
    if (options.compareExperiment && kind === 'postgres') {
      const direct = await target.openDirect();
      try {
        await experimentRepository(direct.db).insert(benchExperiment(new Date(0)));
      } finally {
        await direct.close();
      }
      figures.experiment = await compareExperimentArms(
        client,
        measured,
        kind,
        options,
        sources,
        fail,
      );
    }
    return customerIds;
  } catch (error) {
    throw new Error(`${(error as Error).message}\nserver output:\n${server.tail()}`);
  } finally {
    client.close();
    await server.stop();
    if (figures.failures.length > 0) figures.serverLogTail = server.tail();
    const deadlocksAfter = await target.deadlocks();
    if (deadlocksBefore !== null && deadlocksAfter !== null) {
      figures.deadlocks = deadlocksAfter - deadlocksBefore;
    }
  }
};

/** 1 rule, then 50, then 1 … alternating per repeat so drift hits both alike. */
const compareRuleSets = async (
  client: HttpClient,
  measured: OrderSeed[],
  kind: DatabaseKind,
  options: IngestBenchOptions,
  sources: CpuSources,
  fail: (message: string) => void,
): Promise<NonNullable<DatabaseFigures['rules']>> => {
  const sets = await installRuleSets(client);
  const runs: Record<keyof RuleSets, RunFigures[]> = { one: [], fifty: [] };
  for (let r = 1; r <= options.repeats; r += 1) {
    const order: (keyof RuleSets)[] = r % 2 === 1 ? ['one', 'fifty'] : ['fifty', 'one'];
    for (const set of order) {
      await activateOnly(client, sets.fifty, sets[set]);
      const run = await measureApi(
        client,
        measured,
        `rules-${set}-${r}`,
        options.concurrency,
        sources,
        fail,
      );
      options.log(describeRun(`${kind} API with ${sets[set].length} rule(s), run ${r}`, run));
      runs[set].push(run);
    }
  }
  await activateOnly(client, sets.fifty, []);
  const one = summarise(runs.one);
  const fifty = summarise(runs.fifty);
  // CPU per order of the server and its database is steadier than orders/s on a shared machine.
  const cpu = (s: Summary) =>
    s.cpuMsPerOrder.server === null
      ? null
      : s.cpuMsPerOrder.server + (s.cpuMsPerOrder.database ?? 0);
  const [cpuOne, cpuFifty] = [cpu(one), cpu(fifty)];
  return {
    one,
    fifty,
    ratio: round(fifty.ordersPerSecond / one.ordersPerSecond, 3),
    cpuRatio: cpuOne && cpuFifty ? round(cpuOne / cpuFifty, 3) : null,
  };
};

const cpuOfOrder = (s: Summary) =>
  s.cpuMsPerOrder.server === null ? null : s.cpuMsPerOrder.server + (s.cpuMsPerOrder.database ?? 0);

/** A (rule without the experiment) then B (rule on its treatment arm), alternating per repeat. */
const compareExperimentArms = async (
  client: HttpClient,
  measured: OrderSeed[],
  kind: DatabaseKind,
  options: IngestBenchOptions,
  sources: CpuSources,
  fail: (message: string) => void,
): Promise<NonNullable<DatabaseFigures['experiment']>> => {
  const rules = await installExperimentRules(client);
  const all = [rules.plain, rules.arm];
  // The server read the running experiments (none) with the first orders; let its cache lapse.
  await new Promise((resolve) => setTimeout(resolve, PROGRAMME_CACHE_TTL_MS + 200));
  const runs: Record<'a' | 'b', RunFigures[]> = { a: [], b: [] };
  for (let r = 1; r <= options.repeats; r += 1) {
    const order: ('a' | 'b')[] = r % 2 === 1 ? ['a', 'b'] : ['b', 'a'];
    for (const arm of order) {
      await activateOnly(client, all, [arm === 'a' ? rules.plain : rules.arm]);
      const run = await measureApi(
        client,
        measured,
        `exp-${arm}-${r}`,
        options.concurrency,
        sources,
        fail,
      );
      options.log(describeRun(`${kind} API experiment ${arm.toUpperCase()}, run ${r}`, run));
      runs[arm].push(run);
    }
  }
  await activateOnly(client, all, []);
  const [a, b] = [summarise(runs.a), summarise(runs.b)];
  const [cpuA, cpuB] = [cpuOfOrder(a), cpuOfOrder(b)];
  return {
    a,
    b,
    runs: {
      a: runs.a.map((r) => r.ordersPerSecond),
      b: runs.b.map((r) => r.ordersPerSecond),
    },
    ratio: round(b.ordersPerSecond / a.ordersPerSecond, 3),
    cpuRatio: cpuA && cpuB ? round(cpuA / cpuB, 3) : null,
  };
};

const runBaselinePhase = async (
  options: IngestBenchOptions,
  kind: DatabaseKind,
  target: Target,
  workload: Workload,
  customerIds: Map<string, string>,
  figures: DatabaseFigures,
): Promise<void> => {
  const direct = await target.openDirect();
  try {
    const { warmup, measured } = split(workload, options, kind);
    const sources: CpuSources = { serverPid: null, databasePids: () => target.databasePids() };
    await measureBaseline(direct.db, warmup, 'bwarm', customerIds, options.concurrency, sources);
    const runs: RunFigures[] = [];
    for (let r = 1; r <= options.repeats; r += 1) {
      const run = await measureBaseline(
        direct.db,
        measured,
        `base${r}`,
        customerIds,
        options.concurrency,
        sources,
      );
      options.log(describeRun(`${kind} baseline run ${r}`, run));
      runs.push(run);
    }
    figures.baseline = { runs, median: summarise(runs) };
  } finally {
    await direct.close();
  }
};

const benchDatabase = async (
  options: IngestBenchOptions,
  kind: DatabaseKind,
  workload: Workload,
): Promise<DatabaseFigures> => {
  const figures: DatabaseFigures = {
    database: kind,
    skipped: null,
    customers: 0,
    customersSeconds: 0,
    api: null,
    baseline: null,
    ratio: null,
    rules: null,
    experiment: null,
    failures: [],
    deadlocks: null,
    serverLogTail: null,
  };
  const target =
    kind === 'pglite'
      ? await pgliteTarget()
      : await postgresTarget(options.postgresUrl, options.poolSize);
  if (typeof target === 'string') {
    options.log(`  ${kind}: skipped, ${target}`);
    return { ...figures, skipped: target };
  }
  try {
    const customerIds = await runApiPhase(options, kind, target, workload, figures);
    await runBaselinePhase(options, kind, target, workload, customerIds, figures);
    figures.ratio = round(
      figures.api!.median.ordersPerSecond / figures.baseline!.median.ordersPerSecond,
      3,
    );
    return figures;
  } finally {
    await target.cleanup();
  }
};

export interface IngestBenchReport {
  workload: {
    source: Workload['source'];
    orders: Record<DatabaseKind, number>;
    warmupOrders: number;
    customers: number;
    linesPerOrder: number;
  };
  settings: { concurrency: number; repeats: number; poolSize: number; cores: number };
  databases: DatabaseFigures[];
}

export const runIngestBench = async (options: IngestBenchOptions): Promise<IngestBenchReport> => {
  const workload = await loadWorkload(options);
  const lines = workload.orders.reduce((sum, o) => sum + o.lines.length, 0);
  options.log(
    `Ingest: ${workload.orders.length} ${workload.source} orders ` +
      `(${options.databases.map((k) => `${options.orders[k]} on ${k}`).join(', ')} measured ×${options.repeats}, ` +
      `${options.warmupOrders} warm-up), ${workload.customers.length} customers, concurrency ${options.concurrency}`,
  );
  const databases: DatabaseFigures[] = [];
  for (const kind of options.databases)
    databases.push(await benchDatabase(options, kind, workload));
  return {
    workload: {
      source: workload.source,
      orders: options.orders,
      warmupOrders: options.warmupOrders,
      customers: workload.customers.length,
      linesPerOrder: round(lines / workload.orders.length),
    },
    settings: {
      concurrency: options.concurrency,
      repeats: options.repeats,
      poolSize: options.poolSize,
      cores: cpus().length,
    },
    databases,
  };
};

// ---------------------------------------------------------------------------------------------
// Output.

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

const throughputRow = (d: DatabaseFigures, orders: number): string[] =>
  d.skipped || !d.api || !d.baseline
    ? [d.database, '', 'skipped', '', '', '', '', '', '']
    : [
        d.database,
        String(orders),
        String(d.api.median.ordersPerSecond),
        String(d.api.median.p50Ms),
        String(d.api.median.p99Ms),
        String(d.baseline.median.ordersPerSecond),
        String(d.baseline.median.p50Ms),
        String(d.baseline.median.p99Ms),
        String(d.ratio),
      ];

const cpuRow = (database: string, label: string, summary: Summary): string[] => {
  const show = (value: number | null) => (value === null ? '-' : String(value));
  return [
    `${database} ${label}`,
    show(summary.cpuMsPerOrder.server),
    show(summary.cpuMsPerOrder.database),
    show(summary.cpuMsPerOrder.bench),
    show(summary.cpuMsPerOrder.machine),
    summary.machineBusyPercent === null ? '-' : `${summary.machineBusyPercent}%`,
    show(summary.ceilingOrdersPerSecond),
  ];
};

const rulesLines = (report: IngestBenchReport): string[] => {
  const compared = report.databases.filter((d) => d.rules);
  if (compared.length === 0) return [];
  return [
    '',
    'API ingestion with 1 active rule vs the 50-rule programme (bench/rules-programme.ts; medians)',
    table(
      [
        'database',
        '1 rule orders/s',
        'p50 ms',
        '50 rules orders/s',
        'p50 ms',
        '50/1',
        'CPU/order 1 ÷ 50',
        'bar (30%)',
      ],
      compared.map((d) => [
        d.database,
        String(d.rules!.one.ordersPerSecond),
        String(d.rules!.one.p50Ms),
        String(d.rules!.fifty.ordersPerSecond),
        String(d.rules!.fifty.p50Ms),
        d.rules!.ratio.toFixed(3),
        d.rules!.cpuRatio?.toFixed(3) ?? '-',
        d.rules!.ratio >= 0.7 ? 'met' : 'NOT MET',
      ]),
    ),
  ];
};

const experimentLines = (report: IngestBenchReport): string[] => {
  const compared = report.databases.filter((d) => d.experiment);
  if (compared.length === 0) return [];
  return [
    '',
    'A/B: double points for all (A) vs for the treatment arm of a running open experiment (B); medians',
    table(
      [
        'database',
        'A orders/s',
        'p50 ms',
        'B orders/s',
        'p50 ms',
        'B/A',
        'CPU/order A ÷ B',
        'runs A | B',
      ],
      compared.map((d) => {
        const e = d.experiment!;
        return [
          d.database,
          String(e.a.ordersPerSecond),
          String(e.a.p50Ms),
          String(e.b.ordersPerSecond),
          String(e.b.p50Ms),
          e.ratio.toFixed(3),
          e.cpuRatio?.toFixed(3) ?? '-',
          `${e.runs.a.join(' ')} | ${e.runs.b.join(' ')}`,
        ];
      }),
    ),
  ];
};

export const formatIngestReport = (report: IngestBenchReport): string => {
  const { workload, settings } = report;
  const measured = report.databases.filter((d) => d.api && d.baseline);
  return [
    `HTTP ingestion: medians of ${settings.repeats} run(s) of ${workload.source} orders ` +
      `(${workload.linesPerOrder} lines/order), ${settings.concurrency} keep-alive connections, ` +
      `pool ${settings.poolSize}, ${settings.cores} cores`,
    table(
      [
        'database',
        'orders/run',
        'API orders/s',
        'p50 ms',
        'p99 ms',
        'baseline orders/s',
        'p50 ms',
        'p99 ms',
        'API/baseline',
      ],
      report.databases.map((d) => throughputRow(d, workload.orders[d.database])),
    ),
    '',
    'CPU milliseconds per order (medians; "machine" is every process on the box, other users included)',
    table(
      [
        'run',
        'server',
        'postgres',
        'bench process',
        'machine',
        'cores busy',
        'CPU ceiling orders/s',
      ],
      measured.flatMap((d) => [
        cpuRow(d.database, 'API', d.api!.median),
        cpuRow(d.database, 'baseline', d.baseline!.median),
      ]),
    ),
    ...rulesLines(report),
    ...experimentLines(report),
    ...report.databases.filter((d) => d.skipped).map((d) => `${d.database}: ${d.skipped}`),
    ...report.databases
      .filter((d) => d.deadlocks)
      .map((d) => `${d.database}: ${d.deadlocks} deadlock(s) detected while the server ran`),
    ...report.databases.flatMap((d) => d.failures.map((f) => `${d.database} failure: ${f}`)),
    ...report.databases
      .filter((d) => d.serverLogTail)
      .map((d) => `${d.database} server log (last lines):\n${d.serverLogTail}`),
  ].join('\n');
};

// ---------------------------------------------------------------------------------------------
// Command line (shared with bench/run.ts).

export const parseIngestArgs = (
  args: string[],
): Omit<IngestBenchOptions, 'log'> & { quick: boolean } => {
  const quick = args.includes('--quick');
  const options = { ...defaultIngestOptions(quick), quick };
  const { value, positive } = optionReader(args);
  const orders = value('orders') === undefined ? null : positive('orders', 1);
  if (orders !== null) options.orders = { pglite: orders, postgres: orders };
  options.warmupOrders = positive('warmup', options.warmupOrders);
  options.concurrency = positive('concurrency', options.concurrency);
  options.repeats = positive('repeats', options.repeats);
  options.poolSize = positive('pool', options.poolSize);
  const db = value('db');
  if (db !== undefined) {
    const kinds = db.split(',');
    if (!kinds.every((k): k is DatabaseKind => k === 'pglite' || k === 'postgres')) {
      throw new Error('--db takes pglite, postgres or both, comma-separated');
    }
    options.databases = kinds;
  }
  options.postgresUrl = process.env.BENCH_POSTGRES_URL ?? options.postgresUrl;
  options.retailLinesPath = value('data') ?? options.retailLinesPath;
  if (args.includes('--no-rules')) options.compareRules = false;
  if (args.includes('--no-experiment')) options.compareExperiment = false;
  if (args.includes('--cpu-prof')) options.cpuProfileDir = resolve(ROOT, 'bench/results/profiles');
  return options;
};

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain) {
  const options = parseIngestArgs(process.argv.slice(2));
  const report = await runIngestBench({
    ...options,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatIngestReport(report)}\n`);
}
