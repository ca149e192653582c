import { describe, expect, it } from 'vitest';
import { stablePosition } from './stable-position.js';

describe('stable position', () => {
  // Pinned values: the global control group and every experiment's arms are derived from these
  // numbers, so a change here would silently move customers between groups.
  it('gives the same places as it always has', () => {
    expect(stablePosition('programme-salt', 'cus_1')).toBe(0.8514619447145897);
    expect(stablePosition('programme-salt', 'cus_2')).toBe(0.031006566831909055);
    expect(stablePosition('', 'cus_1')).toBe(0.2388159855243579);
  });
});
