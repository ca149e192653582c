import { describe, expect, it } from 'vitest';
import { readThroughCache, ttlCache } from './ttl-cache.js';

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

describe('readThroughCache', () => {
  it('loads once per time to live, and again after an invalidation', async () => {
    let nowMs = 1_000;
    let loads = 0;
    const cache = readThroughCache<number>({ ttlMs: 100 }, () => nowMs);
    const load = async () => (loads += 1);
    expect([await cache.read(load), await cache.read(load)]).toEqual([1, 1]);
    nowMs += 100;
    expect(await cache.read(load)).toBe(2);
    cache.invalidate();
    expect(await cache.read(load)).toBe(3);
  });

  it('does not keep a value whose read began before an invalidation', async () => {
    const cache = readThroughCache<string>({ ttlMs: 1_000 });
    let release: (value: string) => void = () => {};
    const stale = cache.read(() => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate();
    release('old');
    expect(await stale).toBe('old');
    expect(await cache.read(async () => 'new')).toBe('new');
  });

  it('keeps null, a value like any other', async () => {
    let loads = 0;
    const cache = readThroughCache<null>({ ttlMs: 1_000 });
    const load = async () => {
      loads += 1;
      return null;
    };
    await cache.read(load);
    await cache.read(load);
    expect(loads).toBe(1);
  });
});
