import { currencyExponent, decimalToMinor, isKnownCurrency } from '../../core/shared/money.js';
import { BrokenFileError, openCheckedRecords } from '../import/checked-records.js';
import { ClvInputError, dayParser, PurchaseLog } from './purchase-log.js';
import { skippedRowsTally } from './skipped-rows.js';

export const CSV_FIELDS = ['customer_id', 'date', 'amount'] as const;
type CsvField = (typeof CSV_FIELDS)[number];
export type CsvColumnMap = Record<CsvField, string>;

/**
 * `customer_id=cust,date=order_date`: our field on the left, the file's column on the right.
 * `mapped` holds the fields named explicitly: a column named by the user must exist.
 */
export const parseCsvMap = (text: string | undefined) => {
  const map: CsvColumnMap = { customer_id: 'customer_id', date: 'date', amount: 'amount' };
  const mapped = new Set<CsvField>();
  for (const pair of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [field = '', column = '', ...extra] = pair.split('=').map((s) => s.trim());
    if (!(CSV_FIELDS as readonly string[]).includes(field))
      throw new ClvInputError(`--map: unknown field "${field}" (fields: ${CSV_FIELDS.join(', ')})`);
    if (!column || extra.length > 0)
      throw new ClvInputError(`--map: "${pair}" is not field=column`);
    map[field as CsvField] = column;
    mapped.add(field as CsvField);
  }
  return { map, mapped };
};

export interface CsvReadOptions {
  map?: string;
  currency?: string;
  /** The model that needs an amount per purchase, if any: without the column it cannot run. */
  amountsRequiredBy?: string;
}

/** Where each field is in a record; amount is null when the file has none and none is needed. */
const columnsOf = (
  header: string[],
  { map, mapped }: ReturnType<typeof parseCsvMap>,
  amountsRequiredBy: string | undefined,
) => {
  const names = header.map((h) => h.trim());
  const missing = (field: CsvField) =>
    `no column "${map[field]}" (for ${field}) in the header (${names.join(', ')})`;
  const index = (field: CsvField) => {
    const i = names.indexOf(map[field]);
    if (i < 0) throw new ClvInputError(`csv: ${missing(field)}; use --map ${field}=COLUMN`);
    return i;
  };
  const customer = index('customer_id');
  const date = index('date');
  // Count models need only who bought when, so a log without money (the grocery log) fits them.
  if (names.includes(map.amount) || mapped.has('amount'))
    return { customer, date, amount: index('amount'), count: names.length };
  if (amountsRequiredBy)
    throw new ClvInputError(
      `csv: --model ${amountsRequiredBy} models spend and needs an amount per purchase, ` +
        `but there is ${missing('amount')}; use --map amount=COLUMN, or fit a count model`,
    );
  return { customer, date, amount: null, count: names.length };
};
type Columns = ReturnType<typeof columnsOf>;

/** One record as (customer, day, minor units; 0 without amounts), or why it is left out. */
const parseRow = (
  record: string[],
  columns: Columns,
  day: (text: string) => string | null,
  exponent: number,
) => {
  if (record.length !== columns.count) return 'wrong number of columns';
  const customer = record[columns.customer]!.trim();
  if (!customer) return 'no customer id';
  const date = day(record[columns.date]!);
  if (date === null) return 'date not YYYY-MM-DD or YYYYMMDD';
  if (columns.amount === null) return { customer, date, minor: 0 };
  const minor = decimalToMinor(record[columns.amount]!, exponent);
  if (minor === null) return 'amount not a decimal number';
  return { customer, date, minor };
};

const moneyOf = (code: string | undefined) => {
  const currency = (code ?? 'USD').toUpperCase();
  if (!isKnownCurrency(currency))
    throw new ClvInputError(`--currency: unknown ISO 4217 currency ${code}`);
  return { currency, minorDigits: currencyExponent(currency) };
};

/**
 * A CSV file with a header line, one purchase per row: customer, date (YYYY-MM-DD or YYYYMMDD)
 * and, if the file has it, amount (a decimal in major units of `currency`, kept as integer minor
 * units). Columns are found by name (`--map` renames them). A row that cannot be read (no
 * customer, a bad date or amount, a different number of columns than the header) is left out and
 * counted by reason; a missing column, or a file whose quoting breaks its records apart, stops
 * the read with the line.
 */
export const readCsv = async (path: string, options: CsvReadOptions) => {
  const csvMap = parseCsvMap(options.map);
  const money = moneyOf(options.currency);
  const exponent = money.minorDigits;
  const stream = openCheckedRecords(
    path,
    { bom: true, skip_empty_lines: true, relax_column_count: true },
    { uniformColumns: false },
  );
  const log = new PurchaseLog();
  const skipped = skippedRowsTally();
  const day = dayParser();
  let columns: Columns | null = null;
  try {
    for await (const { record, line } of stream.records) {
      if (columns === null) {
        columns = columnsOf(record, csvMap, options.amountsRequiredBy);
        continue;
      }
      const row = parseRow(record, columns, day, exponent);
      if (typeof row === 'string') skipped.skip(row, line);
      else log.add(row.customer, row.date, row.minor);
    }
  } catch (error) {
    if (error instanceof BrokenFileError) throw new ClvInputError(`csv: ${error.message}`);
    throw error;
  } finally {
    stream.close();
  }
  if (columns === null) throw new ClvInputError('csv: the file is empty (no header line)');
  return { log, skipped: skipped.summary(), amounts: columns.amount !== null, money };
};
