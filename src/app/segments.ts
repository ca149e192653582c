/**
 * Segments and the dynamic segment membership query.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { dynamicSegmentIds, segmentRepository } from '../db/segments/segments.repository.js';
