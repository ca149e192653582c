import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * A bulk load changes the tables' shape at once; PGlite runs no autovacuum, so without this its
 * planner keeps guessing from empty-table defaults (analytics queries chose nested loops).
 */
export const refreshPlannerStatistics = async (db: Kysely<DB>): Promise<void> => {
  await sql`analyze customer, sales_order, order_line, order_return, ledger_entry, points_lot`.execute(
    db,
  );
};
