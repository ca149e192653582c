import { existsSync, statSync } from 'node:fs';
import type { MoneyUnit } from '../../core/analytics/clv/index.js';
import { readCdnow } from './cdnow-reader.js';
import { readCsv, type CsvReadOptions } from './csv-reader.js';
import { ClvInputError, type PurchaseLog } from './purchase-log.js';
import { skippedRowsTally, type SkippedRows } from './skipped-rows.js';

export const INPUT_FORMATS = ['cdnow', 'csv'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export interface ReadOptions extends CsvReadOptions {
  format: InputFormat;
}

export interface PurchaseFile {
  log: PurchaseLog;
  /** For cdnow: which layout the file turned out to have. */
  layout: string | null;
  /** Whether the purchases carry amounts (a csv file may have dates only). */
  amounts: boolean;
  /** Rows left out because they could not be read (cdnow stops at the first instead). */
  skipped: SkippedRows;
  /** What the amounts are in (CDNOW: US dollars with cents); null without amounts. */
  money: MoneyUnit | null;
}

/** The CDNOW files give dollars with two decimals (the reader keeps cents). */
const CDNOW_MONEY: MoneyUnit = { currency: 'USD', minorDigits: 2 };

/** Reads a transaction file into memory, checking every row; ClvInputError on any problem. */
export const readPurchases = async (path: string, options: ReadOptions): Promise<PurchaseFile> => {
  if (!existsSync(path)) throw new ClvInputError(`no such file: ${path}`);
  if (!statSync(path).isFile()) throw new ClvInputError(`not a file: ${path}`);
  if (options.format !== 'csv' && (options.map || options.currency))
    throw new ClvInputError('--map and --currency apply to --format csv only');
  if (options.format === 'cdnow') {
    const { log, layout } = await readCdnow(path);
    return {
      log,
      layout,
      amounts: true,
      skipped: skippedRowsTally().summary(),
      money: CDNOW_MONEY,
    };
  }
  const { log, skipped, amounts, money } = await readCsv(path, options);
  return { log, layout: null, amounts, skipped, money: amounts ? money : null };
};
