/**
 * The database as the adapters see it: the schema's types, repositories bound to a connection,
 * the transaction helper, and the translation of driver errors.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { translateDatabaseError } from '../db/errors.js';
export { refreshPlannerStatistics } from '../db/maintenance.js';
export { inTransaction, repositoriesFor } from '../db/repositories.js';
export type { DB } from '../db/schema.js';
