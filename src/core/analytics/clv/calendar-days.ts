import { DomainError } from '../../shared/errors.js';

const MS_PER_DAY = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD calendar day, or null when it is not a real day. */
export const parseDayNumber = (day: string): number | null => {
  const match = DAY.exec(day);
  if (!match) return null;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const date = new Date(ms);
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return ms / MS_PER_DAY;
};

/** As parseDayNumber, but a bad day is an invalid-input error naming the field. */
export const dayNumber = (day: string, field: string): number => {
  const n = parseDayNumber(day);
  if (n === null)
    throw new DomainError('invalid', 'invalid_day', `${field}: "${day}" is not a YYYY-MM-DD day`, {
      field,
      day,
    });
  return n;
};

export const dayString = (dayNumberValue: number): string =>
  new Date(dayNumberValue * MS_PER_DAY).toISOString().slice(0, 10);
