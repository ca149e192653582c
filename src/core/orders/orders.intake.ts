import { placedInFuture } from './orders.errors.js';
import type { DomainError } from '../shared/errors.js';

/**
 * How far ahead of the server's clock an order may be dated: a till whose clock runs a little
 * fast, or a shop in a time zone ahead of UTC, is still taken; an order dated next year is not,
 * because every report that ends "today" would then disagree with the ones that end at the last
 * purchase. REGULARS_MAX_FUTURE_SKEW_MINUTES sets it; this is its default (one day).
 */
export const DEFAULT_MAX_FUTURE_SKEW_MINUTES = 1440;

const MS_PER_MINUTE = 60_000;

/** The error for an order placed more than `maxFutureSkewMinutes` after `now`, or null. */
export const futureDatedOrder = (
  placedAt: Date,
  now: Date,
  maxFutureSkewMinutes: number,
): DomainError | null => {
  const latest = new Date(now.getTime() + maxFutureSkewMinutes * MS_PER_MINUTE);
  return placedAt.getTime() > latest.getTime()
    ? placedInFuture(placedAt, latest, maxFutureSkewMinutes)
    : null;
};
