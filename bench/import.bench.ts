import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { importOrders, type ImportSummary } from '../src/cli/import/index.js';
import { systemClock } from '../src/core/shared/clock.js';
import { openDatabase, type Database } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';

/**
 * Import benchmark: the whole UCI Online Retail lines file (541,909 lines) into a fresh embedded
 * PGlite (in a temporary directory) and a fresh PostgreSQL database (created and dropped here),
 * against a baseline measured in the same run: reading, parsing and checking the file with no
 * writes. Run it alone with `npx tsx bench/import.bench.ts [--data=PATH] [--db=pglite,postgres]`.
 */

const ROOT = resolve(import.meta.dirname, '..');
const RETAIL_LINES = resolve(ROOT, '../shared/data/online-retail/online_retail_lines.csv.gz');

export interface ImportBenchOptions {
  file: string;
  databases: ('pglite' | 'postgres')[];
  postgresUrl: string;
  log: (line: string) => void;
}

export interface ImportBenchRow {
  target: string;
  summary: ImportSummary | null;
  seconds: number | null;
  skipped: string | null;
}

const timed = async (
  target: string,
  work: () => Promise<ImportSummary>,
): Promise<ImportBenchRow> => {
  const started = performance.now();
  const summary = await work();
  return { target, summary, seconds: (performance.now() - started) / 1000, skipped: null };
};

const importInto = (database: Database, file: string, dryRun = false) =>
  importOrders({ db: database.db, clock: systemClock }, { file, format: 'online-retail', dryRun });

const benchPglite = async (file: string): Promise<ImportBenchRow[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'regulars-import-bench-'));
  const database = await openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(database.db);
    const baseline = await timed('baseline: read + parse + check, no writes', () =>
      importInto(database, file, true),
    );
    return [baseline, await timed('pglite (temp dir)', () => importInto(database, file))];
  } finally {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  }
};

const withAdmin = async <T>(
  url: string,
  work: (admin: Kysely<unknown>) => Promise<T>,
): Promise<T> => {
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 3_000 }),
    }),
  });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
};

const benchPostgres = async (file: string, url: string): Promise<ImportBenchRow> => {
  const name = `regulars_import_bench_${randomBytes(4).toString('hex')}`;
  try {
    await withAdmin(url, (admin) => sql.raw(`create database ${name}`).execute(admin));
  } catch (error) {
    const reason = `PostgreSQL unreachable at ${url} (${(error as Error).message})`;
    return { target: 'postgres', summary: null, seconds: null, skipped: reason };
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), dataDir: '' });
  try {
    await migrateToLatest(database.db);
    return await timed(`postgres (${name})`, () => importInto(database, file));
  } finally {
    await database.close();
    await withAdmin(url, (admin) =>
      sql.raw(`drop database if exists ${name} with (force)`).execute(admin),
    );
  }
};

export const runImportBench = async (options: ImportBenchOptions): Promise<ImportBenchRow[]> => {
  if (!existsSync(options.file)) {
    options.log(`import bench: skipped, ${options.file} not found`);
    return [];
  }
  options.log(`Import: ${options.file} on ${cpus().length} cores`);
  const rows: ImportBenchRow[] = [];
  if (options.databases.includes('pglite')) rows.push(...(await benchPglite(options.file)));
  if (options.databases.includes('postgres'))
    rows.push(await benchPostgres(options.file, options.postgresUrl));
  return rows;
};

const table = (header: string[], rows: string[][]): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

export const formatImportReport = (rows: ImportBenchRow[]): string => {
  const cells = rows.map((r) => {
    if (!r.summary || r.seconds === null) return [r.target, 'skipped', '', '', '', ''];
    const s = r.summary;
    return [
      r.target,
      r.seconds.toFixed(1),
      Math.round(s.linesRead / r.seconds).toLocaleString('en-GB'),
      Math.round((s.orders.new + s.orders.alreadyPresent) / r.seconds).toLocaleString('en-GB'),
      s.linesRead.toLocaleString('en-GB'),
      s.orders.new.toLocaleString('en-GB'),
    ];
  });
  const notes = rows.filter((r) => r.skipped).map((r) => `${r.target}: ${r.skipped}`);
  return [
    table(['import of Online Retail', 'seconds', 'lines/s', 'orders/s', 'lines', 'orders'], cells),
    ...notes,
  ].join('\n');
};

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;

if (isMain) {
  const arg = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const databases = (arg('db') ?? 'pglite,postgres')
    .split(',')
    .filter((d): d is 'pglite' | 'postgres' => d === 'pglite' || d === 'postgres');
  const rows = await runImportBench({
    file: arg('data') ?? RETAIL_LINES,
    databases,
    postgresUrl: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`\n${formatImportReport(rows)}\n`);
}
