import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { sql } from 'kysely';
import { resultsOf } from '../src/app/experiment-results.js';
import { DEFAULT_LIFECYCLE_THRESHOLDS } from '../src/core/analytics/lifecycle.js';
import { VariantSchema } from '../src/core/experiments/experiments.js';
import { DEFAULT_PROGRAMME } from '../src/core/programme/programme.js';
import { refreshCustomerAnalytics } from '../src/db/analytics/customer-analytics.queries.js';
import type { Database } from '../src/db/dialect.js';
import { explainExperimentMetrics } from '../src/db/experiments/experiment-metrics.queries.js';
import { experimentRepository } from '../src/db/experiments/experiments.repository.js';
import { experimentFixture } from '../test/support/experiment-fixture.js';
import { withKeptPostgres, withScratchPostgres } from './scratch-database.js';
import { generateSyntheticShop } from './synthetic-shop.js';

/**
 * An experiment's results over the synthetic shop (1,000,000 customers, ~10,000,000 orders, an
 * earn entry per order, ~3 % of orders returned) on PostgreSQL: the whole population exposed at once (exposePopulation), then the results document
 * (one SQL statement of sums, then the statistics) timed `--runs` times, beside a
 * `select count(*) from sales_order` in the same run. RFM and lifecycle are refreshed first so the
 * heterogeneity breakdown has its groups. Run alone:
 * `npx tsx bench/experiment-results.bench.ts [--customers=N] [--runs=N] [--keep=DBNAME]`
 * (`--keep` generates into that database once and reuses it on later runs); figures go to
 * BENCH_RESULT_FILE or bench/results/experiment-results.json.
 */

const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_RESULTS = resolve(ROOT, 'bench/results/experiment-results.json');

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const say = (line: string) => process.stdout.write(`${line}\n`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const time = async (runs: number, work: () => Promise<unknown>): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    out.push(Math.round(performance.now() - started));
  }
  return out;
};

const END = new Date('2026-11-01T00:00:00Z');
// Exposed 60 days before the data ends: the horizon is complete, the pre-period is a year of orders.
const EXPOSED_AT = new Date(END.getTime() - 60 * 86_400_000);

const experiment = experimentFixture('exp_bench', EXPOSED_AT, {
  key: 'bench',
  name: 'Double points',
  salt: 'bench-salt',
  variants: VariantSchema.array().parse([
    { key: 'control', name: 'Control', weight: 1, control: true },
    { key: 'double', name: 'Double points', weight: 1 },
  ]),
});

interface Prepared {
  customers: number;
  orders: number;
  ledgerEntries: number;
  returns: number;
  exposed: number;
  generationSeconds: number | null;
  rfmSeconds: number | null;
  exposeMs: number | null;
}

const tableSizes = async (database: Database) => {
  const { rows } = await sql<{
    customers: number;
    orders: number;
    entries: number;
    returns: number;
  }>`
    select (select count(*) from customer)::int as customers,
           (select count(*) from sales_order)::int as orders,
           (select count(*) from ledger_entry)::int as entries,
           (select count(*) from order_return)::int as returns
  `.execute(database.db);
  return rows[0]!;
};

// The shop, its RFM/lifecycle and the exposures; skipped when a kept database already has them.
const prepare = async (database: Database, customers: number): Promise<Prepared> => {
  const db = database.db;
  const programme = DEFAULT_PROGRAMME;
  const store = experimentRepository(db);
  const existing = await tableSizes(database);
  if (existing.customers > 0 && (await store.byKey(experiment.key))) {
    const exposed = await sql<{ n: number }>`
      select count(*)::int as n from experiment_exposure where experiment_id = ${experiment.id}
    `.execute(db);
    say(`  reusing ${existing.customers.toLocaleString('en-GB')} customers`);
    return {
      customers: existing.customers,
      orders: existing.orders,
      ledgerEntries: existing.entries,
      returns: existing.returns,
      exposed: exposed.rows[0]!.n,
      generationSeconds: null,
      rfmSeconds: null,
      exposeMs: null,
    };
  }
  let started = performance.now();
  await generateSyntheticShop(db, {
    customers,
    ordersPerCustomer: 10.5,
    end: END,
    currency: programme.currency,
    loyalty: true,
    onProgress: ({ customers: done, orders }) => {
      if (done % Math.max(1, Math.floor(customers / 5)) < 50_000 || done === customers) {
        say(
          `  ${done.toLocaleString('en-GB')} customers, ${orders.toLocaleString('en-GB')} orders`,
        );
      }
    },
  });
  const generationSeconds = Math.round((performance.now() - started) / 1000);
  say(`  generated in ${generationSeconds} s`);

  started = performance.now();
  await refreshCustomerAnalytics(db, {
    asOf: END,
    scope: { currency: programme.currency, timeZone: programme.timeZone },
    thresholds: DEFAULT_LIFECYCLE_THRESHOLDS,
    computedAt: END,
  });
  const rfmSeconds = Math.round((performance.now() - started) / 1000);

  await store.insert(experiment);
  started = performance.now();
  const exposed = await store.exposePopulation(experiment, EXPOSED_AT);
  const exposeMs = Math.round(performance.now() - started);
  await sql`vacuum analyze`.execute(db);
  say(`  exposed ${exposed.toLocaleString('en-GB')} customers in ${exposeMs} ms`);
  const sizes = await tableSizes(database);
  return {
    customers: sizes.customers,
    orders: sizes.orders,
    ledgerEntries: sizes.entries,
    returns: sizes.returns,
    exposed,
    generationSeconds,
    rfmSeconds,
    exposeMs,
  };
};

const run = async (database: Database, customers: number, runs: number) => {
  const db = database.db;
  const programme = DEFAULT_PROGRAMME;
  const prepared = await prepare(database, customers);

  const query = {
    experimentId: experiment.id,
    asOf: END,
    metrics: experiment.metrics,
    currency: programme.currency,
    pointValueMilliMinor: programme.pointValueMilliMinor,
  };
  const baselineMs = await time(runs, () => sql`select count(*) from sales_order`.execute(db));
  let summary = '';
  const resultsMs = await time(runs, async () => {
    const r = await resultsOf(db, programme, experiment, END);
    summary = r.summary[0]?.sentence ?? '';
  });
  const planText = await explainExperimentMetrics(db, query);
  const report = {
    machine: {
      cores: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    ...prepared,
    baseline: {
      step: 'select count(*) from sales_order',
      medianMs: median(baselineMs),
      runsMs: baselineMs,
    },
    results: {
      step: 'GET results (SQL sums + statistics)',
      medianMs: median(resultsMs),
      runsMs: resultsMs,
      ratioToBaseline: Math.round((median(resultsMs) / median(baselineMs)) * 10) / 10,
    },
    summary,
    plan: planText,
  };
  say(`  count(*) baseline: median ${report.baseline.medianMs} ms (${baselineMs.join(', ')})`);
  say(`  results: median ${report.results.medianMs} ms (${resultsMs.join(', ')})`);
  say(`  ${summary}`);
  return report;
};

const main = async () => {
  const customers = Number(arg('customers') ?? 1_000_000);
  const runs = Number(arg('runs') ?? 3);
  say(`Experiment results over ${customers.toLocaleString('en-GB')} customers (PostgreSQL):`);
  const keep = arg('keep');
  const report = keep
    ? await withKeptPostgres(keep, (d) => run(d, customers, runs))
    : await withScratchPostgres('regulars_bench_experiments', (d) => run(d, customers, runs));
  const file = process.env.BENCH_RESULT_FILE ?? DEFAULT_RESULTS;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  say(`figures written to ${file}`);
};

await main();
