import { existsSync } from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Kysely } from 'kysely';
import { systemClock } from '../../core/shared/clock.js';
import { repositoriesFor, type DB } from '../../app/database.js';
import { getProgramme, updateProgramme } from '../../core/programme/programme.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { MAPPABLE_FIELDS } from './csv.format.js';
import { ImportSetupError } from './format.js';
import { importOrders } from './import-orders.js';
import { ImportStoppedError } from './import-stopped.js';
import { FORMAT_NAMES, type FormatName, type ImportSummary } from './import.types.js';
import { terminalProgress } from './progress.js';
import { formatSummary } from './summary.js';

/** Opens a migrated database; the caller decides which (configuration, tests). */
export type OpenDatabase = () => Promise<{ db: Kysely<DB>; close(): Promise<void> }>;

/**
 * Runs a command's work against a database it closes afterwards, whatever happens; setup errors
 * (bad options, a missing column) end the command with their message instead of a stack trace.
 */
export const runWithDatabase = async (
  open: OpenDatabase,
  command: Command,
  work: (db: Kysely<DB>) => Promise<void>,
): Promise<void> => {
  const database = await open();
  let failure: unknown = null;
  try {
    await work(database.db);
  } catch (error) {
    failure = error;
  } finally {
    await database.close();
  }
  if (failure instanceof ImportSetupError) command.error(`error: ${failure.message}`);
  if (failure instanceof ImportStoppedError) {
    command.error(`error: ${failure.message}`, { exitCode: IMPORT_STOPPED_EXIT_CODE });
  }
  if (failure) throw failure;
};

/** EX_DATAERR (sysexits.h): the input file is broken; what came before the break is committed. */
export const IMPORT_STOPPED_EXIT_CODE = 65;

export const positiveInteger = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a positive whole number');
  return n;
};

interface ImportCommandOptions {
  format: FormatName;
  map?: string;
  source?: string;
  currency?: string;
  timeZone?: string;
  limit?: number;
  batchSize?: number;
  dryRun?: boolean;
  json?: boolean;
}

/** The configured settings an import obeys, read when the command runs (REGULARS_MAX_FUTURE_SKEW_MINUTES). */
export type ImportSettings = () => { maxFutureSkewMinutes?: number };

/**
 * --currency and --time-zone set the programme's before the orders come in: a file of USD orders
 * in New York (CDNOW) otherwise earns nothing and reports empty in the default GBP programme.
 */
const setProgrammeCalendar = async (
  db: Kysely<DB>,
  wanted: { currency?: string; timeZone?: string },
): Promise<void> => {
  const patch = {
    ...(wanted.currency ? { currency: wanted.currency.toUpperCase() } : {}),
    ...(wanted.timeZone ? { timeZone: wanted.timeZone } : {}),
  };
  if (Object.keys(patch).length === 0) return;
  const deps = repositoriesFor(db);
  const before = await getProgramme(deps);
  try {
    const after = await updateProgramme(deps, patch);
    process.stderr.write(
      `programme: currency ${before.currency} → ${after.currency}, time zone ${before.timeZone} → ${after.timeZone}\n`,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const field = error.code === 'unknown_time_zone' ? '--time-zone' : '--currency';
    throw new ImportSetupError(`${field}: ${error.message}`);
  }
};

/** Adds `import orders <file> --format …` to the program; returns the `import` command. */
export const registerImportCommand = (
  program: Command,
  open: OpenDatabase,
  settings: ImportSettings = () => ({}),
): Command => {
  const importCommand = program.command('import').description('Import data from files');
  importCommand
    .command('orders <file>')
    .description(
      'Stream orders from a CSV file (.gz is read as it is); running it twice imports nothing twice',
    )
    .addOption(
      new Option('--format <format>', 'layout of the file')
        .choices(FORMAT_NAMES)
        .makeOptionMandatory(),
    )
    .option(
      '--map <mapping>',
      `csv: our field=the file's column, comma-separated; fields: ${MAPPABLE_FIELDS.join(', ')}`,
    )
    .option('--source <source>', 'source of the customers’ external ids (default: the format name)')
    .option(
      '--currency <code>',
      'the programme’s currency, set before the import (points and analytics count orders in it); csv: also the currency of rows without a currency column, e.g. USD',
    )
    .option(
      '--time-zone <zone>',
      'the programme’s time zone (IANA, e.g. America/New_York), set before the import: the calendar of days, cohorts and reports',
    )
    .option(
      '--limit <lines>',
      'stop after this many data lines (an order the cut would split is left out)',
      positiveInteger,
    )
    .option('--batch-size <orders>', 'orders per transaction (default 500)', positiveInteger)
    .option('--dry-run', 'read and check the file only; write nothing')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (file: string, options: ImportCommandOptions, command: Command) => {
      if (!existsSync(file)) command.error(`error: no such file ${file}`);
      const { json, timeZone, ...importOptions } = options;
      const print = (summary: ImportSummary) =>
        process.stdout.write(
          json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`,
        );
      await runWithDatabase(open, command, async (db) => {
        await setProgrammeCalendar(db, { currency: options.currency, timeZone });
        try {
          print(
            await importOrders(
              {
                db,
                clock: systemClock,
                ...settings(),
                progress: terminalProgress(process.stderr),
                log: (line) => process.stderr.write(`${line}\n`),
              },
              { file, ...importOptions },
            ),
          );
        } catch (error) {
          // What was committed before the break, then the error (after the database is closed).
          if (error instanceof ImportStoppedError) print(error.summary);
          throw error;
        }
      });
    });
  return importCommand;
};
