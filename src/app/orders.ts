/**
 * Order ingestion beyond one request: the group-commit batch's buffered repositories and key
 * claims, the importer's row writers, and the order history the rule simulator replays.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { ledgerBuffer, unsupportedInBatch } from '../db/batch/buffered-ledger.js';
export { ordersBuffer } from '../db/batch/buffered-orders.js';
export { noRuleFacts, ruleFactsBuffer } from '../db/batch/buffered-rule-facts.js';
export { claimId, idempotencyRepository } from '../db/idempotency.repository.js';
export type {
  IdempotencyRepository,
  KeyClaim,
  StoredResponse,
} from '../db/idempotency.repository.js';
export { insertRows } from '../db/batch/insert-rows.js';
export { createMemberAccounts } from '../db/batch/ledger-writes.js';
export { prefetchedCustomers, presentOrders } from '../db/batch/order-lookups.js';
export { orderHistorySource } from '../db/order-history.source.js';
export { consentRow, customerRow, externalIdRow } from '../db/rows.js';
