import DataLoader from 'dataloader';
import { ApiError, client, unwrap } from '../../shared/api';
import type { Customer } from './types';

// The API lists at most 200 ids per request; 100 keeps the URL well under common limits.
const BATCH = 100;

/**
 * Names the customers a page lists (a CLV table, survey answers, a message log) with one
 * `GET /v1/customers?ids=…` per page instead of one request per row: every id asked for in the
 * same tick goes in one batch. react-query keeps the records, so the loader caches nothing.
 */
export const customerLoader = new DataLoader<string, Customer>(
  async (ids) => {
    const { customers } = await unwrap(
      client.GET('/v1/customers', {
        params: { query: { ids: ids.join(','), limit: ids.length } },
      }),
    );
    const byId = new Map(customers.map((c) => [c.id, c]));
    return ids.map(
      (id) => byId.get(id) ?? new ApiError(404, 'customer_not_found', `No customer ${id}`),
    );
  },
  { maxBatchSize: BATCH, cache: false },
);
