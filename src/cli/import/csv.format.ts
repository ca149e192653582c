import { ORDER_CHANNELS, type OrderChannel } from '../../core/orders/orders.js';
import { currencyExponent, decimalToMinor, isKnownCurrency } from '../../core/shared/money.js';
import {
  ImportSetupError,
  reject,
  type ImportFormat,
  type ReadContext,
  type RowReader,
} from './format.js';
import { lineProblem, optionalText, parseTimestamp, parseWholeNumber } from './field-checks.js';
import type { OrderHeader, RowOutcome } from './import.types.js';

export const MAPPABLE_FIELDS = [
  'externalId',
  'customerExternalId',
  'sku',
  'quantity',
  'unitPrice',
  'placedAt',
  'currency',
  'name',
  'category',
  'channel',
  'storeId',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];
export type FieldMap = Partial<Record<MappableField, string>>;

const REQUIRED: readonly MappableField[] = [
  'externalId',
  'customerExternalId',
  'sku',
  'quantity',
  'unitPrice',
  'placedAt',
];

/** `externalId=order_id,sku=sku,…`: our field on the left, the file's column on the right. */
export const parseFieldMap = (text: string): FieldMap => {
  const map: FieldMap = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [field = '', column = '', ...extra] = pair.split('=').map((s) => s.trim());
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
      throw new ImportSetupError(
        `--map: unknown field "${field}" (fields: ${MAPPABLE_FIELDS.join(', ')})`,
      );
    }
    if (!column || extra.length > 0)
      throw new ImportSetupError(`--map: "${pair}" is not field=column`);
    if (map[field as MappableField]) throw new ImportSetupError(`--map: ${field} is mapped twice`);
    map[field as MappableField] = column;
  }
  const missing = REQUIRED.filter((f) => !map[f]);
  if (missing.length > 0) throw new ImportSetupError(`--map: no column for ${missing.join(', ')}`);
  return map;
};

type Cells = (field: MappableField) => string | undefined;

const orderHeader = (
  cell: Cells,
  defaultCurrency: string | undefined,
  timeZone: string,
): OrderHeader | string => {
  const externalId = optionalText(cell('externalId'));
  const customerExternalId = optionalText(cell('customerExternalId'));
  if (!externalId || externalId.length > 200) return 'missing or too long externalId';
  if (!customerExternalId || customerExternalId.length > 200)
    return 'missing or too long customerExternalId';
  const currency = (optionalText(cell('currency')) ?? defaultCurrency ?? '').toUpperCase();
  if (!isKnownCurrency(currency)) return currency ? 'unknown currency' : 'missing currency';
  const channel = optionalText(cell('channel'))?.toLowerCase() ?? 'web';
  if (!(ORDER_CHANNELS as readonly string[]).includes(channel)) return 'unknown channel';
  const storeId = optionalText(cell('storeId'));
  if (storeId && storeId.length > 100) return 'storeId longer than 100 characters';
  const placedAt = parseTimestamp(cell('placedAt'), timeZone);
  if (!placedAt) return 'unparsable placedAt';
  return {
    externalId,
    customerExternalId,
    currency,
    channel: channel as OrderChannel,
    placedAt,
    ...(storeId ? { storeId } : {}),
  };
};

const readMappedRow = (
  cell: Cells,
  defaultCurrency: string | undefined,
  timeZone: string,
): RowOutcome => {
  const header = orderHeader(cell, defaultCurrency, timeZone);
  if (typeof header === 'string') return reject(header);
  const sku = optionalText(cell('sku'));
  if (!sku) return reject('missing sku');
  const quantity = parseWholeNumber(cell('quantity'));
  if (quantity === null) return reject('unparsable quantity');
  if (quantity <= 0) return reject('non-positive quantity');
  const unitPriceMinor = decimalToMinor(cell('unitPrice') ?? '', currencyExponent(header.currency));
  if (unitPriceMinor === null) return reject('unparsable unitPrice');
  if (unitPriceMinor < 0) return reject('negative unitPrice');
  const name = optionalText(cell('name'));
  const category = optionalText(cell('category'));
  const line = {
    sku,
    quantity,
    unitPriceMinor,
    ...(name ? { name } : {}),
    ...(category ? { category } : {}),
  };
  const problem = lineProblem(line);
  return problem ? reject(problem) : { kind: 'line', header, line };
};

const startMapped =
  (map: FieldMap, defaultCurrency: string | undefined) =>
  (header: string[], { timeZone }: ReadContext): RowReader => {
    const columns = header.map((h) => h.trim());
    const missing = Object.entries(map).filter(([, column]) => !columns.includes(column));
    if (missing.length > 0) {
      const list = missing.map(([field, column]) => `${column} (for ${field})`).join(', ');
      throw new ImportSetupError(
        `csv: column(s) ${list} not in the header (${columns.join(', ')})`,
      );
    }
    const index = Object.fromEntries(
      Object.entries(map).map(([field, column]) => [field, columns.indexOf(column)]),
    );
    return (record) => {
      // A short record leaves cells undefined; an empty required cell reads as missing too.
      const short = REQUIRED.find((f) => index[f]! >= record.length);
      if (short) return reject(`missing column ${map[short]} in this row`);
      return readMappedRow(
        (field) => (index[field] === undefined ? undefined : record[index[field]!]),
        defaultCurrency,
        timeZone,
      );
    };
  };

/**
 * Any CSV with a header, mapped to our fields by `--map`. Consecutive rows with one externalId form
 * one order; prices are decimals in major units of the row's currency (or `--currency`).
 */
export const csvFormat = (options: { map: string; currency?: string }): ImportFormat => {
  const map = parseFieldMap(options.map);
  const currency = options.currency?.toUpperCase();
  if (currency !== undefined && !isKnownCurrency(currency)) {
    throw new ImportSetupError(`--currency: unknown ISO 4217 currency ${options.currency}`);
  }
  if (!map.currency && !currency)
    throw new ImportSetupError('csv: map a currency column or give --currency');
  return {
    name: 'csv',
    parseOptions: { bom: true, relax_column_count: true, skip_empty_lines: true },
    singleRowOrders: false,
    uniformColumns: true,
    start: startMapped(map, currency),
  };
};
