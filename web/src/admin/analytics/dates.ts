import type { CohortReport } from './types';

/**
 * Calendar dates as the API gives them: `YYYY-MM-DD` in the programme time zone. Arithmetic is
 * done on UTC midnights (every such day has 24 hours) and formatting pins the zone to UTC, so a
 * browser west of Greenwich does not show the day before.
 */
const toUtc = (day: string) => new Date(`${day}T00:00:00.000Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

export const isDay = (value: string | null | undefined): value is string =>
  !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(toUtc(value).getTime());

export const addDays = (day: string, days: number) => {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return toDay(d);
};

/** The first day of the month `months` after the month of `day` (negative: before). */
export const addMonths = (day: string, months: number) => {
  const d = toUtc(day);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
};

export const formatDay = (day: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(toUtc(day));

export const formatMonth = (day: string) =>
  new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    toUtc(day),
  );

/** Axis ticks for consecutive months: the month, and the year under the first and every January. */
export const monthTicks = (starts: string[]) =>
  starts.map((day, i) => {
    const d = toUtc(day);
    const text = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' }).format(d);
    return i === 0 || d.getUTCMonth() === 0 ? { text, sub: String(d.getUTCFullYear()) } : { text };
  });

export const formatQuarter = (day: string) => {
  const d = toUtc(day);
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
};

/** A period by its start: "Nov 2026", "Q4 2026", or for weeks "Week of 2 Nov 2026". */
export const formatPeriod = (granularity: CohortReport['granularity'], start: string) => {
  if (granularity === 'week') return `Week of ${formatDay(start)}`;
  return granularity === 'month' ? formatMonth(start) : formatQuarter(start);
};

/** "5 Nov 2026 – 4 Dec 2026" */
export const formatWindow = (from: string, to: string) => `${formatDay(from)} – ${formatDay(to)}`;
