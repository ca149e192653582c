import {
  OPERATIONS,
  OPERATION_LABELS,
  type ClosedLoopRun,
  type OpenLoopRun,
} from './latency-load.js';
import { median } from './open-loop.js';
import type { PgbenchResult } from './pgbench.js';

/** The latency benchmark's figures (written to BENCH_RESULT_FILE) and their printed tables. */

export interface RateFigures {
  rate: number;
  seconds: number;
  /** One per repeat. */
  runs: OpenLoopRun[];
}

export interface LatencyReport {
  startedAt: string;
  options: object;
  machine: { cores: number; cpuModel: string; loadAverage: number[] };
  rates: RateFigures[];
  closedLoop: ClosedLoopRun;
  ceiling: PgbenchResult;
  /** Closed-loop orders/s over pgbench's two-INSERT tps. */
  ingestionToCeiling: number;
}

/** Past this, the generator did not send on time and the latencies carry its delay. */
export const GENERATOR_LAG_WARNING_MS = 10;

/** Goals of issue 17, reported, not tuned for. */
export const GOALS = {
  ingestionToCeiling: 0.5,
  rate: 300,
  couponValidateP95Ms: 20,
  couponRedeemP95Ms: 50,
};

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

const ms = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(1));

/** The median over repeats of one figure of one run. */
const mid = (runs: OpenLoopRun[], pick: (run: OpenLoopRun) => number) => median(runs.map(pick));

export const operationP95 = (figures: RateFigures, operation: (typeof OPERATIONS)[number]) =>
  mid(figures.runs, (r) => r.operations[operation].latency.p95Ms);

const busy = (runs: OpenLoopRun[]) => {
  const known = runs.map((r) => r.machineBusyPercent).filter((b): b is number => b !== null);
  return known.length ? `${median(known)}%` : '-';
};

const rateLines = (figures: RateFigures): string[] => {
  const { runs } = figures;
  const rows = OPERATIONS.map((op) => {
    const of = (run: OpenLoopRun) => run.operations[op];
    return [
      OPERATION_LABELS[op],
      String(runs.reduce((sum, r) => sum + of(r).latency.count, 0)),
      String(runs.reduce((sum, r) => sum + of(r).errors, 0)),
      ms(mid(runs, (r) => of(r).latency.p50Ms)),
      ms(mid(runs, (r) => of(r).latency.p95Ms)),
      ms(mid(runs, (r) => of(r).latency.p99Ms)),
      ms(mid(runs, (r) => of(r).latency.maxMs)),
    ];
  });
  const lagP99 = mid(runs, (r) => r.lagMs.p99Ms);
  const samples = runs.flatMap((r) => r.errorSamples).slice(0, 5);
  return [
    `${figures.rate} requests/s for ${figures.seconds} s` +
      (runs.length > 1 ? ` (medians of ${runs.length} repeats; counts summed)` : ''),
    table(['operation', 'count', 'errors', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows),
    `offered ${mid(runs, (r) => r.offeredPerSecond)}/s, answered (2xx) ${mid(runs, (r) => r.answeredPerSecond)}/s; ` +
      `generator lag p50 ${ms(mid(runs, (r) => r.lagMs.p50Ms))} ms, p99 ${ms(lagP99)} ms, ` +
      `max ${ms(mid(runs, (r) => r.lagMs.maxMs))} ms; at most ${Math.max(...runs.map((r) => r.maxInFlight))} in flight; ` +
      `generator CPU ${mid(runs, (r) => r.generatorCpuPercent)}% of a core; ` +
      `cores busy (whole machine) ${busy(runs)}`,
    ...(lagP99 > GENERATOR_LAG_WARNING_MS
      ? [
          `WARNING: the generator fell behind its schedule (lag p99 ${ms(lagP99)} ms > ${GENERATOR_LAG_WARNING_MS} ms); ` +
            'the latencies above include that delay.',
        ]
      : []),
    ...samples.map((s) => `error: ${s}`),
  ];
};

const verdict = (met: boolean) => (met ? 'met' : 'NOT MET');

const goalLines = (report: LatencyReport): string[] => {
  const at = report.rates.find((r) => r.rate === GOALS.rate);
  const validate = at ? operationP95(at, 'couponValidate') : Number.NaN;
  const redeem = at ? operationP95(at, 'couponRedeem') : Number.NaN;
  const checkout = at
    ? [
        `coupon validate p95 at ${GOALS.rate}/s: ${ms(validate)} ms (goal < ${GOALS.couponValidateP95Ms} ms): ${verdict(validate < GOALS.couponValidateP95Ms)}`,
        `coupon redeem p95 at ${GOALS.rate}/s: ${ms(redeem)} ms (goal < ${GOALS.couponRedeemP95Ms} ms): ${verdict(redeem < GOALS.couponRedeemP95Ms)}`,
      ]
    : [`coupon goals at ${GOALS.rate}/s: not measured (${GOALS.rate} is not among --rates)`];
  return [
    `order ingestion ${report.closedLoop.ordersPerSecond} orders/s ÷ pgbench ${report.ceiling.tps.toFixed(1)} tps = ` +
      `${report.ingestionToCeiling} (goal ≥ ${GOALS.ingestionToCeiling}): ${verdict(report.ingestionToCeiling >= GOALS.ingestionToCeiling)}`,
    ...checkout,
  ];
};

export const formatLatencyReport = (report: LatencyReport): string => {
  const { closedLoop, ceiling } = report;
  return [
    `Latency per operation under open-loop mixed load (PostgreSQL; ${report.machine.cores} cores, ` +
      `${report.machine.cpuModel}; load average at the end ${report.machine.loadAverage.join(' ')})`,
    '',
    ...report.rates.flatMap((r) => [...rateLines(r), '']),
    `Closed-loop POST /v1/orders: ${closedLoop.ordersPerSecond} orders/s over ${closedLoop.seconds} s ` +
      `(${closedLoop.orders} sent, ${closedLoop.errors} errors; p50 ${ms(closedLoop.latency.p50Ms)} ms, p99 ${ms(closedLoop.latency.p99Ms)} ms)`,
    ...closedLoop.errorSamples.map((s) => `error: ${s}`),
    `pgbench two-INSERT transaction: ${ceiling.tps.toFixed(1)} tps (${ceiling.clients} clients, ` +
      `${ceiling.threads} threads, ${ceiling.seconds} s, ${ceiling.transactions} transactions, ${ceiling.failed} failed)`,
    '',
    'Goals (issue 17):',
    ...goalLines(report),
  ].join('\n');
};
