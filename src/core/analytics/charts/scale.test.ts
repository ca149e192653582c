import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extent,
  formatValue,
  linearScale,
  niceDomain,
  niceTicks,
  stepDecimals,
  tickFormatter,
  validDomain,
} from './scale.js';

describe('niceTicks', () => {
  it('picks steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 12, 6)).toEqual([0, 2, 4, 6, 8, 10, 12]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.3, 0.9, 3)).toEqual([0.4, 0.6, 0.8]);
    expect(niceTicks(-37, 82, 5)).toEqual([-20, 0, 20, 40, 60, 80]);
    expect(niceTicks(1, 78, 6)).toEqual([10, 20, 30, 40, 50, 60, 70]);
  });

  it('copes with degenerate ranges', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(10, 0, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
    // Found by the property below: a range just short of the one grid line a step of 0.02 has.
    expect(niceTicks(-0.014142135643730952, -2.0000002e-11, 1)).toEqual([-0.01]);
  });

  it('stays within the range, sorted and free of float noise', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (lo, span, count) => {
          const ticks = niceTicks(lo, lo + span, count);
          expect(ticks.length).toBeGreaterThan(0);
          expect(ticks.length).toBeLessThanOrEqual(count * 3 + 1);
          for (const t of ticks) {
            // Ticks snap to the grid within 1e-9 of a step (a step can exceed the span).
            const slack = span * 1e-8 + Math.abs(lo) * 1e-12;
            expect(t).toBeGreaterThanOrEqual(lo - slack);
            expect(t).toBeLessThanOrEqual(lo + span + slack);
            const digits = String(Math.abs(t))
              .replace(/e.*$|\./g, '')
              .replace(/^0+/, '');
            expect(digits.length).toBeLessThanOrEqual(15); // no 0.30000000000000004
          }
        },
      ),
    );
  });
});

describe('niceDomain', () => {
  it('widens outwards to round numbers', () => {
    expect(niceDomain(0, 43.2, 5)).toEqual([0, 50]);
    expect(niceDomain(-3, 97, 5)).toEqual([-20, 100]);
    expect(niceDomain(0, 0)).toEqual([0, 1]);
    expect(niceDomain(7, 7)).toEqual([0, 7]);
    expect(niceDomain(-7, -7)).toEqual([-7, 0]);
  });
});

describe('scales and domains', () => {
  it('maps linearly, and a flat domain to the middle', () => {
    const scale = linearScale([0, 100], [400, 0]);
    expect(scale(0)).toBe(400);
    expect(scale(25)).toBe(300);
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5);
  });

  it('finds the extent of finite values only', () => {
    expect(extent([3, null, Number.NaN, -1, Number.POSITIVE_INFINITY, 7])).toEqual([-1, 7]);
    expect(extent([null, Number.NaN])).toBeNull();
  });

  it('accepts only finite, increasing domains', () => {
    expect(validDomain([0, 100], [1, 2])).toEqual([0, 100]);
    expect(validDomain([100, 0], [1, 2])).toEqual([1, 2]);
    expect(validDomain([0, Number.NaN], [1, 2])).toEqual([1, 2]);
    expect(validDomain(undefined, [1, 2])).toEqual([1, 2]);
  });
});

describe('formatting', () => {
  it('gives tick labels the decimals their step needs', () => {
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(5)).toBe(0);
    expect([0, 0.5, 1].map(tickFormatter([0, 0.5, 1]))).toEqual(['0.0', '0.5', '1.0']);
    expect([0, 2500, 5000].map(tickFormatter([0, 2500, 5000]))).toEqual(['0', '2,500', '5,000']);
    expect(tickFormatter([0.3])(0.3)).toBe('0.3');
  });

  it('formats values compactly', () => {
    expect(formatValue(1234.5)).toBe('1,235');
    expect(formatValue(23.456)).toBe('23.5');
    expect(formatValue(0.12345)).toBe('0.123');
  });
});
