import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { ExternalIdSchema } from '../../core/customers/customers.js';
import { DEFAULT_MAX_FUTURE_SKEW_MINUTES } from '../../core/orders/orders.intake.js';
import { DEFAULT_PROGRAMME } from '../../core/programme/programme.js';
import { getProgramme } from '../../core/programme/programme.service.js';
import type { Clock } from '../../core/shared/clock.js';
import { hasTiers } from '../../core/tiers/tiers.js';
import { refreshPlannerStatistics, repositoriesFor, type DB } from '../../app/database.js';
import { tierRepository } from '../../app/tiers.js';
import { placeMembersInTiers } from '../../jobs/tier-placement.job.js';
import { batchWriter, type BatchWriter, type WriteOptions } from './batch-writer.js';
import { cdnowFormat } from './cdnow.format.js';
import { csvFormat } from './csv.format.js';
import { ImportSetupError, type ImportFormat, type RowReader } from './format.js';
import { orderGrouper } from './group-orders.js';
import type {
  CancellationDraft,
  FormatName,
  ImportSummary,
  OrderDraft,
  RowOutcome,
} from './import.types.js';
import { UNMATCHED } from './match-returns.js';
import { onlineRetailFormat } from './online-retail.format.js';
import { silentProgress, type ProgressSink } from './progress.js';
import {
  BrokenFileError,
  openCheckedRecords,
  type CheckedRecordStream,
} from './checked-records.js';
import { ImportStoppedError } from './import-stopped.js';
import { importTally, type ImportTally } from './summary.js';
import type { RunContext } from './write-batch.js';

export interface ImportDeps {
  db: Kysely<DB>;
  clock: Clock;
  progress?: ProgressSink;
  /** Where lines about what follows the import (tier placement) go. */
  log?: (line: string) => void;
  /** REGULARS_MAX_FUTURE_SKEW_MINUTES; unset: the core's default (a day). */
  maxFutureSkewMinutes?: number;
}

export interface ImportOptions extends WriteOptions {
  file: string;
  format: FormatName;
  /** csv only: `externalId=order_id,sku=sku,…` (our field = the file's column). */
  map?: string;
  /** Source of the customers' external ids (default: the format's name). */
  source?: string;
  /** csv only: the currency of rows without a currency column. */
  currency?: string;
  /** Stop after this many data records; an order the cut would split is left out whole. */
  limit?: number;
}

const formatFor = (options: ImportOptions): ImportFormat => {
  if (options.format === 'online-retail') return onlineRetailFormat;
  if (options.format === 'cdnow') return cdnowFormat;
  if (!options.map)
    throw new ImportSetupError('csv: --map is required (e.g. externalId=order_id,sku=sku,…)');
  return csvFormat({ map: options.map, currency: options.currency });
};

export const sourceFor = (source: string): string => {
  const parsed = ExternalIdSchema.shape.source.safeParse(source);
  if (!parsed.success)
    throw new ImportSetupError(`--source "${source}": ${parsed.error.issues[0]?.message}`);
  return parsed.data;
};

type Grouper = ReturnType<typeof orderGrouper>;

/**
 * At the line limit: the next record that is a line says whether the open order goes on past the
 * cut. True once decided (the open order is kept, or dropped when it continues).
 */
const settleCut = (outcome: RowOutcome, grouper: Grouper, format: ImportFormat): boolean => {
  const open = grouper.peekOpen();
  if (format.singleRowOrders || !open) return true;
  if (outcome.kind !== 'line') return false;
  if (outcome.header.externalId === open.externalId)
    grouper.discardOpen('order cut off by the line limit');
  return true;
};

/** Lines read but not committed when a write failed: their batch, and the orders after it. */
const NOT_WRITTEN = 'not written: the import failed before their batch committed';

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/** The order still open when the file broke off: left out whole, so a re-run can add it whole. */
export const LEFT_OUT_AT_STOP = 'order left out: the file broke off before its end';

/**
 * A broken file ends the read: the record it broke in is rejected, the open order is left out
 * (its lines may go on past the break), and the orders completed before it are still written.
 */
const readUntilBroken = async (
  read: () => Promise<boolean>,
  tally: ImportTally,
  grouper: Grouper,
): Promise<{ truncated: boolean; broken: BrokenFileError | null }> => {
  try {
    return { truncated: await read(), broken: null };
  } catch (error) {
    if (!(error instanceof BrokenFileError)) throw error;
    if (error.consumedRecord) {
      tally.counts.linesRead += 1;
      tally.reject(error.reason, 1, error.line);
    }
    grouper.discardOpen(LEFT_OUT_AT_STOP);
    return { truncated: false, broken: error };
  }
};

const readOrders = async (
  stream: CheckedRecordStream,
  format: ImportFormat,
  timeZone: string,
  options: ImportOptions,
  tally: ImportTally,
  writer: BatchWriter,
  progress: ProgressSink,
): Promise<{ truncated: boolean; broken: BrokenFileError | null }> => {
  const grouper = orderGrouper(tally);
  const held = heldCancellations(writer);
  const result = await readUntilBroken(
    () => readRecords(stream, format, timeZone, options, tally, writer, progress, grouper, held),
    tally,
    grouper,
  );
  if (!result.broken) {
    const last = grouper.finish();
    if (last) await writer.push(last);
  }
  held.release();
  return result;
};

/**
 * Cancellation lines read while an order is still open wait until it is closed and pushed, so a
 * cancellation can take back the order just before it (the same-day cancellations).
 */
const heldCancellations = (writer: BatchWriter) => {
  let held: CancellationDraft[] = [];
  return {
    add: (cancellation: CancellationDraft, orderOpen: boolean) => {
      if (orderOpen) held.push(cancellation);
      else writer.cancel(cancellation);
    },
    release: () => {
      for (const cancellation of held) writer.cancel(cancellation);
      held = [];
    },
  };
};

/** Hands one record's outcome on: a line to its order, a cancellation to the writer. */
const takeOutcome = async (
  outcome: RowOutcome,
  line: number,
  tally: ImportTally,
  writer: BatchWriter,
  grouper: Grouper,
  held: ReturnType<typeof heldCancellations>,
): Promise<void> => {
  if (outcome.kind === 'cancel') {
    held.add({ ...outcome.cancellation, fileLine: line }, grouper.peekOpen() !== null);
    return;
  }
  if (outcome.kind === 'reject' && outcome.cancellation) {
    tally.returns.read();
    if (outcome.reason === UNMATCHED.noCustomer)
      tally.returns.unmatched(outcome.reason, outcome.cancellation);
  }
  const done = grouper.add(outcome, line);
  if (!done) return;
  await writer.push(done);
  held.release();
};

const readRecords = async (
  stream: CheckedRecordStream,
  format: ImportFormat,
  timeZone: string,
  options: ImportOptions,
  tally: ImportTally,
  writer: BatchWriter,
  progress: ProgressSink,
  grouper: Grouper,
  held: ReturnType<typeof heldCancellations>,
): Promise<boolean> => {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const counts = tally.counts;
  let reader: RowReader | null = null;
  let truncated = false;
  for await (const { record, line } of stream.records) {
    if (!reader) {
      const started = format.start(record, { timeZone });
      if (typeof started === 'function') {
        reader = started;
        continue;
      }
      reader = started.reader;
    }
    if (counts.linesRead >= limit) {
      truncated = true;
      if (settleCut(reader(record, counts.linesRead + 1), grouper, format)) break;
      continue;
    }
    counts.linesRead += 1;
    await takeOutcome(reader(record, counts.linesRead), line, tally, writer, grouper, held);
    if (counts.linesRead % 2_000 === 0) {
      progress.update({
        bytesRead: stream.bytesRead(),
        linesRead: counts.linesRead,
        ordersWritten: counts.ordersNew + counts.ordersPresent,
      });
    }
  }
  if (!reader) throw new ImportSetupError(`${options.file}: empty file, no header line`);
  return truncated;
};

const runContext = async (
  deps: ImportDeps,
  source: string,
  options: WriteOptions,
): Promise<RunContext> => ({
  db: deps.db,
  clock: deps.clock,
  // A dry run asks the database nothing at all.
  programme: options.dryRun ? DEFAULT_PROGRAMME : await getProgramme(repositoriesFor(deps.db)),
  source,
  mode: options.mode ?? 'bulk',
  customerIds: new Map(),
  maxFutureSkewMinutes: deps.maxFutureSkewMinutes ?? DEFAULT_MAX_FUTURE_SKEW_MINUTES,
});

/**
 * History comes in silenced (no events, so no upgrades): once it is written, and when tiers are
 * configured, every member is placed in the tier their history reaches now, with its events.
 */
const placeInTiers = async (deps: ImportDeps, summary: ImportSummary): Promise<void> => {
  if (summary.dryRun || (summary.orders.new === 0 && summary.customersCreated === 0)) return;
  if (!hasTiers(await tierRepository(deps.db).config())) return;
  const log = deps.log ?? (() => {});
  log('tiers: placing members in the tiers their history reaches…');
  const placed = await placeMembersInTiers(deps.db, deps.clock);
  const moved = Object.entries(placed.moved)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  log(
    `tiers: ${placed.membersMeasured} members measured, moved up: ${moved} (${placed.seconds.toFixed(1)} s)`,
  );
};

/**
 * Streams a file of orders into the database: records are parsed one by one, grouped into
 * orders, and written in batches through the core's ingestOrder. Orders already present (by
 * externalId) and customers already known (by source and external id) are left as they are, so
 * running an import twice writes nothing the second time. Members are then placed in their tiers.
 */
export const importOrders = async (
  deps: ImportDeps,
  options: ImportOptions,
): Promise<ImportSummary> => {
  const startedMs = performance.now();
  if (!existsSync(options.file)) throw new ImportSetupError(`no such file ${options.file}`);
  const format = formatFor(options);
  const ctx = await runContext(deps, sourceFor(options.source ?? format.name), options);
  const tally = importTally();
  const progress = deps.progress ?? silentProgress;
  const stream = openCheckedRecords(options.file, format.parseOptions, {
    uniformColumns: format.uniformColumns,
  });
  progress.start(stream.totalBytes);
  const writer = batchWriter(ctx, tally, options);
  const summarise = (truncated: boolean, stopped: ImportSummary['stopped']) =>
    tally.summary({
      format: format.name,
      file: options.file,
      truncated,
      dryRun: Boolean(options.dryRun),
      startedMs,
      stopped,
    });
  let summary: ImportSummary;
  try {
    const { truncated, broken } = await readOrders(
      stream,
      format,
      ctx.programme.timeZone,
      options,
      tally,
      writer,
      progress,
    );
    await writer.end();
    if (!options.dryRun) await refreshPlannerStatistics(deps.db);
    progress.update({
      bytesRead: truncated || broken ? stream.bytesRead() : stream.totalBytes,
      linesRead: tally.counts.linesRead,
      ordersWritten: tally.counts.ordersNew + tally.counts.ordersPresent,
    });
    summary = summarise(truncated, broken ? { line: broken.line, problem: broken.message } : null);
  } catch (error) {
    if (error instanceof ImportSetupError) throw error;
    // A batch that failed to commit (or anything else mid-way): what came before it stays.
    await writer.drain();
    const unwritten = tally.unaccounted();
    if (unwritten > 0) tally.reject(NOT_WRITTEN, unwritten);
    const line = stream.lastLine();
    const problem = `after line ${line}: the import failed (${firstLine(error)})`;
    throw new ImportStoppedError(summarise(false, { line, problem }));
  } finally {
    await writer.drain();
    progress.stop();
    stream.close();
  }
  await placeInTiers(deps, summary);
  if (summary.stopped) throw new ImportStoppedError(summary);
  return summary;
};

/** Writes orders made in memory (the synthetic demo shop) exactly as a file's orders are written. */
export const ingestDrafts = async (
  deps: ImportDeps,
  drafts: Iterable<OrderDraft>,
  options: WriteOptions & { source: string },
): Promise<ImportSummary> => {
  const startedMs = performance.now();
  const ctx = await runContext(deps, sourceFor(options.source), options);
  const tally = importTally();
  const writer = batchWriter(ctx, tally, options);
  for (const draft of drafts) {
    tally.counts.linesRead += draft.lines.length;
    await writer.push(draft);
  }
  await writer.end();
  const summary = tally.summary({
    format: 'synthetic',
    file: null,
    truncated: false,
    dryRun: Boolean(options.dryRun),
    startedMs,
  });
  await placeInTiers(deps, summary);
  return summary;
};
