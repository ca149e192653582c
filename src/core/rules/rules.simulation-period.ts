import { z } from 'zod';
import { addDays } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { startOfLocalDay } from '../shared/zoned-time.js';

export interface PeriodInput {
  /** A date `YYYY-MM-DD` in the programme's time zone, or an instant with an offset. */
  from?: string;
  /** As `from`; a date counts in full (up to the end of that day). */
  to?: string;
  /** How far back from `to` when `from` is not given. */
  days: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const Instant = z.iso.datetime({ offset: true });

const invalid = (field: 'from' | 'to', message: string) =>
  new DomainError(
    'invalid',
    'invalid_period',
    `The period to simulate is invalid: ${field} ${message}`,
    {},
    [{ path: field, message }],
  );

/** A calendar date that exists (no 31 April), as its year, month and day. */
const calendarDate = (value: string) => {
  const m = DATE.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d
    ? { y, mo, d }
    : null;
};

const instantOf = (field: 'from' | 'to', value: string, timeZone: string): Date => {
  const date = calendarDate(value);
  if (date) {
    // "to 2026-12-31" means through the 31st: the period ends when the next local day starts.
    const day = field === 'to' ? date.d + 1 : date.d;
    return startOfLocalDay(date.y, date.mo, day, timeZone);
  }
  if (DATE.test(value)) throw invalid(field, 'is not a calendar date');
  if (!Instant.safeParse(value).success)
    throw invalid(field, 'must be a date (YYYY-MM-DD) or a date-time with an offset');
  return new Date(value);
};

/**
 * The instants a simulation replays, [from, to), from what the page chose: dates in the
 * programme's calendar (the end date included), instants, or the last `days` days.
 */
export const simulationPeriod = (
  input: PeriodInput,
  now: Date,
  timeZone: string,
): { from: Date; to: Date } => {
  const to = input.to ? instantOf('to', input.to, timeZone) : now;
  const from = input.from ? instantOf('from', input.from, timeZone) : addDays(to, -input.days);
  if (from.getTime() >= to.getTime()) throw invalid('from', 'must be before to');
  return { from, to };
};
