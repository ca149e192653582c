/**
 * Named RFM segments as data. A segment is read from the recency score R and the combined
 * frequency-monetary score FM = ceil((F + M) / 2): both 1..5, so the table is a 5 × 5 grid on
 * (R, FM) that covers all 125 (R, F, M) combinations, each exactly once (tested). The SQL of the
 * refresh is generated from the same rules, so there is one source of truth.
 *
 *            FM=1          FM=2           FM=3            FM=4         FM=5
 *   R=5   new           potential_l.   potential_l.    champions    champions
 *   R=4   promising     potential_l.   potential_l.    loyal        loyal
 *   R=3   about_to_sl.  about_to_sl.   need_attention  loyal        loyal
 *   R=2   hibernating   hibernating    at_risk         at_risk      cannot_lose
 *   R=1   lost          hibernating    at_risk         at_risk      cannot_lose
 */
export const RFM_SEGMENTS = [
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cannot_lose',
  'hibernating',
  'lost',
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export const RFM_SEGMENT_LABELS: Record<RfmSegment, string> = {
  champions: 'Champions',
  loyal: 'Loyal',
  potential_loyalist: 'Potential loyalists',
  new: 'New',
  promising: 'Promising',
  need_attention: 'Need attention',
  about_to_sleep: 'About to sleep',
  at_risk: 'At risk',
  cannot_lose: 'Can’t lose them',
  hibernating: 'Hibernating',
  lost: 'Lost',
};

/** An inclusive range of scores. */
export type ScoreRange = readonly [min: number, max: number];

export interface RfmSegmentRule {
  segment: RfmSegment;
  r: ScoreRange;
  fm: ScoreRange;
}

/** Rectangles on the (R, FM) grid; a segment may take more than one. They never overlap. */
export const RFM_SEGMENT_RULES: readonly RfmSegmentRule[] = [
  { segment: 'champions', r: [5, 5], fm: [4, 5] },
  { segment: 'loyal', r: [3, 4], fm: [4, 5] },
  { segment: 'potential_loyalist', r: [4, 5], fm: [2, 3] },
  { segment: 'new', r: [5, 5], fm: [1, 1] },
  { segment: 'promising', r: [4, 4], fm: [1, 1] },
  { segment: 'need_attention', r: [3, 3], fm: [3, 3] },
  { segment: 'about_to_sleep', r: [3, 3], fm: [1, 2] },
  { segment: 'at_risk', r: [1, 2], fm: [3, 4] },
  { segment: 'cannot_lose', r: [1, 2], fm: [5, 5] },
  { segment: 'hibernating', r: [2, 2], fm: [1, 2] },
  { segment: 'hibernating', r: [1, 1], fm: [2, 2] },
  { segment: 'lost', r: [1, 1], fm: [1, 1] },
];

export const SCORES = [1, 2, 3, 4, 5] as const;

const isScore = (n: number) => Number.isInteger(n) && n >= 1 && n <= 5;

/** The combined frequency-monetary score: the average of F and M, halves rounded up. */
export const fmScore = (f: number, m: number): number => Math.ceil((f + m) / 2);

const within = (n: number, [min, max]: ScoreRange) => n >= min && n <= max;

/** The rules an (R, F, M) triple falls in; exactly one for every valid triple. */
export const matchingRules = (r: number, f: number, m: number): RfmSegmentRule[] => {
  const fm = fmScore(f, m);
  return RFM_SEGMENT_RULES.filter((rule) => within(r, rule.r) && within(fm, rule.fm));
};

export const segmentOf = (r: number, f: number, m: number): RfmSegment => {
  if (![r, f, m].every(isScore)) throw new RangeError(`RFM scores must be 1..5: ${r}, ${f}, ${m}`);
  const [rule] = matchingRules(r, f, m);
  if (!rule) throw new Error(`no RFM segment for ${r}${f}${m}`);
  return rule.segment;
};
