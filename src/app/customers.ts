/**
 * Customers and their member cards, bound to a connection.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { cardRepository, cardSecretStore } from '../db/cards.repository.js';
export { customerRepository } from '../db/customers.repository.js';
