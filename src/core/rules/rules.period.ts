import { startOfLocalDay, zonedParts } from '../shared/zoned-time.js';
import type { CapPeriod } from './rules.js';

/**
 * When the cap period containing `at` began, in the programme's calendar: local midnight, the
 * Monday of the ISO week, the first of the month or of the year.
 */
export const periodStart = (at: Date, period: CapPeriod, timeZone: string): Date => {
  const p = zonedParts(at, timeZone);
  if (period === 'year') return startOfLocalDay(p.year, 1, 1, timeZone);
  if (period === 'month') return startOfLocalDay(p.year, p.month, 1, timeZone);
  if (period === 'day') return startOfLocalDay(p.year, p.month, p.day, timeZone);
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - (p.isoWeekday - 1)));
  return startOfLocalDay(
    monday.getUTCFullYear(),
    monday.getUTCMonth() + 1,
    monday.getUTCDate(),
    timeZone,
  );
};
