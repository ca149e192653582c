import type { Kysely } from 'kysely';
import type { CustomerRepository } from '../../core/customers/customers.js';
import type { DB } from '../schema.js';

/** The external ids among these that already name an order, in one query. */
export const presentOrders = async (
  trx: Kysely<DB>,
  externalIds: string[],
): Promise<Set<string>> => {
  if (externalIds.length === 0) return new Set();
  const rows = await trx
    .selectFrom('sales_order_external')
    .select('external_id')
    .where('external_id', 'in', externalIds)
    .execute();
  return new Set(rows.map((r) => r.external_id));
};

interface CustomerRefs {
  ids: string[];
  externalIds: string[];
}

/**
 * A customer repository that answers the two questions `resolveCustomer` asks (does this id
 * exist, who holds this external id) for a whole batch from two queries made up front. Anything
 * else goes to the database.
 */
export const prefetchedCustomers = async (
  trx: Kysely<DB>,
  real: CustomerRepository,
  refs: CustomerRefs,
): Promise<{ repository: CustomerRepository; customerIds: string[] }> => {
  const existing =
    refs.ids.length === 0
      ? []
      : await trx
          .selectFrom('customer')
          .select('id')
          .where('id', 'in', refs.ids)
          .where('erased_at', 'is', null)
          .execute();
  const owners =
    refs.externalIds.length === 0
      ? []
      : await trx
          .selectFrom('customer_external_id_owner')
          .select(['customer_id', 'source', 'external_id'])
          .where('external_id', 'in', refs.externalIds)
          .execute();
  const ids = new Set(existing.map((r) => r.id));
  const repository: CustomerRepository = {
    ...real,
    exists: async (id) => ids.has(id),
    idsByExternalId: async (externalId, source) => [
      ...new Set(
        owners
          .filter((o) => o.external_id === externalId && (!source || o.source === source))
          .map((o) => o.customer_id),
      ),
    ],
  };
  return { repository, customerIds: [...new Set([...ids, ...owners.map((o) => o.customer_id)])] };
};
