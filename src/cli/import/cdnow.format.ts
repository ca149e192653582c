import { decimalToMinor } from '../../core/shared/money.js';
import {
  ImportSetupError,
  reject,
  type ImportFormat,
  type ReadContext,
  type RowReader,
} from './format.js';
import { lineProblem, parseTimestamp, parseWholeNumber } from './field-checks.js';
import type { LineDraft } from './import.types.js';

const HEADER = ['customer_id', 'date', 'number_of_cds', 'dollar_value'];

export const CDNOW_REASONS = {
  fields: 'not 4 fields (customer_id date number_of_cds dollar_value)',
  sampleFields: 'not 5 fields (customer_id sample_id date number_of_cds dollar_value)',
  badCustomer: 'unparsable customer id',
  badDate: 'unparsable date (expected yyyymmdd)',
  badCds: 'unparsable number of CDs',
  noCds: 'number of CDs is not positive',
  badDollars: 'unparsable dollar value',
  negativeDollars: 'negative dollar value',
} as const;

/**
 * The row's CDs as one line when the dollar value splits evenly into a unit price, else one line
 * "N CDs" at the total: either way the order's total is the dollar value to the cent.
 */
export const cdnowLine = (cds: number, cents: number): LineDraft =>
  cents % cds === 0
    ? { sku: 'CD', name: 'CD', quantity: cds, unitPriceMinor: cents / cds }
    : { sku: 'CD', name: `${cds} CDs`, quantity: 1, unitPriceMinor: cents };

/** `00042` and `42` are one customer: the published CDNOW summaries number customers from 1. */
const customerIdOf = (text: string): string | null =>
  /^\d+$/.test(text) ? String(Number(text)) : null;

/** The 1/10th sample adds the sample's own customer number as a second column; the master id stays. */
const readCdnowFields =
  (width: 4 | 5, { timeZone }: ReadContext): RowReader =>
  (record, rowNumber) => {
    // Columns are padded with runs of spaces, which the parser splits into empty fields.
    const all = record.filter((f) => f !== '');
    if (all.length !== width)
      return reject(width === 4 ? CDNOW_REASONS.fields : CDNOW_REASONS.sampleFields);
    const fields = width === 5 ? [all[0], ...all.slice(2)] : all;
    const [customerText = '', dateText = '', cdsText, dollarsText = ''] = fields;
    const customer = customerIdOf(customerText);
    if (!customer) return reject(CDNOW_REASONS.badCustomer);
    const placedAt = /^\d{8}$/.test(dateText)
      ? parseTimestamp(
          `${dateText.slice(0, 4)}-${dateText.slice(4, 6)}-${dateText.slice(6)}`,
          timeZone,
        )
      : null;
    if (!placedAt) return reject(CDNOW_REASONS.badDate);
    const cds = parseWholeNumber(cdsText);
    if (cds === null) return reject(CDNOW_REASONS.badCds);
    if (cds <= 0) return reject(CDNOW_REASONS.noCds);
    const cents = decimalToMinor(dollarsText, 2);
    if (cents === null) return reject(CDNOW_REASONS.badDollars);
    if (cents < 0) return reject(CDNOW_REASONS.negativeDollars);
    const line = cdnowLine(cds, cents);
    const problem = lineProblem(line);
    if (problem) return reject(problem);
    return {
      kind: 'line',
      header: {
        externalId: `cdnow-${customer}-${dateText}-${rowNumber}`,
        customerExternalId: customer,
        currency: 'USD',
        channel: 'web',
        placedAt,
      },
      line,
    };
  };

const looksLikeSampleRow = (record: string[]): boolean => {
  const fields = record.filter((f) => f !== '');
  return fields.length === 5 && fields.every((f) => /^[\d.]+$/.test(f));
};

/**
 * CDNOW_master.txt: whitespace-separated `customer_id yyyymmdd number_of_cds dollar_value` under
 * one header line. CDNOW_sample.txt (the 1/10th sample of the papers) has no header and five
 * columns, `customer_id sample_id yyyymmdd number_of_cds dollar_value`. Every row is one purchase and becomes one order; rows of $0.00 are taken too
 * (an order that earns nothing still counts as a visit for frequency and recency).
 */
export const cdnowFormat: ImportFormat = {
  name: 'cdnow',
  parseOptions: { delimiter: ' ', relax_column_count: true, skip_empty_lines: true, trim: false },
  singleRowOrders: true,
  // Columns are separated by runs of spaces, so a record's field count varies.
  uniformColumns: false,
  start: (header, context) => {
    if (looksLikeSampleRow(header)) {
      return { reader: readCdnowFields(5, context), firstRecordIsData: true };
    }
    const names = header.filter((f) => f !== '').map((f) => f.trim());
    if (names.join(' ') !== HEADER.join(' ')) {
      throw new ImportSetupError(
        `cdnow: expected the header "${HEADER.join(' ')}", found "${names.join(' ')}"`,
      );
    }
    return readCdnowFields(4, context);
  },
};
