/** Table rows as export records: camelCase keys, times as ISO 8601 strings. */
const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

const exportValue = (value: unknown): unknown =>
  value instanceof Date ? value.toISOString() : value;

export const exportRow = (row: object | null | undefined): Record<string, unknown> | null =>
  row ? Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), exportValue(v)])) : null;

export const exportRows = (rows: readonly object[]): Record<string, unknown>[] =>
  rows.map((r) => exportRow(r)!);

/** Rows changed by an update or delete, from Kysely's result. */
export const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]): number =>
  result.reduce((n, r) => n + Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n), 0);
