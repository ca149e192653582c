import { describe, expect, it } from 'vitest';
import {
  arrivalSchedule,
  assignOperations,
  checkMix,
  median,
  percentile,
  pickOperation,
  seededRandom,
  summariseLatencies,
  type MixEntry,
} from './open-loop.js';

const MIX: MixEntry<'a' | 'b' | 'c'>[] = [
  { operation: 'a', share: 0.6 },
  { operation: 'b', share: 0.3 },
  { operation: 'c', share: 0.1 },
];

describe('arrival schedule', () => {
  it('spaces even arrivals exactly 1000 / rate ms apart, all inside the window', () => {
    const times = arrivalSchedule(4, 2, 'even', seededRandom(1));
    expect(times).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750]);
    expect(arrivalSchedule(3, 1, 'even', seededRandom(1))).toHaveLength(3);
  });

  it('gives Poisson arrivals the asked rate and exponential gaps (mean ≈ sd ≈ 1000 / rate)', () => {
    const rate = 1000;
    const times = arrivalSchedule(rate, 60, 'poisson', seededRandom(7));
    // 60,000 expected; the count of a Poisson process has sd √60,000 ≈ 245.
    expect(Math.abs(times.length - 60_000)).toBeLessThan(1_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / gaps.length);
    expect(mean).toBeCloseTo(1, 1);
    expect(sd).toBeCloseTo(1, 1);
    expect(gaps.every((g) => g >= 0)).toBe(true);
    expect(times[times.length - 1]!).toBeLessThan(60_000);
  });

  it('repeats exactly for one seed and differs for another', () => {
    const a = arrivalSchedule(100, 5, 'poisson', seededRandom(3));
    expect(arrivalSchedule(100, 5, 'poisson', seededRandom(3))).toEqual(a);
    expect(arrivalSchedule(100, 5, 'poisson', seededRandom(4))).not.toEqual(a);
  });

  it('refuses a rate or duration that is not positive', () => {
    for (const [rate, seconds] of [
      [0, 5],
      [-1, 5],
      [100, 0],
      [Number.NaN, 5],
    ] as const) {
      expect(() => arrivalSchedule(rate, seconds, 'even', seededRandom(1))).toThrow(/positive/);
    }
  });
});

describe('mix selection', () => {
  it('maps a draw to the operation whose cumulative share it falls in', () => {
    expect(pickOperation(MIX, 0)).toBe('a');
    expect(pickOperation(MIX, 0.599)).toBe('a');
    expect(pickOperation(MIX, 0.6)).toBe('b');
    expect(pickOperation(MIX, 0.899)).toBe('b');
    expect(pickOperation(MIX, 0.9)).toBe('c');
    expect(pickOperation(MIX, 0.999_999)).toBe('c');
  });

  it('draws each operation near its share over many arrivals', () => {
    const ops = assignOperations(100_000, MIX, seededRandom(11));
    const share = (op: string) => ops.filter((o) => o === op).length / ops.length;
    expect(share('a')).toBeCloseTo(0.6, 2);
    expect(share('b')).toBeCloseTo(0.3, 2);
    expect(share('c')).toBeCloseTo(0.1, 2);
  });

  it('refuses a mix whose shares do not add up to 1, or hold a bad share', () => {
    expect(() => checkMix([])).toThrow(/empty/);
    expect(() =>
      checkMix([
        { operation: 'a', share: 0.6 },
        { operation: 'b', share: 0.3 },
      ]),
    ).toThrow(/add up to 0.9/);
    expect(() =>
      checkMix([
        { operation: 'a', share: 1.2 },
        { operation: 'b', share: -0.2 },
      ]),
    ).toThrow(/not in \(0, 1\]/);
    expect(() => assignOperations(1, [{ operation: 'a', share: 0.5 }], seededRandom(1))).toThrow();
    expect(() => checkMix(MIX)).not.toThrow();
  });
});

describe('percentiles', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    // 10 values: the 95th percentile is the 10th, not an interpolation.
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 1000], 95)).toBe(1000);
  });

  it('has no figure for no values, and refuses a percentile outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(oneToHundred, 0)).toThrow();
    expect(() => percentile(oneToHundred, 101)).toThrow();
  });

  it('summarises unsorted latencies, keeping the slow tail', () => {
    const shuffled = [...oneToHundred].reverse();
    expect(summariseLatencies(shuffled)).toEqual({
      count: 100,
      p50Ms: 50,
      p95Ms: 95,
      p99Ms: 99,
      maxMs: 100,
    });
    const none = summariseLatencies([]);
    expect(none.count).toBe(0);
    expect(none.p95Ms).toBeNaN();
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
