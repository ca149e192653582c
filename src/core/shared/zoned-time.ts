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

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

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

/** Milliseconds the zone is ahead of UTC at this instant. */
const offsetMs = (at: Date, timeZone: string): number => {
  const p = zonedParts(at, timeZone);
  const seconds = at.getUTCSeconds() * 1000 + at.getUTCMilliseconds();
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, 0, p.minutesOfDay) + seconds;
  return asUtc - at.getTime();
};

/** The instant a local calendar date begins (local midnight) in the zone. */
export const startOfLocalDay = (
  year: number,
  month: number,
  day: number,
  timeZone: string,
): Date => {
  const guess = Date.UTC(year, month - 1, day);
  // Twice: the offset at the guess can differ from the offset at the answer across a DST change.
  const first = guess - offsetMs(new Date(guess), timeZone);
  return new Date(guess - offsetMs(new Date(first), timeZone));
};

/** The local calendar date of an instant in the zone, as `YYYY-MM-DD`. */
export const localDay = (at: Date, timeZone: string): string => {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
};
