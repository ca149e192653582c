/**
 * Stored product suggestions and the e-mail suggestions read.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export {
  emailSuggestions,
  recommendationStore,
} from '../db/recommendations/recommendations.repository.js';
