/**
 * Webhook subscriptions, deliveries and the outbox's store.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { webhookRepository } from '../db/webhooks/webhooks.repository.js';
