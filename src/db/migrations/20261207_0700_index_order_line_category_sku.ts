import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// The rule builder's catalogue groups order lines by category and by SKU; with this index the
// database reads the index instead of every line.

const statements = [
  `create index order_line_category_sku_idx on order_line (category, sku)`,
  `create index order_line_sku_idx on order_line (sku)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
