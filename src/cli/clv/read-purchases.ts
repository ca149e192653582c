import { existsSync, statSync } from 'node:fs';
import { readCdnow } from './cdnow-reader.js';
import { readCsv } from './csv-reader.js';
import { ClvInputError, type PurchaseLog } from './purchase-log.js';

export const INPUT_FORMATS = ['cdnow', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadOptions {
  format: InputFormat;
  /** csv: field=column overrides. */
  map?: string;
  /** csv: currency of the amounts (sets their decimal places); default USD. */
  currency?: string;
}

export interface PurchaseFile {
  log: PurchaseLog;
  /** For cdnow: which layout the file turned out to have. */
  layout: string | null;
}

/** Reads a transaction file into memory, checking every row; ClvInputError on any problem. */
export const readPurchases = async (path: string, options: ReadOptions): Promise<PurchaseFile> => {
  if (!existsSync(path)) throw new ClvInputError(`no such file: ${path}`);
  if (!statSync(path).isFile()) throw new ClvInputError(`not a file: ${path}`);
  if (options.format !== 'csv' && (options.map || options.currency))
    throw new ClvInputError('--map and --currency apply to --format csv only');
  if (options.format === 'cdnow') return readCdnow(path);
  const { log } = await readCsv(path, options);
  return { log, layout: null };
};
