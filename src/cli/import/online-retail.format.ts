import { decimalToMinor } from '../../core/shared/money.js';
import {
  columnIndexes,
  reject,
  type ImportFormat,
  type ReadContext,
  type RowReader,
} from './format.js';
import { UNMATCHED } from './match-returns.js';
import { lineProblem, optionalText, parseTimestamp, parseWholeNumber } from './field-checks.js';

const COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
] as const;

export const RETAIL_REASONS = {
  noCustomer: 'missing customer id',
  badCustomer: 'unparsable customer id',
  cancellationQuantity: 'cancellation with a non-negative quantity',
  noSku: 'missing stock code',
  badQuantity: 'unparsable quantity',
  nonPositiveQuantity: 'non-positive quantity',
  badPrice: 'unparsable unit price',
  zeroPrice: 'zero unit price (a free item, or under half a penny)',
  negativePrice: 'negative unit price (an accounting adjustment)',
  badDate: 'unparsable invoice date',
} as const;

/** CustomerID is written as a float by the tool that exported the data set: `17850.0`. */
const customerIdOf = (text: string): string | null => /^(\d+)(?:\.0*)?$/.exec(text)?.[1] ?? null;

/**
 * UCI Online Retail: one record per invoice line, lines of an invoice next to each other, prices
 * in GBP. Cancellations (`C…` invoices, negative quantities) name no original invoice: they are
 * read as cancellation lines, which the importer matches to the customer's earlier lines
 * (match-returns.ts). Lines that name no customer are rejected.
 */
const readRetailRow =
  (col: Record<(typeof COLUMNS)[number], number>, { timeZone }: ReadContext): RowReader =>
  (record) => {
    const cell = (name: keyof typeof col) => record[col[name]]?.trim() ?? '';
    const customerText = cell('CustomerID');
    const invoice = cell('InvoiceNo');
    const cancellation = invoice.startsWith('C');
    if (!customerText)
      return reject(cancellation ? UNMATCHED.noCustomer : RETAIL_REASONS.noCustomer);
    const customerExternalId = customerIdOf(customerText);
    if (!customerExternalId) return reject(RETAIL_REASONS.badCustomer);
    const sku = cell('StockCode');
    if (!sku) return reject(RETAIL_REASONS.noSku);
    const quantity = parseWholeNumber(cell('Quantity'));
    if (quantity === null) return reject(RETAIL_REASONS.badQuantity);
    if (cancellation && quantity >= 0) return reject(RETAIL_REASONS.cancellationQuantity);
    if (!cancellation && quantity <= 0) return reject(RETAIL_REASONS.nonPositiveQuantity);
    const unitPriceMinor = decimalToMinor(cell('UnitPrice'), 2);
    if (unitPriceMinor === null) return reject(RETAIL_REASONS.badPrice);
    if (unitPriceMinor < 0) return reject(RETAIL_REASONS.negativePrice);
    if (unitPriceMinor === 0) return reject(RETAIL_REASONS.zeroPrice);
    // Shop time, without an offset: read in the programme's time zone (Europe/London for this shop).
    const placedAt = parseTimestamp(cell('InvoiceDate'), timeZone);
    if (!placedAt) return reject(RETAIL_REASONS.badDate);
    if (cancellation) {
      return {
        kind: 'cancel',
        cancellation: {
          invoice,
          customerExternalId,
          sku,
          quantity: -quantity,
          unitPriceMinor,
          placedAt,
        },
      };
    }
    const name = optionalText(record[col.Description]);
    const line = { sku, ...(name ? { name } : {}), quantity, unitPriceMinor };
    const problem = lineProblem(line);
    if (problem) return reject(problem);
    const country = optionalText(record[col.Country]);
    return {
      kind: 'line',
      header: {
        externalId: invoice,
        customerExternalId,
        currency: 'GBP',
        channel: 'web',
        placedAt,
        ...(country ? { customerProfile: { attributes: { country } } } : {}),
      },
      line,
    };
  };

/** A rejected line of a cancellation says so, for the summary's count of cancellations. */
const readRetailRecord = (
  col: Record<(typeof COLUMNS)[number], number>,
  context: ReadContext,
): RowReader => {
  const read = readRetailRow(col, context);
  return (record, rowNumber) => {
    const outcome = read(record, rowNumber);
    if (outcome.kind !== 'reject') return outcome;
    const invoice = record[col.InvoiceNo]?.trim() ?? '';
    return invoice.startsWith('C') ? { ...outcome, cancellation: invoice } : outcome;
  };
};

export const onlineRetailFormat: ImportFormat = {
  name: 'online-retail',
  parseOptions: { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true },
  singleRowOrders: false,
  uniformColumns: true,
  start: (header, context) =>
    readRetailRecord(columnIndexes(header, COLUMNS, 'online-retail'), context),
};
