/**
 * The tier programme's store, bound to a connection.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { tierRepository } from '../db/tiers/tiers.repository.js';
