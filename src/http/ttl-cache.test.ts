import { describe, expect, it } from 'vitest';
import { ttlCache } from './ttl-cache.js';

describe('ttlCache', () => {
  it('forgets entries after their time to live', () => {
    let nowMs = 1_000;
    const cache = ttlCache<string>({ ttlMs: 100, maxEntries: 10 }, () => nowMs);
    cache.set('a', 'A');
    nowMs += 99;
    expect(cache.get('a')).toBe('A');
    nowMs += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('drops the oldest entry when full, and clears on demand', () => {
    const cache = ttlCache<number>({ ttlMs: 1_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, 2, 3]);
    cache.clear();
    expect(cache.get('b')).toBeUndefined();
  });
});
