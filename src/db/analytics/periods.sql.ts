import { sql, type RawBuilder } from 'kysely';
import type { Granularity } from '../../core/analytics/periods.js';
import { instantOfWallClock } from '../zoned-time.sql.js';

/**
 * Calendar periods in SQL. Periods are local dates of the programme's time zone; dates are
 * truncated as `timestamp without time zone`, so no daylight-saving shift can move a boundary.
 * date_trunc('week') starts ISO weeks on Monday, as the core's periodStartOf does.
 */
const UNIT: Record<Granularity, string> = {
  week: `'week'`,
  month: `'month'`,
  quarter: `'quarter'`,
};
const STEP: Record<Granularity, string> = {
  week: `interval '1 week'`,
  month: `interval '1 month'`,
  quarter: `interval '3 months'`,
};

/** The start (a date) of the period containing a date expression. */
export const periodStartSql = (granularity: Granularity, day: RawBuilder<unknown>) =>
  sql<string>`date_trunc(${sql.raw(UNIT[granularity])}, (${day})::timestamp)::date`;

/** The date one period after a date expression. */
export const nextPeriodSql = (granularity: Granularity, day: RawBuilder<unknown>) =>
  sql<string>`((${day})::timestamp + ${sql.raw(STEP[granularity])})::date`;

/** A date parameter. */
export const dateParam = (date: string) => sql<string>`${date}::date`;

/**
 * The instant a local date begins in the time zone, for range conditions on placed_at: the first
 * instant `(placed_at at time zone tz)::date` reads as that date (after the jump where the clocks
 * skip midnight, the first of two where they repeat it).
 */
export const localMidnight = (date: string, timeZone: string) =>
  instantOfWallClock(sql`${date}::date::timestamp`, timeZone);

/**
 * The consecutive periods from `start` (a period start) to `end` (exclusive), as a subquery with
 * columns period_start and period_end (dates).
 */
export const periodSeries = (granularity: Granularity, start: string, end: string) => sql`
  (select g::date as period_start, (g + ${sql.raw(STEP[granularity])})::date as period_end
     from generate_series(${start}::date::timestamp,
                          ${end}::date::timestamp - ${sql.raw(STEP[granularity])},
                          ${sql.raw(STEP[granularity])}) as g)
`;
