import type { Kysely } from 'kysely';
import type { CustomerRepository, ExternalId } from '../../core/customers/customers.js';
import type { LedgerRepository } from '../../core/ledger/ledger.js';
import type { OrderRepository } from '../../core/orders/orders.js';
import { repositoriesFor, type DB } from '../../app/database.js';
import { customersBuffer, ledgerBuffer, ordersBuffer } from '../../app/orders.js';

/**
 * `bulk` buffers a batch's writes and sends them as multi-row INSERTs; `direct` runs every
 * repository call against the database as the API does (kept as the reference the bulk path is
 * tested against, and as a fallback).
 */
export const WRITE_MODES = ['bulk', 'direct'] as const;
export type WriteMode = (typeof WRITE_MODES)[number];

export interface BatchFacts {
  existingCustomers: string[];
  absentCustomers: ExternalId[];
  absentOrders: string[];
}

/** The repositories one batch's use cases run against, and what to do when the batch ends. */
export interface BatchUnit {
  customers: CustomerRepository;
  orders: OrderRepository;
  ledger: LedgerRepository;
  know(facts: BatchFacts): void;
  preloadMembers(customerIds: string[]): Promise<void>;
  flush(): Promise<void>;
}

const directUnit = (trx: Kysely<DB>): BatchUnit => {
  const { customers, orders, ledger } = repositoriesFor(trx);
  return {
    customers,
    orders,
    ledger,
    know: () => {},
    preloadMembers: async () => {},
    flush: async () => {},
  };
};

const bulkUnit = (trx: Kysely<DB>): BatchUnit => {
  const customers = customersBuffer(trx);
  const orders = ordersBuffer(trx);
  const ledger = ledgerBuffer(trx, customers.isNew);
  return {
    customers: customers.repository,
    orders: orders.repository,
    ledger: ledger.repository,
    know: (facts) => {
      customers.know({ existing: facts.existingCustomers, absent: facts.absentCustomers });
      orders.knowAbsent(facts.absentOrders);
    },
    preloadMembers: async (customerIds) => {
      await ledger.preload(customerIds);
    },
    flush: async () => {
      await customers.flush();
      await orders.flush();
      await ledger.flush();
    },
  };
};

export const batchUnit = (trx: Kysely<DB>, mode: WriteMode): BatchUnit =>
  mode === 'bulk' ? bulkUnit(trx) : directUnit(trx);
