import { createReadStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CsvError, parse, type Info, type Options as ParseOptions } from 'csv-parse';

/** One record of the file and the line it starts on (the header is line 1). */
export interface NumberedRecord {
  record: string[];
  line: number;
}

/**
 * The file cannot be read on from `line`: a quote that is never closed, a NUL byte, a record with
 * a different number of columns than the header, a damaged or cut-off .gz. Whatever came after
 * that point can no longer be told apart into records, so the import stops there.
 */
export class BrokenFileError extends Error {
  constructor(
    /** The line the problem starts on (for a damaged .gz, the last line read whole). */
    readonly line: number,
    /** Short and stable, for the tally of rejected lines. */
    readonly reason: string,
    detail: string,
    /** Whether a record was consumed by the problem (counted as one rejected line). */
    readonly consumedRecord: boolean,
  ) {
    super(detail);
    this.name = 'BrokenFileError';
  }
}

export interface CheckedRecordStream {
  records: AsyncIterable<NumberedRecord>;
  totalBytes: number;
  /** Bytes of the file read so far (compressed bytes for a .gz file), for progress. */
  bytesRead(): number;
  /** The last line of the file read whole so far. */
  lastLine(): number;
  close(): void;
}

const NEWLINES = /\r\n|\r|\n/g;
const newlinesIn = (record: string[]) =>
  record.reduce((n, field) => n + (field.match(NEWLINES)?.length ?? 0), 0);

/** What a record of the file shows that no record of ours may: checked one record at a time. */
const recordProblem = (
  record: string[],
  line: number,
  endLine: number,
  headerColumns: number | null,
): BrokenFileError | null => {
  if (record.some((field) => field.includes('\0'))) {
    return new BrokenFileError(
      line,
      'NUL byte (binary data, not a text CSV)',
      `line ${line}: a NUL byte; this is not a text CSV file (binary data, or UTF-16 text?)`,
      true,
    );
  }
  if (endLine > line) {
    return new BrokenFileError(
      line,
      'quoted field over several lines (a quote not closed?)',
      `line ${line}: a quoted field runs on to line ${endLine}, swallowing ${endLine - line} line(s): a quote that is not closed`,
      true,
    );
  }
  if (headerColumns !== null && record.length !== headerColumns) {
    return new BrokenFileError(
      line,
      'wrong number of columns',
      `line ${line}: ${record.length} column(s) where the header has ${headerColumns} (a delimiter inside an unquoted field, or a cut line?)`,
      true,
    );
  }
  return null;
};

/** The parser's own errors (csv-parse `CSV_*` codes) and gunzip's, as a line of the file. */
const readProblem = (error: unknown, lastLine: number, gzipped: boolean): BrokenFileError => {
  if (error instanceof CsvError && error.code === 'CSV_QUOTE_NOT_CLOSED') {
    const line = lastLine + 1;
    return new BrokenFileError(
      line,
      'quote not closed',
      `line ${line}: a quote is never closed; the rest of the file would be one field`,
      true,
    );
  }
  if (error instanceof CsvError) {
    const line = Number((error as unknown as { lines?: number }).lines ?? lastLine + 1);
    return new BrokenFileError(line, 'malformed CSV', `line ${line}: ${error.message}`, true);
  }
  const message = error instanceof Error ? error.message : String(error);
  const what = gzipped ? 'the .gz file is cut off or damaged' : 'the file could not be read';
  return new BrokenFileError(lastLine, what, `after line ${lastLine}: ${what} (${message})`, false);
};

/**
 * Streams a CSV file record by record, each with the line it starts on, gunzipping `.gz` files on
 * the way, so memory stays flat whatever the file's size. Anything that breaks the file's
 * structure ends the iteration with a BrokenFileError naming the line. With `uniformColumns`,
 * every record must have as many columns as the first (the header).
 */
export const openCheckedRecords = (
  path: string,
  options: ParseOptions,
  checks: { uniformColumns: boolean },
): CheckedRecordStream => {
  const totalBytes = statSync(path).size;
  const gzipped = path.endsWith('.gz');
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const parser = parse({
    ...options,
    // Room for a few thousand records, so parsing runs ahead while the importer awaits a write.
    // csv-parse hands its options to its Transform stream too; its type just does not list them.
    ...({ readableHighWaterMark: 4_096 } as ParseOptions),
    info: true,
  });
  // Errors reach the reader through the parser's iterator; an early stop is not an error.
  const done = () => {};
  if (gzipped) pipeline(file, createGunzip({ chunkSize: 256 * 1024 }), parser, done);
  else pipeline(file, parser, done);

  let lastLine = 0;
  async function* numbered(): AsyncGenerator<NumberedRecord> {
    let headerColumns: number | null = null;
    const iterator = (parser as AsyncIterable<{ record: string[]; info: Info }>)[
      Symbol.asyncIterator
    ]();
    for (;;) {
      let next: IteratorResult<{ record: string[]; info: Info }>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw readProblem(error, lastLine, gzipped);
      }
      if (next.done) return;
      const { record, info } = next.value;
      const line = info.lines - newlinesIn(record);
      const problem = recordProblem(record, line, info.lines, headerColumns);
      if (problem) throw problem;
      if (checks.uniformColumns) headerColumns ??= record.length;
      lastLine = info.lines;
      yield { record, line };
    }
  }

  return {
    records: numbered(),
    totalBytes,
    bytesRead: () => file.bytesRead,
    lastLine: () => lastLine,
    close: () => {
      parser.destroy();
      file.destroy();
    },
  };
};
