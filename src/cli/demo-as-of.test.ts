import { describe, expect, it } from 'vitest';
import { demoRefreshAsOf } from './demo.js';

describe('the refresh after a demo load', () => {
  it('computes the real data (last purchase 2011-12-09) as of 2011-12-10 00:00 UTC', () => {
    expect(demoRefreshAsOf('2011-12-09', new Date('2026-12-07T03:00:00Z'))).toBe(
      '2011-12-10T00:00:00.000Z',
    );
  });

  it('computes the synthetic shop, which buys today, as of now and not tomorrow midnight', () => {
    // Last purchase 2026-12-07, now 03:00 the same day: the day after would be 21 hours ahead.
    expect(demoRefreshAsOf('2026-12-07', new Date('2026-12-07T03:00:00Z'))).toBe(
      '2026-12-07T03:00:00.000Z',
    );
  });

  it('leaves the default (now) when there is no purchase', () => {
    expect(demoRefreshAsOf(null, new Date('2026-12-07T03:00:00Z'))).toBeUndefined();
  });
});
