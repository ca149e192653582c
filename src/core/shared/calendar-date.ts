import { z } from 'zod';
import { MS_PER_DAY } from './clock.js';

/** Calendar dates as `YYYY-MM-DD` strings, with day arithmetic that ignores time zones. */

/** A calendar date's first instant, UTC. */
export const toUtc = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
/** The UTC calendar date of an instant. */
export const toDate = (d: Date): string => d.toISOString().slice(0, 10);

export const addDaysToDate = (date: string, days: number): string =>
  toDate(new Date(toUtc(date).getTime() + days * MS_PER_DAY));

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / MS_PER_DAY);

/**
 * `?from=2026-06-01&to=2026-06-30`: local calendar days, both optional and inclusive; `to` before
 * `from` is refused on `to`. What an open bound means is the caller's to say.
 */
export const DateWindowQuerySchema = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .superRefine((w, ctx) => {
    if (w.from !== undefined && w.to !== undefined && w.from > w.to) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must not be before from (${w.from})`,
      });
    }
  });
