import type { Options as ParseOptions } from 'csv-parse';
import type { FormatName, RowOutcome } from './import.types.js';

/** Reads one data record; `rowNumber` counts data records from 1 (the header is not one). */
export type RowReader = (record: string[], rowNumber: number) => RowOutcome;

/** What reading a row needs to know of the programme. */
export interface ReadContext {
  /** Timestamps without an offset are the shop's own time, in this zone. */
  timeZone: string;
}

export interface ImportFormat {
  name: FormatName;
  parseOptions: ParseOptions;
  /** True when every record is a whole order, so a cut made by `limit` never splits one. */
  singleRowOrders: boolean;
  /** True when every record must have as many columns as the header (not so when whitespace separates). */
  uniformColumns: boolean;
  /**
   * Checks the first record and returns the reader for the data records; a headerless file's
   * first record is data and says so.
   */
  start(
    first: string[],
    context: ReadContext,
  ): RowReader | { reader: RowReader; firstRecordIsData: true };
}

/** A problem with the command's options or the file's header: nothing was imported. */
export class ImportSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportSetupError';
  }
}

/** Positions of the named columns in a header; a missing column stops the import before it starts. */
export const columnIndexes = <Name extends string>(
  header: string[],
  names: readonly Name[],
  what: string,
): Record<Name, number> => {
  const cleaned = header.map((h) => h.trim());
  const missing = names.filter((n) => !cleaned.includes(n));
  if (missing.length > 0) {
    throw new ImportSetupError(
      `${what}: column(s) ${missing.join(', ')} not in the header (${cleaned.join(', ')})`,
    );
  }
  return Object.fromEntries(names.map((n) => [n, cleaned.indexOf(n)])) as Record<Name, number>;
};

export const reject = (reason: string): RowOutcome => ({ kind: 'reject', reason });
