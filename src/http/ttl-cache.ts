/**
 * A small in-process cache whose entries live a fixed time, bounded in size. Used for data read on
 * every request that changes rarely (API keys, programme settings), where a round trip to the
 * database per request costs more than the request's own work.
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
