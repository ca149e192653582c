import { describe, expect, it } from 'vitest';
import {
  RFM_SEGMENTS,
  RFM_SEGMENT_LABELS,
  RFM_SEGMENT_RULES,
  SCORES,
  fmScore,
  matchingRules,
  segmentOf,
} from './rfm-segments.js';

const allTriples = SCORES.flatMap((r) => SCORES.flatMap((f) => SCORES.map((m) => [r, f, m])));

describe('RFM segment table', () => {
  it('maps each of the 125 score combinations to exactly one rule', () => {
    expect(allTriples).toHaveLength(125);
    for (const [r, f, m] of allTriples) {
      expect(matchingRules(r!, f!, m!), `${r}${f}${m}`).toHaveLength(1);
    }
  });

  it('uses every one of the eleven segments, and only those', () => {
    const used = new Set(allTriples.map(([r, f, m]) => segmentOf(r!, f!, m!)));
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(RFM_SEGMENTS).toHaveLength(11);
    expect(Object.keys(RFM_SEGMENT_LABELS).sort()).toEqual([...RFM_SEGMENTS].sort());
    for (const rule of RFM_SEGMENT_RULES) {
      for (const [min, max] of [rule.r, rule.fm]) {
        expect(1 <= min! && min! <= max! && max! <= 5).toBe(true);
      }
    }
  });

  it('is the documented R × FM grid', () => {
    const grid = [5, 4, 3, 2, 1].map((r) => SCORES.map((fm) => segmentOf(r, fm, fm)));
    expect(grid).toEqual([
      ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
      ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal'],
      ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
      ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
      ['lost', 'hibernating', 'at_risk', 'at_risk', 'cannot_lose'],
    ]);
  });

  it('averages F and M with halves rounded up', () => {
    expect(fmScore(1, 1)).toBe(1);
    expect(fmScore(1, 2)).toBe(2);
    expect(fmScore(4, 5)).toBe(5);
    expect(segmentOf(5, 4, 5)).toBe('champions');
    expect(segmentOf(5, 3, 4)).toBe('champions'); // FM = ceil(3.5) = 4
    expect(segmentOf(1, 1, 2)).toBe('hibernating'); // FM = 2
  });

  it('refuses scores outside 1..5', () => {
    expect(() => segmentOf(0, 1, 1)).toThrow(RangeError);
    expect(() => segmentOf(1, 6, 1)).toThrow(RangeError);
    expect(() => segmentOf(1, 1, 2.5)).toThrow(RangeError);
  });
});
