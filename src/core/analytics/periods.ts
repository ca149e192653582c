import { z } from 'zod';
import { ORDER_CHANNELS, type OrderChannel } from '../orders/orders.js';
import { DomainError } from '../shared/errors.js';
import { addDaysToDate, daysBetween, toDate, toUtc } from '../shared/calendar-date.js';
import { localDay } from '../shared/zoned-time.js';
import { LIFECYCLE_STAGES } from './lifecycle.js';
import { RFM_SEGMENTS } from './rfm-segments.js';
import { SEGMENT_KEY_PATTERN } from '../segments/segments.js';

/**
 * Calendar periods for the retention reports. A period is [start, end) of local calendar dates in
 * the programme's time zone, given as YYYY-MM-DD strings; weeks are ISO weeks (Monday start).
 * Date-only arithmetic is done on UTC midnights, where every day has 24 hours.
 */
export const GRANULARITIES = ['week', 'month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export interface Period {
  /** First local date of the period. */
  start: string;
  /** First local date after the period (exclusive). */
  end: string;
}

/** What a report reads the orders with: the programme's currency and calendar. */
export interface AnalyticsScope {
  currency: string;
  timeZone: string;
}

/** Most periods one report may cover: ten years of weeks. */
export const MAX_PERIODS = 520;
/** The active window when it cannot be derived (nobody has bought on two days). */
export const DEFAULT_ACTIVE_DAYS = 365;
export const MAX_ACTIVE_DAYS = 3650;

export { addDaysToDate, daysBetween };

const monthsPer: Record<Exclude<Granularity, 'week'>, number> = { month: 1, quarter: 3 };

/** The start of the period that contains `date`. */
export const periodStartOf = (granularity: Granularity, date: string): string => {
  const d = toUtc(date);
  if (granularity === 'week') return addDaysToDate(date, -((d.getUTCDay() + 6) % 7));
  const step = monthsPer[granularity];
  const month = d.getUTCMonth() - (d.getUTCMonth() % step);
  return toDate(new Date(Date.UTC(d.getUTCFullYear(), month, 1)));
};

/** The start of the period `k` periods after the one starting at `start` (k may be negative). */
export const addPeriods = (granularity: Granularity, start: string, k: number): string => {
  if (granularity === 'week') return addDaysToDate(start, 7 * k);
  const d = toUtc(start);
  return toDate(
    new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsPer[granularity] * k, 1)),
  );
};

/** How many periods the period starting at `b` is after the one starting at `a`. */
export const periodsBetween = (granularity: Granularity, a: string, b: string): number => {
  if (granularity === 'week') return Math.round(daysBetween(a, b) / 7);
  const [da, db] = [toUtc(a), toUtc(b)];
  const months =
    (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
  return Math.floor(months / monthsPer[granularity]);
};

/** Every period that overlaps [from, to] (both dates inclusive), in order. */
export const periodsCovering = (granularity: Granularity, from: string, to: string): Period[] => {
  const first = periodStartOf(granularity, from);
  const count = periodsBetween(granularity, first, periodStartOf(granularity, to)) + 1;
  return Array.from({ length: Math.max(count, 0) }, (_, k) => ({
    start: addPeriods(granularity, first, k),
    end: addPeriods(granularity, first, k + 1),
  }));
};

/** Refuses a backwards range, or one of more than MAX_PERIODS periods, naming the field. */
export const checkedPeriods = (granularity: Granularity, from: string, to: string): Period[] => {
  if (from > to) {
    throw new DomainError('invalid', 'invalid_range', `from (${from}) is after to (${to})`, {}, [
      { path: 'from', message: 'must be on or before to' },
    ]);
  }
  const periods = periodsCovering(granularity, from, to);
  if (periods.length > MAX_PERIODS) {
    throw new DomainError(
      'invalid',
      'range_too_long',
      `The range covers ${periods.length} ${granularity}s; at most ${MAX_PERIODS} are allowed`,
      { periods: periods.length, max: MAX_PERIODS },
      [{ path: 'to', message: `at most ${MAX_PERIODS} ${granularity}s after from` }],
    );
  }
  return periods;
};

// ---------------------------------------------------------------------------------------------
// Filters

/**
 * Which customers a report considers. `rfm` and `lifecycle` name the derived columns of the
 * customer analytics table; `segment` names a segment by key, read from its materialised
 * members (src/core/segments).
 */
export type SegmentRef =
  | { kind: 'rfm'; name: string }
  | { kind: 'lifecycle'; stage: string }
  | { kind: 'segment'; key: string };

export interface AnalyticsFilter {
  /** Only purchases in this channel count, for every figure (first purchase included). */
  channel?: OrderChannel;
  /** Only purchases in this store count. */
  storeId?: string;
  /** Only these customers are considered. */
  segment?: SegmentRef;
}

const SEGMENT_PATTERN = /^(rfm|lifecycle|segment):(.{1,100})$/;

/** `rfm:<segment name>`, `lifecycle:<stage>` or `segment:<key>` as a segment reference. */
export const parseSegmentRef = (value: string): SegmentRef | null => {
  const match = SEGMENT_PATTERN.exec(value);
  if (!match) return null;
  const [, kind, name] = match as unknown as [string, SegmentRef['kind'], string];
  if (kind === 'segment') return SEGMENT_KEY_PATTERN.test(name) ? { kind, key: name } : null;
  return kind === 'rfm' ? { kind, name } : { kind, stage: name };
};

export const segmentRefToString = (segment: SegmentRef): string =>
  segment.kind === 'rfm'
    ? `rfm:${segment.name}`
    : segment.kind === 'lifecycle'
      ? `lifecycle:${segment.stage}`
      : `segment:${segment.key}`;

const isKnownSegment = (segment: SegmentRef | null): boolean =>
  segment !== null &&
  (segment.kind === 'segment' ||
    (segment.kind === 'rfm'
      ? (RFM_SEGMENTS as readonly string[]).includes(segment.name)
      : (LIFECYCLE_STAGES as readonly string[]).includes(segment.stage)));

const isoDate = () => z.iso.date().describe('A calendar date, YYYY-MM-DD');

/** Filter fields shared by the three reports, as they arrive in a query string. */
export const AnalyticsFilterQuerySchema = z.object({
  channel: z.enum(ORDER_CHANNELS).optional().describe('Only purchases in this channel count'),
  store: z.string().min(1).max(100).optional().describe('Only purchases in this store count'),
  segment: z
    .string()
    .refine((value) => isKnownSegment(parseSegmentRef(value)), {
      message: `rfm:<${RFM_SEGMENTS.join('|')}>, lifecycle:<${LIFECYCLE_STAGES.join('|')}> or segment:<key>`,
    })
    .optional()
    .describe('Only these customers: rfm:<segment>, lifecycle:<stage> or segment:<key>'),
});
export type AnalyticsFilterQuery = z.infer<typeof AnalyticsFilterQuerySchema>;

export const filterFromQuery = (query: AnalyticsFilterQuery): AnalyticsFilter => ({
  ...(query.channel ? { channel: query.channel } : {}),
  ...(query.store ? { storeId: query.store } : {}),
  ...(query.segment ? { segment: parseSegmentRef(query.segment)! } : {}),
});

export const RetentionQuerySchema = AnalyticsFilterQuerySchema.extend({
  granularity: z.enum(GRANULARITIES).default('month'),
  from: isoDate(),
  to: isoDate(),
  activeDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_ACTIVE_DAYS)
    .optional()
    .describe(
      'A customer is in the active base for this many days after a purchase; default: derived from the gaps between purchases (docs/analytics.md)',
    ),
});
export type RetentionQuery = z.infer<typeof RetentionQuerySchema>;

export const CohortQuerySchema = AnalyticsFilterQuerySchema.extend({
  granularity: z.enum(GRANULARITIES).default('month'),
  from: isoDate().describe('Cohorts of the periods overlapping [from, to]'),
  to: isoDate(),
  maxOffsets: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_PERIODS)
    .optional()
    .describe('The last offset (periods after acquisition) to report'),
});
export type CohortQuery = z.infer<typeof CohortQuerySchema>;

export const CampaignEffectQuerySchema = AnalyticsFilterQuerySchema.extend({
  from: isoDate().describe('First day of the campaign window (programme time zone)'),
  to: isoDate().describe('Last day of the campaign window, inclusive'),
});
export type CampaignEffectQuery = z.infer<typeof CampaignEffectQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Arithmetic shared by the reports

/** part / whole × 100, or null when there is no whole to divide by. */
export const percent = (part: number, whole: number): number | null =>
  whole === 0 ? null : (part / whole) * 100;

export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : part / whole;

/** Money divided and rounded to whole minor units, half away from zero; null for nothing. */
export const averageMinor = (totalMinor: number, count: number): number | null => {
  if (count === 0) return null;
  const q = Math.abs(totalMinor) / count;
  return Math.sign(totalMinor) * Math.round(q) || 0;
};

/** The local calendar date of an instant in the time zone. */
export const localDate = localDay;
