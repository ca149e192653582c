import { MS_PER_DAY } from './clock.js';

/**
 * Calendar facts of an instant in an IANA time zone, from the runtime's Intl data. Storage stays
 * UTC; rules and periods are about the shop's local calendar.
 */
export interface ZonedParts {
  year: number;
  month: number; // 1–12
  day: number;
  /** ISO day of week: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  minutesOfDay: number;
}

/** One formatter per zone, built on first use: building one costs far more than formatting. */
const formatterCache = (locale: string, options: Intl.DateTimeFormatOptions) => {
  const byZone = new Map<string, Intl.DateTimeFormat>();
  return (timeZone: string): Intl.DateTimeFormat => {
    let formatter = byZone.get(timeZone);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
      byZone.set(timeZone, formatter);
    }
    return formatter;
  };
};

const CLOCK_READING = {
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
} as const;

const formatterFor = formatterCache('en-GB', { ...CLOCK_READING, weekday: 'short' });

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export const zonedParts = (at: Date, timeZone: string): ZonedParts => {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    isoWeekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    minutesOfDay: Number(parts.hour) * 60 + Number(parts.minute),
  };
};

/** `9/6/2026, 01:00:00`: plain `format` is several times faster than `formatToParts`. */
const clockFormatterFor = formatterCache('en-US', CLOCK_READING);

/**
 * What the zone's clocks read at an instant, written as milliseconds since the epoch as if that
 * reading were UTC: wall-clock arithmetic is then plain arithmetic, every day 24 hours long.
 */
const wallClockAt = (at: number, timeZone: string): number => {
  const [month, day, year, hour, minute, second] = (
    clockFormatterFor(timeZone).format(at).match(/\d+/g) ?? []
  ).map(Number);
  const whole = Date.UTC(year ?? NaN, (month ?? NaN) - 1, day, hour, minute, second);
  return whole + (((at % 1000) + 1000) % 1000);
};

/** Milliseconds the zone is ahead of UTC at this instant. */
const offsetAt = (at: number, timeZone: string): number => wallClockAt(at, timeZone) - at;

/**
 * Every instant at which the zone's clocks read `wall`, earliest first: one as a rule, none when
 * the reading falls in a clock change's gap, two in its overlap. A zone changes its offset at
 * most once within a day either side, so the offsets a day before and a day after are the only
 * ones that can apply (as Temporal's reference algorithm reasons).
 */
const instantsReading = (wall: number, timeZone: string) => {
  const before = offsetAt(wall - MS_PER_DAY, timeZone);
  const after = offsetAt(wall + MS_PER_DAY, timeZone);
  const candidates = before === after ? [wall - before] : [wall - before, wall - after];
  return {
    before,
    after,
    instants: candidates.filter((at) => offsetAt(at, timeZone) === wall - at).sort((a, b) => a - b),
  };
};

/**
 * The instant the clocks read `wall`. Where the reading happens twice (clocks going back) the
 * earlier one; where it never happens (clocks going forward) the reading is moved on by the
 * gap, so 02:30 on a night that jumps from 02:00 to 03:00 becomes 03:30. Temporal's
 * "compatible" choice, as in RFC 5545.
 */
const instantOfWallClock = (wall: number, timeZone: string): number => {
  const { before, instants } = instantsReading(wall, timeZone);
  return instants[0] ?? wall - before;
};

/**
 * The first instant of a local calendar date in the zone. That is local midnight, except where
 * the clocks jump over midnight (Santiago on 6 September 2026 goes from 23:59:59 to 01:00, so
 * the day starts at 01:00), and where midnight happens twice (Havana on 1 November 2026 goes
 * back from 01:00 to 00:00) it is the first. Days may overflow (31 + 1 is the next month's 1st).
 */
export const startOfLocalDay = (
  year: number,
  month: number,
  day: number,
  timeZone: string,
): Date => {
  const midnight = Date.UTC(year, month - 1, day);
  const { before, after, instants } = instantsReading(midnight, timeZone);
  const first = instants[0];
  if (first !== undefined) return new Date(first);
  // Midnight lies in a gap: the day starts when the clocks jump, somewhere between the instant
  // the new offset would put midnight at and the one the old offset would. Found to the
  // millisecond, as the jump need not land on the hour.
  let lo = midnight - after;
  let hi = midnight - before;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
};

/**
 * The same local time of day `days` calendar days later (or earlier) in the zone: 09:00 stays
 * 09:00 across a change of clocks. A time the clocks skip that day moves on by the gap.
 */
export const addLocalDays = (at: Date, days: number, timeZone: string): Date => {
  if (days === 0) return at;
  const wall = wallClockAt(at.getTime(), timeZone) + days * MS_PER_DAY;
  return new Date(instantOfWallClock(wall, timeZone));
};

/** The local calendar date of an instant in the zone, as `YYYY-MM-DD`. */
export const localDay = (at: Date, timeZone: string): string => {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};

/**
 * The instant a clock in the zone shows this date and time (month from 1): how a timestamp
 * written without an offset, in the programme's own time, is read. A reading the clocks skip
 * moves on by the gap; one they show twice is the earlier.
 */
export const instantOfLocalTime = (
  local: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    ms: number;
  },
  timeZone: string,
): Date =>
  new Date(
    instantOfWallClock(
      Date.UTC(
        local.year,
        local.month - 1,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.ms,
      ),
      timeZone,
    ),
  );
