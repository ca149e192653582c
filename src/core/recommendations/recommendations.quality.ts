/**
 * How good the suggestions are, measured offline with a time split: suggest as of a cut date,
 * then look at what the customers bought in the test window after it. The figures are computed in
 * the database (src/db/recommendations/recommendations.evaluate.ts); this file holds their shape
 * and the pure arithmetic that compares suggesters across splits.
 */

/** The three suggesters compared: ours, and two most-popular baselines. */
export const SUGGESTERS = ['ours', 'popularAllTime', 'popularRecent'] as const;
export type Suggester = (typeof SUGGESTERS)[number];

/** Days before the cut the recency-aware baseline counts buyers in. */
export const RECENT_POPULARITY_DAYS = 30;

export interface SuggestionQuality {
  /** Customers judged: they bought before the cut and in the test window. */
  customers: number;
  /** Judged customers who bought at least one product they could have been offered. */
  withRelevant: number;
  /** Suggestions the judged customers were given (at most `limit` each). */
  suggestions: number;
  /** Share of judged customers who bought at least one of their suggestions in the window. */
  hitRate: number;
  /** Mean over judged customers of suggestions bought ÷ `limit` (precision@10 by default). */
  precisionAtK: number;
  /** Mean over customers with relevant products of suggestions bought ÷ relevant products. */
  recallAtK: number;
  /** Distinct SKUs suggested to the judged customers. */
  coverageSkus: number;
}

export interface QualitySplit {
  /** Suggestions are made as of this instant, from orders placed before it. */
  cut: Date;
  /** The test window is [cut, end). */
  end: Date;
  results: Record<Suggester, SuggestionQuality>;
}

type Rate = 'hitRate' | 'precisionAtK' | 'recallAtK';
const RATES: Rate[] = ['hitRate', 'precisionAtK', 'recallAtK'];

/** ours ÷ baseline; null when the baseline scored nothing (no ratio to speak of). */
export const ratioOf = (ours: number, baseline: number): number | null =>
  baseline > 0 ? ours / baseline : null;

export interface QualitySummary {
  splits: number;
  /** Per suggester and rate: the unweighted mean over splits (each split counts once). */
  mean: Record<Suggester, Record<Rate, number>>;
  /** Per baseline and rate: mean(ours) ÷ mean(baseline). */
  ratio: Record<Exclude<Suggester, 'ours'>, Record<Rate, number | null>>;
  /** Per baseline and rate: splits where ours scored below the baseline. */
  oursBelow: Record<Exclude<Suggester, 'ours'>, Record<Rate, number>>;
}

/**
 * Compares the suggesters over several splits. Means are over splits, not pooled over customers,
 * so a month with many judged customers does not hide a month where ours did worse.
 */
export const summariseQuality = (splits: QualitySplit[]): QualitySummary => {
  const meanOf = (who: Suggester, rate: Rate) =>
    splits.length === 0
      ? 0
      : splits.reduce((sum, s) => sum + s.results[who][rate], 0) / splits.length;
  const perRate = <T>(f: (rate: Rate) => T) =>
    Object.fromEntries(RATES.map((rate) => [rate, f(rate)])) as Record<Rate, T>;
  const mean = Object.fromEntries(
    SUGGESTERS.map((who) => [who, perRate((rate) => meanOf(who, rate))]),
  ) as QualitySummary['mean'];
  const baselines = ['popularAllTime', 'popularRecent'] as const;
  const ratio = Object.fromEntries(
    baselines.map((b) => [b, perRate((rate) => ratioOf(mean.ours[rate], mean[b][rate]))]),
  ) as QualitySummary['ratio'];
  const oursBelow = Object.fromEntries(
    baselines.map((b) => [
      b,
      perRate((rate) => splits.filter((s) => s.results.ours[rate] < s.results[b][rate]).length),
    ]),
  ) as QualitySummary['oursBelow'];
  return { splits: splits.length, mean, ratio, oursBelow };
};
