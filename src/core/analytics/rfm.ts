import type { ProgrammeSettings } from '../programme/programme.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import {
  lifecycleFunnel,
  roundedPercent,
  validThresholds,
  type LifecycleCountsSource,
  type LifecycleStage,
  type LifecycleThresholds,
  type StageCount,
} from './lifecycle.js';
import { RFM_SEGMENTS, RFM_SEGMENT_LABELS, SCORES, type RfmSegment } from './rfm-segments.js';

/**
 * RFM (recency, frequency, monetary) per customer, stored in the database by one SQL statement
 * and read back as summaries, lists and the customer 360. This file holds the types, the port the
 * database implements, the scoring rule and the use cases; the SQL lives in
 * src/db/analytics/customer-analytics.queries.ts.
 */

/** How orders are read: only the programme currency, calendar days in the programme zone. */
export interface AnalyticsScope {
  currency: string;
  timeZone: string;
}

/**
 * The quintile score of a customer with `below` customers strictly worse than them out of
 * `total`: 1 + floor(5 × below / total). Ties share a score (they have the same `below`), the
 * worst value always scores 1, and without ties it is the exact quintile. Unlike
 * ceil(5 × cume_dist), a large tie at the bottom (most customers buy once) stays at 1 instead of
 * being lifted to the top of its tie group (frequency 1 would otherwise score 4 when 70 % buy once).
 */
export const quintileScore = (below: number, total: number): number => {
  if (!(total > 0 && below >= 0 && below < total)) {
    throw new RangeError(`quintileScore needs 0 <= below < total: ${below}, ${total}`);
  }
  return 1 + Math.floor((5 * below) / total);
};

/** Scores for a list of values (higher value = better), the reference the SQL mirrors. */
export const quintileScores = (values: readonly number[]): number[] => {
  const sorted = [...values].sort((a, b) => a - b);
  const below = (v: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => quintileScore(below(v), values.length));
};

export interface RfmScores {
  r: number;
  f: number;
  m: number;
}

/** The stored analytics of one customer (RFM and lifecycle columns only). */
export interface CustomerAnalytics {
  customerId: string;
  asOf: Date;
  computedAt: Date | null;
  firstPurchaseAt: Date | null;
  lastPurchaseAt: Date | null;
  recencyDays: number | null;
  frequency: number;
  monetaryMinor: number;
  scores: RfmScores | null;
  segment: RfmSegment | null;
  lifecycleStage: LifecycleStage;
  /** From the last CLV fit; null before one, or for customers without a purchase. */
  clv: CustomerClv | null;
}

export interface CustomerClv {
  modelRunId: string;
  pAlive: number;
  expectedPurchases: number;
  expectedSpendMinor: number | null;
  clvMinor: number | null;
  computedAt: Date | null;
}

export interface RefreshInput {
  asOf: Date;
  scope: AnalyticsScope;
  thresholds: LifecycleThresholds;
  /** Stored as rfm_computed_at. */
  computedAt: Date;
}

export interface RefreshResult {
  customers: number;
  withPurchases: number;
  durationMs: number;
}

export interface SegmentFacts {
  segment: RfmSegment;
  customers: number;
  avgRecencyDays: number | null;
  avgFrequency: number | null;
  avgMonetaryMinor: number | null;
}

export interface GridCell {
  r: number;
  f: number;
  customers: number;
}

/** What the database aggregates for the summary; the use case completes and shapes it. */
export interface RfmSummaryFacts {
  asOf: Date | null;
  computedAt: Date | null;
  customers: number;
  withPurchases: number;
  /** Customers created since the last refresh, who have no row yet. */
  notRefreshed: number;
  segments: SegmentFacts[];
  grid: GridCell[];
  stages: Partial<Record<LifecycleStage, number>>;
}

export type AnalyticsFilter =
  { segment: RfmSegment } | { stage: LifecycleStage; thresholds: LifecycleThresholds | null };

export interface AnalyticsCursor {
  monetaryMinor: number;
  customerId: string;
}

export interface AnalyticsListQuery {
  filter: AnalyticsFilter;
  limit: number;
  cursor: AnalyticsCursor | null;
  timeZone: string;
}

export interface AnalyticsListItem extends CustomerAnalytics {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface AnalyticsPage {
  customers: AnalyticsListItem[];
  nextCursor: AnalyticsCursor | null;
}

/** The port src/db implements. */
export interface CustomerAnalyticsStore extends LifecycleCountsSource {
  refresh(input: RefreshInput): Promise<RefreshResult>;
  summary(): Promise<RfmSummaryFacts>;
  list(query: AnalyticsListQuery): Promise<AnalyticsPage>;
  forCustomer(customerId: string): Promise<CustomerAnalytics | null>;
}

export interface AnalyticsDeps {
  analytics: CustomerAnalyticsStore;
  clock: Clock;
  programme: Pick<ProgrammeSettings, 'currency' | 'timeZone'>;
}

/** Recomputes RFM and lifecycle for every customer as of `asOf` (default now). */
export const refreshAnalytics = async (
  deps: AnalyticsDeps,
  input: { asOf?: Date; thresholds?: Partial<LifecycleThresholds> },
): Promise<RefreshResult & { asOf: Date; thresholds: LifecycleThresholds }> => {
  const thresholds = validThresholds(input.thresholds ?? {});
  const now = deps.clock.now();
  const asOf = input.asOf ?? now;
  if (asOf.getTime() > now.getTime()) {
    throw new DomainError('invalid', 'as_of_in_future', 'asOf must not be in the future', {}, [
      { path: 'asOf', message: 'must not be after now' },
    ]);
  }
  const scope = { currency: deps.programme.currency, timeZone: deps.programme.timeZone };
  const result = await deps.analytics.refresh({ asOf, scope, thresholds, computedAt: now });
  return { ...result, asOf, thresholds };
};

export interface RfmSummary {
  asOf: Date | null;
  computedAt: Date | null;
  currency: string;
  customers: number;
  withPurchases: number;
  notRefreshed: number;
  segments: (SegmentFacts & { label: string; sharePercent: number | null })[];
  /** R × F counts, R from 5 down to 1, F from 1 up to 5 (25 cells). */
  rfGrid: GridCell[];
  lifecycle: StageCount[];
}

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** Segment sizes and averages, the R × F grid and the lifecycle funnel of the last refresh. */
export const rfmSummary = async (deps: AnalyticsDeps): Promise<RfmSummary> => {
  const facts = await deps.analytics.summary();
  const bySegment = new Map(facts.segments.map((s) => [s.segment, s]));
  const cell = new Map(facts.grid.map((g) => [`${g.r}:${g.f}`, g.customers]));
  return {
    asOf: facts.asOf,
    computedAt: facts.computedAt,
    currency: deps.programme.currency,
    customers: facts.customers,
    withPurchases: facts.withPurchases,
    notRefreshed: facts.notRefreshed,
    segments: RFM_SEGMENTS.map((segment) => {
      const s = bySegment.get(segment);
      return {
        segment,
        label: RFM_SEGMENT_LABELS[segment],
        customers: s?.customers ?? 0,
        sharePercent: roundedPercent(s?.customers ?? 0, facts.withPurchases),
        avgRecencyDays: round2(s?.avgRecencyDays ?? null),
        avgFrequency: round2(s?.avgFrequency ?? null),
        avgMonetaryMinor: round2(s?.avgMonetaryMinor ?? null),
      };
    }),
    rfGrid: [...SCORES]
      .reverse()
      .flatMap((r) => SCORES.map((f) => ({ r, f, customers: cell.get(`${r}:${f}`) ?? 0 }))),
    lifecycle: lifecycleFunnel(facts.stages),
  };
};

export const listAnalyticsCustomers = (
  deps: AnalyticsDeps,
  query: Omit<AnalyticsListQuery, 'timeZone'>,
): Promise<AnalyticsPage> => deps.analytics.list({ ...query, timeZone: deps.programme.timeZone });

/** The stored row of a customer; null when no refresh has included them yet. */
export const customerAnalytics = (
  deps: Pick<AnalyticsDeps, 'analytics'>,
  customerId: string,
): Promise<CustomerAnalytics | null> => deps.analytics.forCustomer(customerId);

/** Cursors are opaque to clients: base64url of "monetary:customerId". */
export const encodeAnalyticsCursor = (c: AnalyticsCursor): string =>
  Buffer.from(`${c.monetaryMinor}:${c.customerId}`).toString('base64url');

export const decodeAnalyticsCursor = (cursor: string): AnalyticsCursor | null => {
  const match = /^(-?\d{1,16}):([\w-]{1,100})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) return null;
  const monetaryMinor = Number(match[1]);
  return Number.isSafeInteger(monetaryMinor) ? { monetaryMinor, customerId: match[2]! } : null;
};
