import type { MiddlewareHandler } from 'hono';
import type { ReadThroughCache } from '../core/shared/ttl-cache.js';

/**
 * Empties the cache once a PATCH of the programme has finished, i.e. after its transaction
 * committed (registered before the transactional middleware, so it wraps it): emptying it inside
 * the transaction would let a concurrent request cache the old settings again.
 */
export const invalidateProgrammeOnChange =
  (cache: ReadThroughCache<unknown>): MiddlewareHandler =>
  async (c, next) => {
    try {
      await next();
    } finally {
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') cache.invalidate();
    }
  };
