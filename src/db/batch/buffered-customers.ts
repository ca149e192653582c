import type { Insertable, Kysely } from 'kysely';
import type {
  Consent,
  Customer,
  CustomerRepository,
  ExternalId,
} from '../../core/customers/customers.js';
import { customerRepository } from '../customers.repository.js';
import { consentRow, customerRow, emailRow, externalIdOwnerRow, externalIdRow } from '../rows.js';
import type { DB } from '../schema.js';
import { unsupportedInBatch } from './buffered-ledger.js';
import { insertRows } from './insert-rows.js';

const externalKey = (source: string, id: string) => `${source}\u0000${id}`;

export interface CustomersBuffer {
  repository: CustomerRepository;
  isNew(id: string): boolean;
  /** Customers known to exist, and external ids known to be free, from the batch's own queries. */
  know(facts: { existing: string[]; absent: ExternalId[] }): void;
  flush(): Promise<void>;
}

/** What one batch knows of customers: those it created, and facts it looked up in bulk. */
interface CustomerMemory {
  created: Map<string, Customer>;
  byExternal: Map<string, Customer>;
  byEmail: Map<string, Customer>;
  existing: Set<string>;
  absent: Set<string>;
  rows: {
    customers: Insertable<DB['customer']>[];
    emails: Insertable<DB['customer_email']>[];
    externalIds: Insertable<DB['customer_external_id']>[];
    externalIdOwners: Insertable<DB['customer_external_id_owner']>[];
    consents: Insertable<DB['customer_consent']>[];
  };
}

const findByExternalIdIn =
  (memory: CustomerMemory, real: CustomerRepository): CustomerRepository['findByExternalId'] =>
  async (externalId, source) => {
    const key = source === undefined ? null : externalKey(source, externalId);
    const known = key === null ? undefined : memory.byExternal.get(key);
    if (known) return [known];
    if (key !== null && memory.absent.has(key)) return [];
    const fresh = [...memory.created.values()].filter((c) =>
      c.externalIds.some(
        (e) => e.id === externalId && (source === undefined || e.source === source),
      ),
    );
    return [...(await real.findByExternalId(externalId, source)), ...fresh];
  };

/** The latest consent per channel, as the database reads them: a later one replaces an earlier. */
const recordConsent = (customer: Customer, consent: Consent) => {
  const index = customer.consents.findIndex((c) => c.channel === consent.channel);
  if (index === -1) customer.consents.push(consent);
  else customer.consents[index] = consent;
};

/**
 * The writes createCustomer makes, kept in memory until the batch ends. A customer the batch did
 * not create is already a row: what is added to it goes straight to the database, where the reads
 * that ask the database find it (the importer never does this; the repository's contract does).
 */
const bufferedWrites = (
  memory: CustomerMemory,
  real: CustomerRepository,
): Pick<CustomerRepository, 'insert' | 'addExternalIds' | 'addConsents'> => ({
  insert: async (row) => {
    const customer: Customer = { ...row, externalIds: [], consents: [], erasedAt: null };
    memory.created.set(row.id, customer);
    if (row.email) {
      memory.byEmail.set(row.email, customer);
      memory.rows.emails.push(emailRow(row.id, row.email));
    }
    memory.rows.customers.push(customerRow(row));
  },
  addExternalIds: async (customerId, ids, at) => {
    const customer = memory.created.get(customerId);
    if (!customer) {
      for (const ext of ids) memory.absent.delete(externalKey(ext.source, ext.id));
      return real.addExternalIds(customerId, ids, at);
    }
    for (const ext of ids) {
      customer.externalIds.push(ext);
      memory.byExternal.set(externalKey(ext.source, ext.id), customer);
      memory.rows.externalIds.push(externalIdRow(customerId, ext, at));
      memory.rows.externalIdOwners.push(externalIdOwnerRow(customerId, ext));
    }
  },
  addConsents: async (customerId, consents, recordedAt) => {
    const customer = memory.created.get(customerId);
    if (!customer) return real.addConsents(customerId, consents, recordedAt);
    for (const c of consents) {
      recordConsent(customer, c);
      memory.rows.consents.push(consentRow(customerId, c, recordedAt));
    }
  },
});

/**
 * The customer repository of one import batch: customers it creates live in memory until the
 * batch ends; everything else is asked of the database.
 */
export const customersBuffer = (trx: Kysely<DB>): CustomersBuffer => {
  const real = customerRepository(trx);
  const memory: CustomerMemory = {
    created: new Map(),
    byExternal: new Map(),
    byEmail: new Map(),
    existing: new Set(),
    absent: new Set(),
    rows: { customers: [], emails: [], externalIds: [], externalIdOwners: [], consents: [] },
  };
  const repository: CustomerRepository = {
    // Anything an ingest does not call goes to the database as it is.
    ...real,
    ...bufferedWrites(memory, real),
    findById: async (id) => memory.created.get(id) ?? real.findById(id),
    findByEmail: async (email) => memory.byEmail.get(email) ?? real.findByEmail(email),
    findByExternalId: findByExternalIdIn(memory, real),
    idsByExternalId: async (externalId, source) => [
      ...new Set((await findByExternalIdIn(memory, real)(externalId, source)).map((c) => c.id)),
    ],
    exists: async (id) => memory.created.has(id) || memory.existing.has(id) || real.exists(id),
    update: unsupportedInBatch('customers.update'),
    search: unsupportedInBatch('customers.search'),
  };
  return {
    repository,
    isNew: (id) => memory.created.has(id),
    know: (facts) => {
      for (const id of facts.existing) memory.existing.add(id);
      for (const ext of facts.absent) memory.absent.add(externalKey(ext.source, ext.id));
    },
    flush: async () => {
      // The lookups first, as the repository writes them (docs/scale.md).
      await insertRows(trx, 'customer_email', memory.rows.emails);
      await insertRows(trx, 'customer_external_id_owner', memory.rows.externalIdOwners);
      await insertRows(trx, 'customer', memory.rows.customers);
      await insertRows(trx, 'customer_external_id', memory.rows.externalIds);
      await insertRows(trx, 'customer_consent', memory.rows.consents);
    },
  };
};
