import { type Command } from 'commander';
import { terminalWantsColour } from '../../config.js';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { addDaysToDate, localDate } from '../../core/analytics/periods.js';
import type { ProgrammeSettings } from '../../core/programme/programme.js';
import { systemClock } from '../../core/shared/clock.js';
import { purchaseDayRange } from '../../app/analytics.js';
import type { DB } from '../../app/database.js';
import { type ReportFormat } from './output.js';
import { writeSvg } from './svg-file.js';

/** What every report shares: its options, their checks, the output format and SVG files. */
export interface OutputOptions {
  json?: boolean;
  csv?: boolean;
  svg?: string;
}

export interface FilterOptions {
  from?: string;
  to?: string;
  granularity?: string;
  channel?: string;
  store?: string;
  segment?: string;
}

/** A report option that fails validation: printed as `--option: message`, exit code 1. */
export class ReportOptionError extends Error {}

export const formatOf = (o: OutputOptions): ReportFormat =>
  o.json ? 'json' : o.csv ? 'csv' : 'table';

export const colourful = () => terminalWantsColour(process.stdout);

export const optionName = (path: PropertyKey[]) =>
  `--${String(path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export const parseOptions = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ReportOptionError(
    parsed.error.issues.map((i) => `${optionName(i.path)}: ${i.message}`).join('\n'),
  );
};

export const money = (minor: unknown) =>
  typeof minor === 'number' ? (minor / 100).toFixed(2) : minor === null ? '' : String(minor);
export const pct = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '');

export interface ReportContext {
  db: Kysely<DB>;
  programme: ProgrammeSettings;
}

/**
 * Defaults that make sense on any data: the whole range with purchases (as GET
 * /v1/analytics/range tells it), so a history that ended years ago or spans 18 months is read in
 * full. A --to alone reads the year before it.
 */
export const defaultWindow = async (ctx: ReportContext, options: FilterOptions) => {
  const range = await purchaseDayRange(ctx.db, ctx.programme);
  const to = options.to ?? range.last ?? localDate(systemClock.now(), ctx.programme.timeZone);
  const from =
    options.from ??
    (options.to === undefined && range.first !== null ? range.first : addDaysToDate(to, -364));
  return { from, to };
};

export const filterInput = (options: FilterOptions) => ({
  ...(options.channel ? { channel: options.channel } : {}),
  ...(options.store ? { store: options.store } : {}),
  ...(options.segment ? { segment: options.segment } : {}),
});

export const withFilters = (command: Command, granular = true) => {
  command
    .option(
      '--from <date>',
      'first day (YYYY-MM-DD); default the first day with purchases (with --to: a year before it)',
    )
    .option('--to <date>', 'last day (YYYY-MM-DD); default the last day with purchases')
    .option('--channel <channel>', 'only purchases in this channel (web, pos, app, other)')
    .option('--store <id>', 'only purchases in this store')
    .option('--segment <ref>', 'only these customers: rfm:<segment> or lifecycle:<stage>');
  if (granular) command.option('--granularity <g>', 'week, month or quarter', 'month');
  return withOutput(command);
};

export const withOutput = (command: Command) =>
  command
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .option('--svg <file>', 'also draw the report as an SVG picture');

export const saveSvg = async (path: string | undefined, svg: () => string) => {
  if (!path) return;
  await writeSvg(path, svg());
  process.stderr.write(`picture written to ${path}\n`);
};
