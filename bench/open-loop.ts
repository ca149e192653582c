/**
 * The pure parts of an open-loop load test: when each request is due, which operation it is, and
 * the latency percentiles. No clock and no I/O here, so they are unit-tested (open-loop.test.ts).
 */

/** mulberry32: a small seeded generator, so a run's schedule and mix repeat exactly. */
export const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

export type ArrivalProcess = 'poisson' | 'even';

/**
 * Milliseconds after the start at which each request is due, ascending, all before `seconds`.
 * Poisson arrivals (exponential gaps) are how independent clients arrive and make the bursts a
 * server meets; `even` spacing is the gentler reference. Either way the times are fixed before
 * the run, so a slow answer never delays the next request (no coordinated omission).
 */
export const arrivalSchedule = (
  ratePerSecond: number,
  seconds: number,
  process: ArrivalProcess,
  random: () => number,
): number[] => {
  if (!(ratePerSecond > 0) || !(seconds > 0)) {
    throw new Error('the rate and the duration must be positive');
  }
  const endMs = seconds * 1000;
  const meanGapMs = 1000 / ratePerSecond;
  const times: number[] = [];
  if (process === 'even') {
    for (let t = 0; t < endMs; t = times.length * meanGapMs) times.push(t);
    return times;
  }
  // 1 - u lies in (0, 1], so the logarithm is finite.
  for (let t = -Math.log(1 - random()) * meanGapMs; t < endMs;) {
    times.push(t);
    t += -Math.log(1 - random()) * meanGapMs;
  }
  return times;
};

export interface MixEntry<Op extends string> {
  operation: Op;
  /** Share of arrivals, in (0, 1]; the shares of a mix add up to 1. */
  share: number;
}

const SHARE_TOLERANCE = 1e-9;

/** Checks a mix once, so a typo in a share fails loudly instead of skewing the load. */
export const checkMix = <Op extends string>(mix: readonly MixEntry<Op>[]): void => {
  if (mix.length === 0) throw new Error('the mix is empty');
  for (const entry of mix) {
    if (!(entry.share > 0 && entry.share <= 1)) {
      throw new Error(`${entry.operation}: share ${entry.share} is not in (0, 1]`);
    }
  }
  const total = mix.reduce((sum, entry) => sum + entry.share, 0);
  if (Math.abs(total - 1) > SHARE_TOLERANCE)
    throw new Error(`the shares add up to ${Number(total.toPrecision(6))}, not 1`);
};

/** The operation a uniform draw `u` in [0, 1) falls on, by cumulative share. */
export const pickOperation = <Op extends string>(mix: readonly MixEntry<Op>[], u: number): Op => {
  let cumulative = 0;
  for (const entry of mix) {
    cumulative += entry.share;
    if (u < cumulative) return entry.operation;
  }
  // Rounding can leave the shares' sum a hair below 1: such a draw belongs to the last entry.
  return mix[mix.length - 1]!.operation;
};

/** One operation per arrival, drawn independently by share. */
export const assignOperations = <Op extends string>(
  count: number,
  mix: readonly MixEntry<Op>[],
  random: () => number,
): Op[] => {
  checkMix(mix);
  return Array.from({ length: count }, () => pickOperation(mix, random()));
};

/** Nearest-rank percentile of ascending values: the smallest value at or above p % of them. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} is not in (0, 100]`);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
};

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Percentiles of latencies in any order; NaN figures when there are none. */
export const summariseLatencies = (latenciesMs: readonly number[]): LatencySummary => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50Ms: round2(percentile(sorted, 50)),
    p95Ms: round2(percentile(sorted, 95)),
    p99Ms: round2(percentile(sorted, 99)),
    maxMs: round2(sorted.length ? sorted[sorted.length - 1]! : Number.NaN),
  };
};
