/**
 * Order ingestion beyond one request: the buffered repositories of the group-commit batch and the
 * importer, key claims, and the order history the rule simulator replays.
 *
 * Adapters (src/http, src/jobs, src/cli) reach the database through src/app only (lint enforces
 * it), so src/db can change shape without touching them.
 */
export { customersBuffer } from '../db/batch/buffered-customers.js';
export { ledgerBuffer } from '../db/batch/buffered-ledger.js';
export { ordersBuffer } from '../db/batch/buffered-orders.js';
export { returnsBuffer } from '../db/batch/buffered-returns.js';
export { noRuleFacts, ruleFactsBuffer } from '../db/batch/buffered-rule-facts.js';
export { claimId, idempotencyRepository } from '../db/idempotency.repository.js';
export type {
  IdempotencyRepository,
  KeyClaim,
  StoredResponse,
} from '../db/idempotency.repository.js';
export { createMemberAccounts } from '../db/batch/ledger-writes.js';
export { prefetchedCustomers, presentOrders } from '../db/batch/order-lookups.js';
export { orderHistorySource } from '../db/order-history.source.js';
