import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../src/db/dialect.js';
import { customerRepositoryContract } from './contracts/customer-repository.contract.js';
import {
  bufferedCustomerUnit,
  bufferedCustomerUnitWithFacts,
  sqlCustomerUnit,
} from './contracts/customer-units.js';
import {
  customerLookupsContract,
  prefetchedCustomerLookups,
  sqlCustomerLookups,
} from './contracts/customer-lookups.contract.js';
import { ledgerRepositoryContract } from './contracts/ledger-repository.contract.js';
import { orderRepositoryContract } from './contracts/order-repository.contract.js';
import { ruleFactsRepositoryContract } from './contracts/rule-facts-repository.contract.js';
import { unitSavepointContract } from './contracts/unit-savepoint.contract.js';
import { bufferedUnit, preloadedBufferedUnit, sqlUnit } from './contracts/units.js';
import { openTestDatabase } from './support/database.js';

// The buffered repositories the group commit of orders and the importer write through must
// behave as their SQL twins do: one contract per repository, run against each implementation.
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

for (const kind of [sqlUnit, bufferedUnit, preloadedBufferedUnit]) {
  describe(kind.name, () => {
    const env = { db: () => database.db, kind };
    ledgerRepositoryContract(env);
    orderRepositoryContract(env);
    ruleFactsRepositoryContract(env);
    unitSavepointContract(env);
  });
}

for (const kind of [sqlCustomerLookups, prefetchedCustomerLookups]) {
  customerLookupsContract(() => database.db, kind);
}

for (const kind of [sqlCustomerUnit, bufferedCustomerUnit, bufferedCustomerUnitWithFacts]) {
  customerRepositoryContract(() => database.db, kind);
}
