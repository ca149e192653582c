import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { decimalToMinor } from '../../core/shared/money.js';
import { ClvInputError, dayParser, PurchaseLog } from './purchase-log.js';

const HEADER = 'customer_id date number_of_cds dollar_value';

/** Column positions of the two CDNOW layouts. */
const LAYOUTS = {
  /** CDNOW_master.txt: customer_id yyyymmdd number_of_cds dollar_value, under a header line. */
  4: { name: 'master', fields: 4, customer: 0, date: 1, dollars: 3 },
  /** CDNOW_sample.txt: master id, sample id, yyyymmdd, number of CDs, dollars; no header. */
  5: { name: 'sample', fields: 5, customer: 0, date: 2, dollars: 4 },
} as const;
type Layout = (typeof LAYOUTS)[keyof typeof LAYOUTS];

export const lines = (path: string): AsyncIterable<string> => {
  const file = createReadStream(path);
  return createInterface({
    input: path.endsWith('.gz') ? file.pipe(createGunzip()) : file,
    crlfDelay: Infinity,
  });
};

const layoutFor = (fields: string[], lineNumber: number): Layout => {
  const layout = fields.length === 4 || fields.length === 5 ? LAYOUTS[fields.length] : null;
  if (!layout)
    throw new ClvInputError(
      `line ${lineNumber}: ${fields.length} fields; a CDNOW file has 4 (master) or 5 (sample)`,
    );
  return layout;
};

/** One data row as (customer, day, cents), or the reason it does not parse. */
const parseRow = (fields: string[], layout: Layout, day: (text: string) => string | null) => {
  if (fields.length !== layout.fields)
    return `${fields.length} fields where the file's rows have ${layout.fields}`;
  const customer = fields[layout.customer]!;
  const dateText = fields[layout.date]!;
  const dollarsText = fields[layout.dollars]!;
  if (!/^\d+$/.test(customer)) return `customer id "${customer}" is not a number`;
  const date = day(dateText);
  if (date === null) return `"${dateText}" is not a yyyymmdd date`;
  const cents = decimalToMinor(dollarsText, 2);
  if (cents === null) return `"${dollarsText}" is not a dollar amount`;
  return { customer: String(Number(customer)), date, cents };
};

/**
 * Either CDNOW layout, told apart by the number of fields (the master's header line is checked
 * and skipped). Customers are the master ids, with leading zeros dropped (00042 is customer 42,
 * as in the published summaries). A row that does not parse stops the read with its line number.
 */
export const readCdnow = async (path: string) => {
  const log = new PurchaseLog();
  const day = dayParser();
  let layout: Layout | null = null;
  let lineNumber = 0;
  for await (const line of lines(path)) {
    lineNumber++;
    const text = line.trim();
    if (text === '') continue;
    const fields = text.split(/\s+/);
    if (layout === null && !/^\d+$/.test(fields[0]!)) {
      if (fields.join(' ').toLowerCase() !== HEADER)
        throw new ClvInputError(
          `line ${lineNumber}: expected the header "${HEADER}" or a data row, found "${text}"`,
        );
      continue;
    }
    layout ??= layoutFor(fields, lineNumber);
    const row = parseRow(fields, layout, day);
    if (typeof row === 'string') throw new ClvInputError(`line ${lineNumber}: ${row}`);
    log.add(row.customer, row.date, row.cents);
  }
  return { log, layout: layout?.name ?? null };
};
