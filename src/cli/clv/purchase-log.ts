import type { PurchaseDay } from '../../core/analytics/clv/index.js';

/** A problem with the input file or the options that read it: reported, never a stack trace. */
export class ClvInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClvInputError';
  }
}

/**
 * Purchases read from a file, held column by column (repeated dates share one string), and
 * handed to the summariser one object at a time, so a large file costs no object per row.
 */
export class PurchaseLog implements Iterable<PurchaseDay> {
  private readonly customerIds: string[] = [];
  private readonly days: string[] = [];
  private readonly amounts: number[] = [];
  /** Rows with a negative amount (refunds): left out, counted. */
  skippedNegative = 0;

  add(customerId: string, day: string, amountMinor: number): void {
    if (amountMinor < 0) {
      this.skippedNegative++;
      return;
    }
    this.customerIds.push(customerId);
    this.days.push(day);
    this.amounts.push(amountMinor);
  }

  get size(): number {
    return this.customerIds.length;
  }

  *[Symbol.iterator](): Iterator<PurchaseDay> {
    for (let i = 0; i < this.customerIds.length; i++)
      yield { customerId: this.customerIds[i]!, day: this.days[i]!, amountMinor: this.amounts[i]! };
  }
}

const DATE = /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?$/;

/**
 * A day from YYYY-MM-DD or YYYYMMDD (a time after it, as in 2011-12-09T12:50 or
 * "2011-12-09 12:50", is ignored: the models count days), as YYYY-MM-DD; null if not a real day.
 */
export const parseDay = (text: string): string | null => {
  const match = DATE.exec(text.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1) return null;
  if (date.getUTCDate() !== Number(d)) return null;
  return `${y}-${m}-${d}`;
};

/** Parses dates through a cache: files repeat a few hundred dates millions of times. */
export const dayParser = () => {
  const cache = new Map<string, string | null>();
  return (text: string): string | null => {
    let day = cache.get(text);
    if (day === undefined) {
      day = parseDay(text);
      if (cache.size < 100_000) cache.set(text, day);
    }
    return day;
  };
};
