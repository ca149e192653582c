import type { Kysely } from 'kysely';
import type { ApiKeyRepository } from '../core/auth/auth.js';
import type { CustomerRepository } from '../core/customers/customers.js';
import type { LedgerRepository } from '../core/ledger/ledger.js';
import type { OrderRepository } from '../core/orders/orders.js';
import type { ProgrammeRepository } from '../core/programme/programme.js';
import type { ActivityRepository } from '../core/rules/activities.js';
import type { RuleFactsRepository } from '../core/rules/rules.live.js';
import type { RuleRepository } from '../core/rules/rules.store.js';
import { activityRepository } from './activities.repository.js';
import { customerRepository } from './customers.repository.js';
import { ledgerRepository } from './ledger.repository.js';
import { apiKeyRepository, programmeRepository } from './misc.repository.js';
import { orderRepository } from './orders.repository.js';
import { ruleFactsRepository, ruleRepository } from './rules.repository.js';
import type { DB } from './schema.js';

export interface Repositories {
  customers: CustomerRepository;
  orders: OrderRepository;
  ledger: LedgerRepository;
  programmeStore: ProgrammeRepository;
  apiKeys: ApiKeyRepository;
  rules: RuleRepository;
  ruleFacts: RuleFactsRepository;
  activities: ActivityRepository;
}

/** Repositories bound to one connection or transaction. */
export const repositoriesFor = (db: Kysely<DB>): Repositories => ({
  customers: customerRepository(db),
  orders: orderRepository(db),
  ledger: ledgerRepository(db),
  programmeStore: programmeRepository(db),
  apiKeys: apiKeyRepository(db),
  rules: ruleRepository(db),
  ruleFacts: ruleFactsRepository(db),
  activities: activityRepository(db),
});

/**
 * Runs `work` in a transaction, or inside the caller's one when `db` already is a transaction, so
 * a use case can be composed into a larger atomic unit (an idempotent HTTP request, an import batch).
 */
export const inTransaction = <T>(
  db: Kysely<DB>,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> => (db.isTransaction ? work(db) : db.transaction().execute(work));
