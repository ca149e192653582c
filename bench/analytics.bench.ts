import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import { importOrders } from '../src/cli/import/index.js';
import { ClvSettingsSchema, refreshClv } from '../src/core/analytics/clv-refresh.js';
import { CLV_MODEL_NAMES, ModelFitError, fitModel } from '../src/core/analytics/clv/index.js';
import { cohortReport } from '../src/core/analytics/cohorts.js';
import { DEFAULT_LIFECYCLE_THRESHOLDS } from '../src/core/analytics/lifecycle.js';
import { retentionReport } from '../src/core/analytics/retention.js';
import { DEFAULT_PROGRAMME } from '../src/core/programme/programme.js';
import { systemClock, type Clock } from '../src/core/shared/clock.js';
import { clvSource } from '../src/db/analytics/clv.queries.js';
import { cohortQueries } from '../src/db/analytics/cohorts.queries.js';
import { refreshCustomerAnalytics } from '../src/db/analytics/customer-analytics.queries.js';
import { purchaseDayRange } from '../src/db/analytics/purchases.sql.js';
import { retentionQueries } from '../src/db/analytics/retention.queries.js';
import type { Database } from '../src/db/dialect.js';
import { withScratchPglite, withScratchPostgres } from './scratch-database.js';
import { generateSyntheticShop } from './synthetic-shop.js';

/**
 * Analytics benchmark: RFM + lifecycle refresh, the cohort matrix, the retention series and the
 * CLV refresh (SQL summary, BG/NBD + Gamma-Gamma fit, one write per customer) on
 *  - the Online Retail data (4,338 buyers, 18,500 orders), on PGlite and PostgreSQL;
 *  - a synthetic shop of 1,000,000 customers and ~10,000,000 orders, on PostgreSQL.
 * Each timing is set beside a baseline measured in the same run on the same database: one plain
 * aggregate pass over sales_order (orders and revenue per customer), so machine noise shows in
 * both. Run alone: `npx tsx bench/analytics.bench.ts [--customers=N] [--skip-synthetic]
 * [--skip-retail] [--runs=N]`; figures go to BENCH_RESULT_FILE or bench/results/analytics.json.
 */

const ROOT = resolve(import.meta.dirname, '..');
const RETAIL = resolve(ROOT, '../shared/data/online-retail/online_retail_lines.csv.gz');
const DEFAULT_RESULTS = resolve(ROOT, 'bench/results/analytics.json');

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const flag = (name: string) => process.argv.includes(`--${name}`);
const say = (line: string) => process.stdout.write(`${line}\n`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Timing {
  step: string;
  medianMs: number;
  runsMs: number[];
  /** medianMs / the baseline's medianMs on the same database in the same run. */
  ratioToBaseline: number | null;
  note?: string;
}

const time = async (runs: number, work: () => Promise<unknown>): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    out.push(performance.now() - started);
  }
  return out;
};

const baselinePass = (db: Database['db']) =>
  sql`select count(*) from (select customer_id, count(*), sum(total_minor)
        from sales_order group by customer_id) t`.execute(db);

/** Times every analytics step on one database whose data is loaded; the clock sits at `asOf`. */
const benchSteps = async (
  database: Database,
  label: string,
  options: { asOf: Date; runs: number; currency: string; heavyRuns: number },
): Promise<Timing[]> => {
  const db = database.db;
  const programme = { ...DEFAULT_PROGRAMME, currency: options.currency };
  const scope = { currency: programme.currency, timeZone: programme.timeZone };
  const clock: Clock = { now: () => options.asOf };
  const range = await purchaseDayRange(db, scope);
  const from = range.first!;
  const to = range.last!;
  const rows: Timing[] = [];
  const record = (step: string, runsMs: number[], note?: string) => {
    const base = rows[0]?.medianMs ?? null;
    const m = median(runsMs);
    rows.push({
      step,
      medianMs: Math.round(m),
      runsMs: runsMs.map(Math.round),
      ratioToBaseline: base ? Math.round((m / base) * 100) / 100 : null,
      ...(note ? { note } : {}),
    });
    say(
      `  ${label.padEnd(9)} ${step.padEnd(46)} ${String(Math.round(m)).padStart(8)} ms${base ? `  ×${(m / base).toFixed(2)} baseline` : ''}`,
    );
  };
  record(
    'baseline: one aggregate pass over orders',
    await time(options.runs, () => baselinePass(db)),
  );
  record(
    'RFM + lifecycle refresh (all customers)',
    await time(options.heavyRuns, () =>
      refreshCustomerAnalytics(db, {
        asOf: options.asOf,
        scope,
        thresholds: DEFAULT_LIFECYCLE_THRESHOLDS,
        computedAt: options.asOf,
      }),
    ),
  );
  record(
    'cohort matrix (monthly, all cohorts)',
    await time(options.runs, () =>
      cohortReport(
        { cohorts: cohortQueries(db), programme, clock },
        { granularity: 'month', from, to },
      ),
    ),
  );
  record(
    'retention series (monthly, whole range)',
    await time(options.runs, () =>
      retentionReport(
        { retention: retentionQueries(db), programme, clock: systemClock },
        { granularity: 'month', from, to, activeDays: 365 },
      ),
    ),
  );
  const source = clvSource(db, scope);
  const today = to;
  let customers = 0;
  record(
    'CLV summary per customer (SQL)',
    await time(options.heavyRuns, async () => {
      customers = (await source.summaries({ calibrationEnd: today })).customers.length;
    }),
    `${customers} customers`,
  );
  const { customers: summaries } = await source.summaries({ calibrationEnd: today });
  for (const model of CLV_MODEL_NAMES) {
    try {
      record(`fit ${model}`, await time(1, async () => fitModel(model, summaries)));
    } catch (error) {
      say(`  ${label.padEnd(9)} fit ${model}: not fitted (${(error as Error).message})`);
    }
  }
  try {
    record(
      'CLV refresh (summary, fits, validation, write)',
      await time(1, () =>
        refreshClv(source, { settings: ClvSettingsSchema.parse({}), today, now: options.asOf }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ModelFitError)) throw error;
    say(`  ${label.padEnd(9)} CLV refresh: not fitted (${error.message})`);
  }
  return rows;
};

/** Large sorts of the refresh stay in memory rather than spilling to disk. */
const withPostgres = <T>(work: (database: Database) => Promise<T>): Promise<T> =>
  withScratchPostgres('regulars_analytics_bench', async (database) => {
    await sql`select set_config('work_mem', '256MB', false)`.execute(database.db);
    return work(database);
  });

const withPglite = <T>(work: (database: Database) => Promise<T>): Promise<T> =>
  withScratchPglite('regulars-analytics-bench', work);

const retail = async (database: Database, label: string, runs: number) => {
  const started = performance.now();
  await importOrders(
    { db: database.db, clock: systemClock },
    { file: RETAIL, format: 'online-retail' },
  );
  say(
    `  ${label.padEnd(9)} import of Online Retail took ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below)`,
  );
  return benchSteps(database, label, {
    asOf: new Date('2011-12-10T00:00:00Z'),
    runs,
    heavyRuns: runs,
    currency: 'GBP',
  });
};

const synthetic = async (database: Database, customers: number) => {
  const end = new Date('2026-11-01T00:00:00Z');
  const started = performance.now();
  let lastShown = 0;
  const made = await generateSyntheticShop(database.db, {
    customers,
    ordersPerCustomer: 10.5,
    end,
    currency: 'GBP',
    onProgress: ({ customers: done, orders }) => {
      if (done - lastShown >= customers / 10 || done === customers) {
        lastShown = done;
        say(
          `  synthetic: ${done.toLocaleString('en-GB')} customers, ${orders.toLocaleString('en-GB')} orders (${((performance.now() - started) / 1000).toFixed(0)} s)`,
        );
      }
    },
  });
  const generationSeconds = (performance.now() - started) / 1000;
  const steps = await benchSteps(database, 'synthetic', {
    asOf: end,
    runs: 1,
    heavyRuns: 1,
    currency: 'GBP',
  });
  return { customers: made.customers, orders: made.orders, generationSeconds, steps };
};

const main = async () => {
  const runs = Number(arg('runs') ?? 3);
  const customers = Number(arg('customers') ?? 1_000_000);
  const report: Record<string, unknown> = {
    machine: {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    runs,
  };
  if (!flag('skip-retail')) {
    if (!existsSync(RETAIL)) say(`Online Retail not found at ${RETAIL}: skipped`);
    else {
      say('Analytics on Online Retail:');
      report.retailPglite = await withPglite((d) => retail(d, 'pglite', runs));
      report.retailPostgres = await withPostgres((d) => retail(d, 'postgres', runs));
    }
  }
  if (!flag('skip-synthetic')) {
    say(
      `Analytics on a synthetic shop of ${customers.toLocaleString('en-GB')} customers (PostgreSQL):`,
    );
    report.synthetic = await withPostgres((d) => synthetic(d, customers));
  }
  const file = process.env.BENCH_RESULT_FILE ?? DEFAULT_RESULTS;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`figures written to ${file}`);
};

await main();
