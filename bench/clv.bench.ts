import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPurchases } from '../src/cli/clv/read-purchases.js';
import {
  CLV_MODEL_NAMES,
  fitModel,
  summarisePurchases,
  type ClvModelName,
  type ModelFit,
} from '../src/core/analytics/clv/index.js';

/**
 * CLV benchmark: each model fitted to the whole CDNOW master file (23,570 customers, calibration
 * to 1997-09-30) five times; the median fit time, with the parameters and log-likelihood of the
 * last fit. Run alone with `npx tsx bench/clv.bench.ts [--data=PATH] [--runs=N]`; the figures go
 * to BENCH_RESULT_FILE when set, else bench/results/clv.json.
 */

const ROOT = resolve(import.meta.dirname, '..');
const CDNOW_MASTER = resolve(ROOT, '../shared/data/cdnow/CDNOW_master.txt');
const DEFAULT_RESULTS = resolve(ROOT, 'bench/results/clv.json');
const CALIBRATION_END = '1997-09-30';

export interface ClvBenchRow {
  model: ClvModelName;
  medianFitMs: number;
  fitMs: number[];
  params: Record<string, number>;
  logLikelihood: number;
  customers: number;
  groups: number;
  evaluations: number;
  iterations: number;
  converged: boolean;
}

export interface ClvBenchReport {
  status: 'ok' | 'skipped';
  reason?: string;
  file: string;
  calibrationEnd: string;
  runs: number;
  purchases: number;
  customers: number;
  readAndSummariseMs: number;
  models: ClvBenchRow[];
  machine: { cores: number; cpuModel: string; node: string; loadAverageAtStart: number[] };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const benchModel = (
  model: ClvModelName,
  customers: Parameters<typeof fitModel>[1],
  runs: number,
) => {
  const times: number[] = [];
  let last: ModelFit | null = null;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = fitModel(model, customers);
    times.push(performance.now() - started);
  }
  const fit = last!;
  return {
    model,
    medianFitMs: median(times),
    fitMs: times,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    customers: fit.customers,
    groups: fit.groups,
    evaluations: fit.evaluations,
    iterations: fit.iterations,
    converged: fit.converged,
  } satisfies ClvBenchRow;
};

const machine = () => ({
  cores: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
});

export const runClvBench = async (
  file: string,
  runs: number,
  log: (line: string) => void,
): Promise<ClvBenchReport> => {
  const base = { file, calibrationEnd: CALIBRATION_END, runs, machine: machine() };
  if (!existsSync(file)) {
    const reason = `${file} not found (the shared data lives beside the repository)`;
    log(`clv bench skipped: ${reason}`);
    return {
      ...base,
      status: 'skipped',
      reason,
      purchases: 0,
      customers: 0,
      readAndSummariseMs: 0,
      models: [],
    };
  }
  const started = performance.now();
  const { log: purchases } = await readPurchases(file, { format: 'cdnow' });
  const { customers } = summarisePurchases(purchases, { calibrationEnd: CALIBRATION_END });
  const readAndSummariseMs = performance.now() - started;
  log(
    `read ${purchases.size} purchases, ${customers.length} customers in ${readAndSummariseMs.toFixed(0)} ms`,
  );
  const models = CLV_MODEL_NAMES.map((model) => {
    const row = benchModel(model, customers, runs);
    log(formatRow(row));
    return row;
  });
  return {
    ...base,
    status: 'ok',
    purchases: purchases.size,
    customers: customers.length,
    readAndSummariseMs,
    models,
  };
};

const formatRow = (row: ClvBenchRow) => {
  const params = Object.entries(row.params)
    .map(([name, value]) => `${name}=${value.toPrecision(4)}`)
    .join(' ');
  return (
    `${row.model.padEnd(12)} median ${row.medianFitMs.toFixed(0).padStart(5)} ms  ` +
    `LL ${row.logLikelihood.toFixed(2)}  ${params}  ` +
    `(${row.customers} customers, ${row.groups} groups, ${row.evaluations} evaluations${row.converged ? '' : ', NOT converged'})`
  );
};

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain) {
  const arg = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const runs = Number(arg('runs') ?? 5);
  const report = await runClvBench(
    arg('data') ?? CDNOW_MASTER,
    Number.isInteger(runs) && runs > 0 ? runs : 5,
    (line) => process.stdout.write(`${line}\n`),
  );
  const out = process.env.BENCH_RESULT_FILE ?? DEFAULT_RESULTS;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`figures written to ${out}\n`);
}
