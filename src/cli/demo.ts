import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
import { MS_PER_DAY, systemClock } from '../core/shared/clock.js';
import { addDaysToDate } from '../core/shared/calendar-date.js';
import { syntheticShop } from './demo-synthetic.js';
import { ImportSetupError } from './import/format.js';
import { importOrders, ingestDrafts, type ImportDeps } from './import/import-orders.js';
import type { ImportSummary } from './import/import.types.js';
import { runWithDatabase, type OpenDatabase } from './import/import.command.js';
import { terminalProgress } from './import/progress.js';
import { formatSummary } from './import/summary.js';

const RETAIL_FILE = 'online-retail/online_retail_lines.csv.gz';
const REPO_ROOT = resolve(import.meta.dirname, '../..');

export interface DemoOptions {
  /** The Online Retail lines file; without it the default places are tried. */
  data?: string;
  /** Generate the synthetic shop even when the real data is there. */
  synthetic?: boolean;
  /** Keep the real data's 2010–2011 dates instead of moving them up to today. */
  keepDates?: boolean;
  /** Where the default `../shared/data` is looked for first (default: the working directory). */
  cwd?: string;
  /** Orders per transaction; smaller batches keep a server responsive while it loads the demo. */
  batchSize?: number;
  log?: (line: string) => void;
}

export type DemoSummary = ImportSummary & {
  dataset: 'online-retail' | 'synthetic';
  dateOffsetDays: number;
};

/** An explicit path must exist; else `../shared/data` beside the working directory, then the repository. */
export const findDemoData = (explicit: string | undefined, cwd = process.cwd()): string | null => {
  if (explicit) {
    if (!existsSync(explicit)) throw new ImportSetupError(`--data: no such file ${explicit}`);
    return explicit;
  }
  const candidates = [
    resolve(cwd, '../shared/data', RETAIL_FILE),
    resolve(REPO_ROOT, '../shared/data', RETAIL_FILE),
  ];
  return candidates.find((path) => existsSync(path)) ?? null;
};

const INVOICE_DATE = /,(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}),/;

/**
 * The newest invoice date in the file (or in its first `maxLines` lines): a quick pass over the
 * raw lines, no CSV parsing.
 */
export const latestInvoiceDate = async (
  path: string,
  maxLines = Number.POSITIVE_INFINITY,
): Promise<Date | null> => {
  const input = createReadStream(path);
  const text = path.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  let latest = '';
  let read = 0;
  try {
    for await (const line of createInterface({ input: text, crlfDelay: Infinity })) {
      const date = INVOICE_DATE.exec(line)?.[1];
      if (date && date > latest) latest = date;
      if ((read += 1) > maxLines) break;
    }
  } finally {
    text.destroy();
    input.destroy();
  }
  return latest ? new Date(`${latest.replace(' ', 'T')}Z`) : null;
};

/**
 * Whole weeks that bring the newest order to within a week of now, so weekdays stay true and the
 * demo shows points pending, posted and about to expire rather than a history long expired.
 */
const daysToNowInWholeWeeks = (latest: Date | null, now: Date): number => {
  if (!latest || latest >= now) return 0;
  return Math.floor((now.getTime() - latest.getTime()) / (7 * MS_PER_DAY)) * 7;
};

/**
 * Loads demo data: the real UCI Online Retail orders when the file is found (customers get their
 * country as the attribute `country`), else a seeded synthetic shop of 2,000 customers and about
 * 15,000 orders over the last 12 months. Both go through the importer, so points are earned as
 * for any order. Safe to run twice: known orders and customers are left alone.
 */
export const loadDemo = async (
  deps: ImportDeps,
  options: DemoOptions = {},
): Promise<DemoSummary> => {
  const log = options.log ?? (() => {});
  // The import's own lines (tier placement at its end) go where the demo's go.
  const importDeps: ImportDeps = { ...deps, log: deps.log ?? log };
  const file = options.synthetic ? null : findDemoData(options.data, options.cwd);
  const now = deps.clock.now();
  if (!file) {
    log(
      options.synthetic
        ? 'demo: generating the synthetic shop'
        : 'demo: Online Retail data not found; generating a synthetic shop',
    );
    const summary = await ingestDrafts(importDeps, syntheticShop({ end: now }), {
      source: 'demo',
      batchSize: options.batchSize,
    });
    return { ...summary, dataset: 'synthetic', dateOffsetDays: 0 };
  }
  const offsetDays = options.keepDates
    ? 0
    : daysToNowInWholeWeeks(await latestInvoiceDate(file), now);
  log(`demo: importing ${file}${offsetDays ? `, dates moved ${offsetDays} days forward` : ''}`);
  const summary = await importOrders(importDeps, {
    file,
    format: 'online-retail',
    dateOffsetMs: offsetDays * MS_PER_DAY,
    batchSize: options.batchSize,
  });
  return { ...summary, dataset: 'online-retail', dateOffsetDays: offsetDays };
};

/**
 * When the refresh after a demo load computes as of: the start of the day after the last purchase
 * (UTC), so the real data's last day counts in full; but never later than now, since the
 * synthetic shop buys today and a refresh dated tomorrow is refused (as_of_in_future).
 */
export const demoRefreshAsOf = (lastPurchaseDay: string | null, now: Date): string | undefined => {
  if (!lastPurchaseDay) return undefined;
  const dayAfter = new Date(`${addDaysToDate(lastPurchaseDay, 1)}T00:00:00Z`);
  return (dayAfter < now ? dayAfter : now).toISOString();
};

/** For server start: loads the demo only into a database without a single order. */
export const loadDemoIfEmpty = async (
  deps: ImportDeps,
  options: DemoOptions = {},
): Promise<DemoSummary | null> => {
  const anyOrder = await deps.db.selectFrom('sales_order').select('id').limit(1).executeTakeFirst();
  if (anyOrder) {
    options.log?.('demo: the database already has orders; no demo data loaded');
    return null;
  }
  return loadDemo(deps, options);
};

export const registerDemoCommand = (program: Command, open: OpenDatabase): Command =>
  program
    .command('demo')
    .description('Load demo data: the real Online Retail orders when found, else a generated shop')
    .option(
      '--data <path>',
      `the Online Retail lines file (default: ../shared/data/${RETAIL_FILE})`,
    )
    .option('--synthetic', 'generate the synthetic shop even when the real data is there')
    .option('--keep-dates', 'keep the real data’s 2010–2011 dates (default: moved up to today)')
    .option('--json', 'print the summary as JSON')
    .action(
      async (
        options: { data?: string; synthetic?: boolean; keepDates?: boolean; json?: boolean },
        command: Command,
      ) => {
        // A wrong --data path is reported before the database is opened.
        if (options.data && !existsSync(options.data))
          command.error(`error: --data: no such file ${options.data}`);
        await runWithDatabase(open, command, async (db) => {
          const summary = await loadDemo(
            { db, clock: systemClock, progress: terminalProgress(process.stderr) },
            { ...options, log: (line) => process.stderr.write(`${line}\n`) },
          );
          process.stdout.write(
            options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`,
          );
        });
      },
    );
