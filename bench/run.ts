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
 * `npm run bench`: the HTTP ingestion benchmark, then the import benchmark when
 * bench/import.bench.ts exists (as a child process, its output streamed through). Every figure
 * ends up in bench/results/latest.json. `--quick` makes a small smoke run of the harness.
 */

const ROOT = resolve(import.meta.dirname, '..');
const IMPORT_BENCH = resolve(ROOT, 'bench/import.bench.ts');
const RESULTS = resolve(ROOT, 'bench/results/latest.json');
/** The import benchmark may leave its figures as JSON in this file (path passed as BENCH_RESULT_FILE). */
const IMPORT_RESULTS = resolve(ROOT, 'bench/results/import.json');
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

interface ImportBenchResult {
  status: 'absent' | 'skipped' | 'ok' | 'failed' | 'timed-out';
  exitCode: number | null;
  seconds: number;
  /** What bench/import.bench.ts wrote to BENCH_RESULT_FILE, if it did. */
  figures: unknown;
  /** Its standard output (the end of it, when long). */
  output: string;
}

const readImportFigures = (): unknown => {
  if (!existsSync(IMPORT_RESULTS)) return null;
  try {
    return JSON.parse(readFileSync(IMPORT_RESULTS, 'utf8')) as unknown;
  } catch (error) {
    return { unreadable: (error as Error).message };
  }
};

/** Runs bench/import.bench.ts with tsx in its own process, streaming its output; bounded in time. */
const runImportBench = (quick: boolean): Promise<ImportBenchResult> =>
  new Promise((resolveResult) => {
    rmSync(IMPORT_RESULTS, { force: true });
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', IMPORT_BENCH, ...(quick ? ['--quick'] : [])],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_RESULT_FILE: IMPORT_RESULTS },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEPT_CHARS);
    });
    const limitMs = (quick ? 10 : 60) * 60_000;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }, limitMs);
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      resolveResult({
        status: timedOut ? 'timed-out' : exitCode === 0 ? 'ok' : 'failed',
        exitCode,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        figures: readImportFigures(),
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

  let importBench: ImportBenchResult;
  if (args.includes('--skip-import')) {
    importBench = { status: 'skipped', exitCode: null, seconds: 0, figures: null, output: '' };
  } else if (!existsSync(IMPORT_BENCH)) {
    say('bench/import.bench.ts does not exist yet: import benchmark skipped.');
    importBench = { status: 'absent', exitCode: null, seconds: 0, figures: null, output: '' };
  } else {
    say('Import benchmark (bench/import.bench.ts):');
    importBench = await runImportBench(options.quick);
    say(`Import benchmark ${importBench.status} after ${importBench.seconds} s.`);
  }

  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    quick: options.quick,
    machine: host,
    ingest,
    import: importBench,
  };
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  say(`\nFigures written to ${RESULTS}`);
  const ingestFailed = 'error' in ingest || ingest.databases.some((d) => d.failures.length > 0);
  return ingestFailed || importBench.status === 'failed' || importBench.status === 'timed-out'
    ? 1
    : 0;
};

process.exitCode = await main();
