/**
 * Messaging's store and the journeys' notices and birthday reads the sweeps use.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { birthdaysDue } from '../db/birthdays.queries.js';
export { messagingRepository } from '../db/messaging/messaging.repository.js';
export { experimentArmStore } from '../db/experiments/experiment-arms.repository.js';
export { noticeRepository } from '../db/notices.repository.js';
