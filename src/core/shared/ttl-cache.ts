/**
 * A small in-process cache whose entries live a fixed time, bounded in size. Used for data read on
 * every request that changes rarely (API keys, programme settings), where a round trip to the
 * database per request costs more than the request's own work. The one TTL cache of the code base:
 * `readThroughCache` below builds on it.
 */
export interface TtlCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  clear(): void;
}

export const ttlCache = <V>(
  options: { ttlMs: number; maxEntries: number },
  now: () => number = Date.now,
): TtlCache<V> => {
  const entries = new Map<string, { value: V; expiresAtMs: number }>();
  return {
    get: (key) => {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.expiresAtMs <= now()) {
        entries.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set: (key, value) => {
      // Maps iterate in insertion order: the first key is the oldest, dropped when full.
      if (!entries.has(key) && entries.size >= options.maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { value, expiresAtMs: now() + options.ttlMs });
    },
    clear: () => entries.clear(),
  };
};

/** One value read through a loader and kept for a fixed time; emptied on demand. */
export interface ReadThroughCache<T> {
  read(load: () => Promise<T>): Promise<T>;
  invalidate(): void;
}

/**
 * A single value (settings, a list of subscriptions) on top of `ttlCache`. A read that started
 * before an invalidation may have seen the old value: it must not store it, so each invalidation
 * starts a new generation. `undefined` is never kept (it means "not cached").
 */
export const readThroughCache = <T>(
  options: { ttlMs: number },
  now: () => number = Date.now,
): ReadThroughCache<T> => {
  const cache = ttlCache<T>({ ttlMs: options.ttlMs, maxEntries: 1 }, now);
  let generation = 0;
  return {
    read: async (load) => {
      const hit = cache.get('');
      if (hit !== undefined) return hit;
      const started = generation;
      const value = await load();
      if (started === generation) cache.set('', value);
      return value;
    },
    invalidate: () => {
      generation += 1;
      cache.clear();
    },
  };
};
