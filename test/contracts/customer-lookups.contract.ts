import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CustomerRepository } from '../../src/core/customers/customers.js';
import { prefetchedCustomers } from '../../src/db/batch/order-lookups.js';
import { customerRepository } from '../../src/db/customers.repository.js';
import type { DB } from '../../src/db/schema.js';
import { unique } from '../support/fixtures.js';
import { insertCustomer } from './units.js';

/** The customers and external ids a caller names before it asks about them. */
export interface CustomerRefs {
  ids: string[];
  externalIds: string[];
}

export interface CustomerLookupKind {
  name: string;
  open(db: Kysely<DB>, refs: CustomerRefs): Promise<CustomerRepository>;
}

export const sqlCustomerLookups: CustomerLookupKind = {
  name: 'SQL customer repository',
  open: async (db) => customerRepository(db),
};

/** What the group commit of orders resolves customers with: two queries for the whole batch. */
export const prefetchedCustomerLookups: CustomerLookupKind = {
  name: 'customers prefetched for a batch',
  open: async (db, refs) =>
    (await prefetchedCustomers(db, customerRepository(db), refs)).repository,
};

/**
 * The two questions an order's ingest asks to resolve its customer (does this id name a live
 * customer; who holds this external id, in any source or one), answered alike for the customers
 * and external ids the caller named up front.
 */
export const customerLookupsContract = (db: () => Kysely<DB>, kind: CustomerLookupKind) =>
  describe(`customer lookups (${kind.name})`, () => {
    it('knows live customers, not erased or unknown ones', async () => {
      const live = await insertCustomer(db());
      const erased = await insertCustomer(db());
      await db()
        .updateTable('customer')
        .set({ erased_at: new Date() })
        .where('id', '=', erased)
        .execute();
      const unknown = 'cus_00000000000000000000000000';
      const customers = await kind.open(db(), { ids: [live, erased, unknown], externalIds: [] });
      expect(await customers.exists(live)).toBe(true);
      expect(await customers.exists(erased)).toBe(false);
      expect(await customers.exists(unknown)).toBe(false);
    });

    it('finds the holders of an external id, in any source or in one', async () => {
      const [shopHolder, posHolder] = [await insertCustomer(db()), await insertCustomer(db())];
      const shared = unique('ext');
      const repo = customerRepository(db());
      await repo.addExternalIds(shopHolder, [{ source: 'shop', id: shared }], new Date());
      await repo.addExternalIds(posHolder, [{ source: 'pos', id: shared }], new Date());
      const nobody = unique('ext-nobody');
      const customers = await kind.open(db(), { ids: [], externalIds: [shared, nobody] });
      expect((await customers.idsByExternalId(shared)).sort()).toEqual(
        [shopHolder, posHolder].sort(),
      );
      expect(await customers.idsByExternalId(shared, 'shop')).toEqual([shopHolder]);
      expect(await customers.idsByExternalId(shared, 'web')).toEqual([]);
      expect(await customers.idsByExternalId(nobody)).toEqual([]);
    });
  });
