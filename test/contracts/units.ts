import { sql, type Kysely } from 'kysely';
import type { CustomerRow } from '../../src/core/customers/customers.js';
import type { LedgerRepository } from '../../src/core/ledger/ledger.js';
import type { OrderRepository } from '../../src/core/orders/orders.js';
import type { RuleFactsRepository } from '../../src/core/rules/rules.live.js';
import { newId } from '../../src/core/shared/ids.js';
import { ledgerBuffer } from '../../src/db/batch/buffered-ledger.js';
import { ordersBuffer } from '../../src/db/batch/buffered-orders.js';
import { ruleFactsBuffer } from '../../src/db/batch/buffered-rule-facts.js';
import { customerRepository } from '../../src/db/customers.repository.js';
import { repositoriesFor } from '../../src/db/repositories.js';
import type { DB } from '../../src/db/schema.js';

/**
 * The repositories a use case writes through inside one unit of work (one transaction), in the
 * two implementations the core runs against: SQL statement by statement, or buffered in memory
 * and written when the unit ends (the group commit of orders, the importer).
 */
export interface Unit {
  orders: OrderRepository;
  ledger: LedgerRepository;
  ruleFacts: RuleFactsRepository;
  /** Marks the unit; the returned function undoes every write made since. */
  savepoint(): Promise<() => Promise<void>>;
  /** What the unit does before its transaction commits. */
  flush(): Promise<void>;
}

export interface UnitKind {
  name: string;
  /** Opens a unit on `trx`; `members` are the customers the caller says it will touch. */
  open(trx: Kysely<DB>, members: string[]): Promise<Unit>;
}

export const sqlUnit: UnitKind = {
  name: 'SQL repositories',
  open: async (trx) => ({
    ...repositoriesFor(trx),
    savepoint: async () => {
      await sql`savepoint contract_unit`.execute(trx);
      return async () => {
        await sql`rollback to savepoint contract_unit`.execute(trx);
      };
    },
    flush: async () => undefined,
  }),
};

const buffered = (trx: Kysely<DB>) => {
  const orders = ordersBuffer(trx);
  const ledger = ledgerBuffer(trx, () => false);
  const ruleFacts = ruleFactsBuffer(trx, orders.bufferedFor);
  const unit: Unit = {
    orders: orders.repository,
    ledger: ledger.repository,
    ruleFacts: ruleFacts.repository,
    savepoint: async () => {
      const rollbacks = [orders.savepoint(), ledger.savepoint(), ruleFacts.savepoint()];
      return async () => rollbacks.forEach((rollback) => rollback());
    },
    // The order the batch writes in: orders before the entries that name them.
    flush: async () => {
      await orders.flush();
      await ledger.flush();
      await ruleFacts.flush();
    },
  };
  return { unit, ledger, ruleFacts };
};

/** Buffered, meeting each member on first use (what it reads, it reads one member at a time). */
export const bufferedUnit: UnitKind = {
  name: 'buffered repositories',
  open: async (trx) => buffered(trx).unit,
};

/** Buffered, with every member's ledger state and rule facts read up front in bulk. */
export const preloadedBufferedUnit: UnitKind = {
  name: 'buffered repositories, members preloaded',
  open: async (trx, members) => {
    const { unit, ledger, ruleFacts } = buffered(trx);
    await ledger.preload(members);
    await ruleFacts.prefetch(members, { orderCount: true });
    return unit;
  },
};

/** Runs `work` in one transaction on a unit of this kind, flushing it before the commit. */
export const inUnit = <T>(
  db: Kysely<DB>,
  kind: UnitKind,
  members: string[],
  work: (unit: Unit) => Promise<T>,
): Promise<T> =>
  db.transaction().execute(async (trx) => {
    const unit = await kind.open(trx, members);
    const result = await work(unit);
    await unit.flush();
    return result;
  });

export const insertCustomer = async (
  db: Kysely<DB>,
  attributes: CustomerRow['attributes'] = {},
): Promise<string> => {
  const now = new Date();
  const id = newId('customer');
  await customerRepository(db).insert({
    id,
    email: `${id}@example.com`,
    phone: null,
    firstName: null,
    lastName: null,
    birthday: null,
    locale: null,
    attributes,
    createdAt: now,
    updatedAt: now,
  });
  return id;
};

export interface ContractEnv {
  db(): Kysely<DB>;
  kind: UnitKind;
}
