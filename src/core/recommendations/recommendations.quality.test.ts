import { describe, expect, it } from 'vitest';
import {
  ratioOf,
  summariseQuality,
  type QualitySplit,
  type SuggestionQuality,
} from './recommendations.quality.js';

const q = (hitRate: number, precisionAtK: number, recallAtK: number): SuggestionQuality => ({
  customers: 100,
  withRelevant: 100,
  suggestions: 1000,
  hitRate,
  precisionAtK,
  recallAtK,
  coverageSkus: 10,
});

const split = (
  month: string,
  ours: SuggestionQuality,
  popularAllTime: SuggestionQuality,
  popularRecent: SuggestionQuality,
): QualitySplit => ({
  cut: new Date(`${month}-01T00:00:00Z`),
  end: new Date(`${month}-28T00:00:00Z`),
  results: { ours, popularAllTime, popularRecent },
});

describe('summariseQuality', () => {
  it('averages each split once and divides the mean of ours by the mean of each baseline', () => {
    // Hit rates: ours .5 and .3 (mean .4), all-time .2 and .2 (.2), recent .4 and .4 (.4).
    // Ratios: .4/.2 = 2 and .4/.4 = 1. Ours is below the recent baseline in the second split only.
    // Precision: ours .1 .1, all-time .05 .05 (ratio 2), recent .2 .1 (mean .15, ratio 2/3).
    // Recall: all-time 0 in both splits, so no ratio.
    const summary = summariseQuality([
      split('2011-06', q(0.5, 0.1, 0.2), q(0.2, 0.05, 0), q(0.4, 0.2, 0.1)),
      split('2011-07', q(0.3, 0.1, 0.2), q(0.2, 0.05, 0), q(0.4, 0.1, 0.1)),
    ]);
    expect(summary.splits).toBe(2);
    expect(summary.mean.ours.hitRate).toBeCloseTo(0.4, 12);
    expect(summary.mean.popularRecent.precisionAtK).toBeCloseTo(0.15, 12);
    expect(summary.ratio.popularAllTime.hitRate).toBeCloseTo(2, 12);
    expect(summary.ratio.popularRecent.hitRate).toBeCloseTo(1, 12);
    expect(summary.ratio.popularAllTime.precisionAtK).toBeCloseTo(2, 12);
    expect(summary.ratio.popularRecent.precisionAtK).toBeCloseTo(2 / 3, 12);
    expect(summary.ratio.popularAllTime.recallAtK).toBeNull();
    expect(summary.ratio.popularRecent.recallAtK).toBeCloseTo(2, 12);
    expect(summary.oursBelow.popularRecent).toEqual({
      hitRate: 1,
      precisionAtK: 1,
      recallAtK: 0,
    });
    expect(summary.oursBelow.popularAllTime).toEqual({
      hitRate: 0,
      precisionAtK: 0,
      recallAtK: 0,
    });
  });

  it('has no ratio to a baseline that scored nothing, and zero means without splits', () => {
    expect(ratioOf(0.3, 0)).toBeNull();
    expect(ratioOf(0, 0.3)).toBe(0);
    const empty = summariseQuality([]);
    expect(empty.mean.ours).toEqual({ hitRate: 0, precisionAtK: 0, recallAtK: 0 });
    expect(empty.ratio.popularRecent.hitRate).toBeNull();
  });
});
