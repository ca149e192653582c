import { currencyExponent, decimalToMinor, isKnownCurrency } from '../../core/shared/money.js';
import { openRecordStream } from '../import/read-records.js';
import { ClvInputError, dayParser, PurchaseLog } from './purchase-log.js';

export const CSV_FIELDS = ['customer_id', 'date', 'amount'] as const;
type CsvField = (typeof CSV_FIELDS)[number];
export type CsvColumnMap = Record<CsvField, string>;

/** `customer_id=cust,date=order_date`: our field on the left, the file's column on the right. */
export const parseCsvMap = (text: string | undefined): CsvColumnMap => {
  const map: CsvColumnMap = { customer_id: 'customer_id', date: 'date', amount: 'amount' };
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
  }
  return map;
};

const columnsOf = (header: string[], map: CsvColumnMap) => {
  const names = header.map((h) => h.trim());
  const index = (field: CsvField) => {
    const i = names.indexOf(map[field]);
    if (i < 0)
      throw new ClvInputError(
        `csv: no column "${map[field]}" (for ${field}) in the header (${names.join(', ')}); use --map ${field}=COLUMN`,
      );
    return i;
  };
  return { customer: index('customer_id'), date: index('date'), amount: index('amount') };
};

/** One record as (customer, day, minor units), or the reason it does not parse. */
const parseRow = (
  record: string[],
  columns: ReturnType<typeof columnsOf>,
  day: (text: string) => string | null,
  exponent: number,
) => {
  const customer = record[columns.customer]?.trim() ?? '';
  const dateText = record[columns.date] ?? '';
  const amountText = record[columns.amount] ?? '';
  if (!customer) return 'no customer id';
  const date = day(dateText);
  if (date === null) return `"${dateText}" is not a YYYY-MM-DD or YYYYMMDD date`;
  const minor = decimalToMinor(amountText, exponent);
  if (minor === null) return `"${amountText}" is not an amount`;
  return { customer, date, minor };
};

/**
 * A CSV file with a header line, one purchase per row: customer, date (YYYY-MM-DD or YYYYMMDD)
 * and amount (a decimal in major units of `currency`, kept as integer minor units). Columns are
 * found by name (`--map` renames them). A row that does not parse stops the read with its number.
 */
export const readCsv = async (path: string, options: { map?: string; currency?: string }) => {
  const map = parseCsvMap(options.map);
  const currency = (options.currency ?? 'USD').toUpperCase();
  if (!isKnownCurrency(currency))
    throw new ClvInputError(`--currency: unknown ISO 4217 currency ${options.currency}`);
  const exponent = currencyExponent(currency);
  let malformed: string | null = null;
  const stream = openRecordStream(
    path,
    { bom: true, skip_empty_lines: true, relax_column_count: true },
    (message) => (malformed ??= message),
  );
  const log = new PurchaseLog();
  const day = dayParser();
  let columns: ReturnType<typeof columnsOf> | null = null;
  let row = 0;
  try {
    for await (const record of stream.records) {
      if (malformed) throw new ClvInputError(`csv: ${malformed}`);
      if (columns === null) {
        columns = columnsOf(record, map);
        continue;
      }
      row++;
      const parsed = parseRow(record, columns, day, exponent);
      if (typeof parsed === 'string') throw new ClvInputError(`data row ${row}: ${parsed}`);
      log.add(parsed.customer, parsed.date, parsed.minor);
    }
  } finally {
    stream.close();
  }
  if (malformed) throw new ClvInputError(`csv: ${malformed}`);
  if (columns === null) throw new ClvInputError('csv: the file is empty (no header line)');
  return { log };
};
