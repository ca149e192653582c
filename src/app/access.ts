/**
 * Who may do what: users, sessions, sign-in failures, API keys and the audit log.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { auditLogRepository } from '../db/audit/audit-log.repository.js';
export {
  sessionRepository,
  signInFailureRepository,
  userRepository,
} from '../db/auth.repository.js';
export { apiKeyRepository } from '../db/misc.repository.js';
