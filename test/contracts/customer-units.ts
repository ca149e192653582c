import type { Kysely } from 'kysely';
import type { CustomerRepository, ExternalId } from '../../src/core/customers/customers.js';
import { customersBuffer } from '../../src/db/batch/buffered-customers.js';
import { customerRepository } from '../../src/db/customers.repository.js';
import type { DB } from '../../src/db/schema.js';

/** A customer repository inside one unit of work (one transaction). */
export interface CustomerUnit {
  customers: CustomerRepository;
  /** What the unit does before its transaction commits. */
  flush(): Promise<void>;
}

/** The customers and external ids a caller names before it asks about them (the importer does). */
export interface CustomerRefs {
  ids: string[];
  externalIds: ExternalId[];
}

export interface CustomerUnitKind {
  name: string;
  /**
   * Operations this kind refuses by design, each with the reason: the contract skips their tests
   * for it, saying why, and checks that they are refused rather than answered wrongly.
   */
  unsupported: Partial<Record<keyof CustomerRepository, string>>;
  open(trx: Kysely<DB>, refs: CustomerRefs): Promise<CustomerUnit>;
}

export const sqlCustomerUnit: CustomerUnitKind = {
  name: 'SQL customer repository',
  unsupported: {},
  open: async (trx) => ({ customers: customerRepository(trx), flush: async () => undefined }),
};

const IMPORTER_REFUSALS = {
  update: 'is refused: the importer only creates customers, and never updates one',
  search: 'is refused: the importer never searches, and the unit’s customers are not rows yet',
};

/** The importer's buffer, asking the database about every customer it did not create. */
export const bufferedCustomerUnit: CustomerUnitKind = {
  name: 'buffered customers',
  unsupported: IMPORTER_REFUSALS,
  open: async (trx) => {
    const buffer = customersBuffer(trx);
    return { customers: buffer.repository, flush: buffer.flush };
  },
};

/**
 * The importer's buffer told up front, as each import batch tells it from one query, which of the
 * named customers exist and which external ids nobody holds yet.
 */
export const bufferedCustomerUnitWithFacts: CustomerUnitKind = {
  name: 'buffered customers, facts known up front',
  unsupported: IMPORTER_REFUSALS,
  open: async (trx, refs) => {
    const buffer = customersBuffer(trx);
    const live =
      refs.ids.length === 0
        ? []
        : await trx
            .selectFrom('customer')
            .select('id')
            .where('id', 'in', refs.ids)
            .where('erased_at', 'is', null)
            .execute();
    const held = new Set<string>();
    for (const ext of refs.externalIds) {
      const holders = await customerRepository(trx).idsByExternalId(ext.id, ext.source);
      if (holders.length > 0) held.add(`${ext.source}:${ext.id}`);
    }
    buffer.know({
      existing: live.map((r) => r.id),
      absent: refs.externalIds.filter((ext) => !held.has(`${ext.source}:${ext.id}`)),
    });
    return { customers: buffer.repository, flush: buffer.flush };
  },
};

/** Runs `work` in one transaction on a unit of this kind, flushing it before the commit. */
export const inCustomerUnit = <T>(
  db: Kysely<DB>,
  kind: CustomerUnitKind,
  refs: Partial<CustomerRefs>,
  work: (customers: CustomerRepository) => Promise<T>,
): Promise<T> =>
  db.transaction().execute(async (trx) => {
    const unit = await kind.open(trx, { ids: [], externalIds: [], ...refs });
    const result = await work(unit.customers);
    await unit.flush();
    return result;
  });
