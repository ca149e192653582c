import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { badCsv } from './segments.errors.js';

/** One row of a static list upload: how it names a customer, and the line it came from. */
export type MemberRef =
  | { line: number; by: 'customerId'; value: string }
  | { line: number; by: 'email'; value: string }
  | { line: number; by: 'externalId'; value: string; source: string };

export interface UnmatchedRow {
  line: number;
  value: string;
  reason: string;
}

export interface UploadReport {
  rows: number;
  matched: number;
  added: number;
  alreadyMembers: number;
  removed: number;
  unmatchedCount: number;
  /** The first MAX_REPORTED_UNMATCHED unmatched rows, by line. */
  unmatched: UnmatchedRow[];
}

export const MAX_UPLOAD_ROWS = 100_000;
/** Unmatched rows listed in a report; the count covers them all. */
export const MAX_REPORTED_UNMATCHED = 1_000;

export const UploadJsonSchema = z
  .object({
    customerIds: z.array(z.string().min(1).max(100)).min(1).max(MAX_UPLOAD_ROWS),
  })
  .strict();

const COLUMN_ALIASES: Record<string, 'customerId' | 'email' | 'externalId' | 'source'> = {
  customer_id: 'customerId',
  customerid: 'customerId',
  id: 'customerId',
  email: 'email',
  external_id: 'externalId',
  externalid: 'externalId',
  source: 'source',
};

const columnsOf = (header: string[]) => {
  const found: Partial<Record<'customerId' | 'email' | 'externalId' | 'source', number>> = {};
  header.forEach((name, i) => {
    const role = COLUMN_ALIASES[name.trim().toLowerCase()];
    if (role && found[role] === undefined) found[role] = i;
  });
  if (found.externalId !== undefined && found.source === undefined)
    throw badCsv(1, 'an external_id column needs a source column');
  if (found.customerId === undefined && found.email === undefined && found.externalId === undefined)
    throw badCsv(1, 'the header names no column customer_id, email or external_id (+ source)');
  return found;
};

/**
 * Reads a CSV of customers (a header line, then one customer per line, named by customer_id,
 * email, or external_id with source; the first non-empty of those, in that order) into
 * references with their line numbers. Rows that name nobody are reported, not dropped.
 */
export const readMemberCsv = (text: string): { refs: MemberRef[]; invalid: UnmatchedRow[] } => {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw badCsv(line, (error as Error).message);
  }
  const [header, ...rows] = records;
  if (!header) throw badCsv(1, 'the file is empty');
  if (rows.length > MAX_UPLOAD_ROWS) throw badCsv(0, `at most ${MAX_UPLOAD_ROWS} rows at once`);
  const col = columnsOf(header.record);
  const refs: MemberRef[] = [];
  const invalid: UnmatchedRow[] = [];
  for (const { record, info } of rows) {
    const cell = (i: number | undefined) => (i === undefined ? '' : (record[i] ?? '').trim());
    const line = info.lines;
    if (cell(col.customerId)) refs.push({ line, by: 'customerId', value: cell(col.customerId) });
    else if (cell(col.email))
      refs.push({ line, by: 'email', value: cell(col.email).toLowerCase() });
    else if (cell(col.externalId) && cell(col.source))
      refs.push({ line, by: 'externalId', value: cell(col.externalId), source: cell(col.source) });
    else invalid.push({ line, value: record.join(','), reason: 'names no customer' });
  }
  return { refs, invalid };
};

/** JSON ids as references; their "line" is their 1-based position in the list. */
export const refsFromIds = (ids: string[]): MemberRef[] =>
  ids.map((value, i) => ({ line: i + 1, by: 'customerId', value }));
