import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import {
  formatIngestReport,
  parseIngestArgs,
  runIngestBench,
  type IngestBenchReport,
} from './ingest.bench.js';

/**
 * `npm run bench`: the HTTP ingestion benchmark, then the import, CLV, analytics, rules, latency
 * and other benchmarks, each in a child process with its output streamed through (`--skip-<name>` leaves
 * one out). Every figure ends up in bench/results/latest.json. `--quick` makes a small smoke run.
 */

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = resolve(ROOT, 'bench/results/latest.json');
const OUTPUT_KEPT_CHARS = 20_000;

const say = (line: string) => process.stdout.write(`${line}\n`);

const machine = () => ({
  cores: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
});

interface ChildBenchResult {
  status: 'absent' | 'skipped' | 'ok' | 'failed' | 'timed-out';
  exitCode: number | null;
  seconds: number;
  /** What the benchmark wrote to BENCH_RESULT_FILE, if it did. */
  figures: unknown;
  /** Its standard output (the end of it, when long). */
  output: string;
}

/** A benchmark script run in its own process (a fresh heap, its own event loop). */
interface ChildBench {
  name: string;
  script: string;
  args: (quick: boolean) => string[];
  limitMinutes: (quick: boolean) => number;
}

const CHILD_BENCHES: ChildBench[] = [
  {
    name: 'import',
    script: 'bench/import.bench.ts',
    args: (quick) => (quick ? ['--quick'] : []),
    limitMinutes: (quick) => (quick ? 10 : 60),
  },
  {
    name: 'clv',
    script: 'bench/clv.bench.ts',
    args: (quick) => (quick ? ['--runs=1'] : []),
    limitMinutes: () => 30,
  },
  {
    name: 'analytics',
    script: 'bench/analytics.bench.ts',
    // The 1,000,000-customer shop takes about 20 minutes: `npx tsx bench/analytics.bench.ts`.
    args: (quick) =>
      quick ? ['--runs=1', '--customers=2000', '--skip-retail'] : ['--customers=100000'],
    limitMinutes: (quick) => (quick ? 15 : 60),
  },
  {
    name: 'experiment-results',
    script: 'bench/experiment-results.bench.ts',
    // The 1,000,000-customer shop takes 20+ minutes to generate:
    // `npx tsx bench/experiment-results.bench.ts` runs it alone.
    args: (quick) => (quick ? ['--customers=5000', '--runs=1'] : ['--customers=100000']),
    limitMinutes: (quick) => (quick ? 10 : 30),
  },
  {
    name: 'segments',
    script: 'bench/segments.bench.ts',
    args: (quick) => (quick ? ['--customers=20000', '--runs=1'] : []),
    limitMinutes: (quick) => (quick ? 5 : 20),
  },
  {
    name: 'rules',
    script: 'bench/rules.bench.ts',
    args: (quick) => (quick ? ['--quick'] : []),
    limitMinutes: (quick) => (quick ? 5 : 30),
  },
  {
    name: 'recommendations',
    script: 'bench/recommendations.bench.ts',
    // Six splits, a whole refresh each (up to 47 s on PGlite on an idle machine), then the scoring.
    args: (quick) => (quick ? ['--quick'] : []),
    limitMinutes: (quick) => (quick ? 10 : 45),
  },
  {
    name: 'latency',
    script: 'bench/latency.bench.ts',
    // Open-loop mixed load at 100, 300 and 1,000 requests/s on PostgreSQL, then pgbench's ceiling.
    args: (quick) => (quick ? ['--quick'] : []),
    limitMinutes: (quick) => (quick ? 10 : 30),
  },
  {
    name: 'dashboard',
    script: 'bench/dashboard.bench.ts',
    args: (quick) => (quick ? ['--quick'] : []),
    limitMinutes: (quick) => (quick ? 10 : 20),
  },
];

const readFigures = (file: string): unknown => {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
};

/** Runs one child benchmark with tsx, streaming its output; bounded in time. */
const runChildBench = (bench: ChildBench, quick: boolean): Promise<ChildBenchResult> =>
  new Promise((resolveResult) => {
    const resultFile = resolve(ROOT, `bench/results/${bench.name}.json`);
    rmSync(resultFile, { force: true });
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(ROOT, bench.script), ...bench.args(quick)],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_RESULT_FILE: resultFile },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
    });
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      },
      bench.limitMinutes(quick) * 60_000,
    );
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      resolveResult({
        status: timedOut ? 'timed-out' : exitCode === 0 ? 'ok' : 'failed',
        exitCode,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        figures: readFigures(resultFile),
        output,
      });
    };
    child.once('error', (error) => {
      output += `\n${error.message}`;
      finish(null);
    });
    child.once('close', (code) => finish(code));
  });

const main = async (): Promise<number> => {
  const args = process.argv.slice(2);
  const options = parseIngestArgs(args);
  const startedAt = new Date();
  const host = machine();
  say(
    `Regulars benchmarks${options.quick ? ' (quick smoke run)' : ''}: ${host.cores} cores (${host.cpuModel}), ` +
      `node ${host.node}, load average ${host.loadAverageAtStart.join(' ')}\n`,
  );

  let ingest: IngestBenchReport | { error: string };
  try {
    ingest = await runIngestBench({ ...options, log: say });
    say(`\n${formatIngestReport(ingest)}\n`);
  } catch (error) {
    ingest = { error: (error as Error).stack ?? String(error) };
    say(`\nIngest benchmark failed: ${ingest.error}\n`);
  }

  const children: Record<string, ChildBenchResult> = {};
  for (const bench of CHILD_BENCHES) {
    if (args.includes(`--skip-${bench.name}`)) {
      children[bench.name] = {
        status: 'skipped',
        exitCode: null,
        seconds: 0,
        figures: null,
        output: '',
      };
      continue;
    }
    say(`\n${bench.name} benchmark (${bench.script}):`);
    const result = await runChildBench(bench, options.quick);
    children[bench.name] = result;
    say(`${bench.name} benchmark ${result.status} after ${result.seconds} s.`);
  }

  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    machine: host,
    ingest,
    ...children,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  say(`\nFigures written to ${RESULTS}`);
  const ingestFailed = 'error' in ingest || ingest.databases.some((d) => d.failures.length > 0);
  const childFailed = Object.values(children).some(
    (c) => c.status === 'failed' || c.status === 'timed-out',
  );
  return ingestFailed || childFailed ? 1 : 0;
};

process.exitCode = await main();
