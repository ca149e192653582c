import type { InsertObject, Kysely } from 'kysely';
import type { DB } from '../schema.js';

// PostgreSQL allows 65,535 parameters per statement; stay under it whatever the row width.
const MAX_PARAMETERS = 60_000;

/** Multi-row INSERTs in as few statements as the parameter limit allows. */
export const insertRows = async <T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: InsertObject<DB, T>[],
  options: { ignoreConflicts?: boolean } = {},
): Promise<void> => {
  const first = rows[0];
  if (!first) return;
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let start = 0; start < rows.length; start += size) {
    let query = db.insertInto(table).values(rows.slice(start, start + size));
    if (options.ignoreConflicts) query = query.onConflict((oc) => oc.doNothing());
    await query.execute();
  }
};
