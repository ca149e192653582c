import { OrderLineInputSchema } from '../../core/orders/orders.js';
import { instantOfLocalTime } from '../../core/shared/zoned-time.js';
import type { LineDraft } from './import.types.js';

/** Whole numbers, allowing the `6.0` spelling that spreadsheets and pandas write. */
export const parseWholeNumber = (text: string | undefined): number | null => {
  const match = /^\s*([+-]?\d{1,15})(?:\.0*)?\s*$/.exec(text ?? '');
  return match ? Number(match[1]) : null;
};

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Dates as `YYYY-MM-DD`, optionally with a time and an offset. Without an offset the date and time
 * are the shop's, read in the programme's time zone: a CDNOW day is that day in the programme's
 * calendar, not the evening before (read as UTC, every date-only order in New York moved back a
 * day, and the 1st of each month into the month before). Re-imports under one time zone are
 * identical.
 */
// The lines of one order share its timestamp: reading the zone's clock once per order, not per
// line, keeps the local-time reading (about 5 µs) off the import's path.
let last: { text: string; timeZone: string; at: Date | null } | null = null;

export const parseTimestamp = (text: string | undefined, timeZone: string): Date | null => {
  if (last && last.text === text && last.timeZone === timeZone) return last.at && new Date(last.at);
  const at = readTimestamp(text ?? '', timeZone);
  last = { text: text ?? '', timeZone, at };
  return at && new Date(at);
};

const readTimestamp = (text: string, timeZone: string): Date | null => {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  // Date.UTC accepts 2011-02-30 by rolling over; a calendar day that does not exist is a bad value.
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCDate() !== day || calendar.getUTCMonth() !== month - 1) return null;
  const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (zone === undefined) {
    const ms = Math.floor(Number(`0${fraction || '.0'}`) * 1000);
    return instantOfLocalTime({ year, month, day, hour, minute, second, ms }, timeZone);
  }
  const offset = zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
};

/**
 * The order schema's own limits (SKU and name lengths, largest quantity and price), so an import
 * takes exactly the lines the API would. Returns a reason, or null when the line is fine.
 */
export const lineProblem = (line: LineDraft): string | null => {
  const result = OrderLineInputSchema.safeParse(line);
  if (result.success) return null;
  const issue = result.error.issues[0];
  return `invalid line ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'rejected'}`;
};

/** Text cells: trimmed, and absent when empty. */
export const optionalText = (text: string | undefined): string | undefined => {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
};
