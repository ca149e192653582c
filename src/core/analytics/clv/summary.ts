import { DomainError } from '../../shared/errors.js';
import { dayNumber, dayString } from './calendar-days.js';
import {
  DAYS_PER_WEEK,
  type CustomerSummary,
  type HoldoutCounts,
  type PurchaseDay,
} from './clv.js';

export interface SummaryOptions {
  /** Last day of the calibration period, inclusive (YYYY-MM-DD). */
  calibrationEnd: string;
  /** Last day of the holdout period, inclusive; purchases after it are ignored. */
  holdoutEnd?: string;
}

export interface PurchaseSummary {
  customers: CustomerSummary[];
  holdout: HoldoutCounts[] | null;
  /** Customers whose first purchase falls after the calibration end: not in `customers`. */
  excludedLateCustomers: number;
}

/** Purchases held column by column, customers numbered in order of first appearance. */
interface PurchaseColumns {
  ids: string[];
  customer: number[];
  day: number[];
  amount: number[];
}

const collect = (purchases: Iterable<PurchaseDay>, lastDay: number | null): PurchaseColumns => {
  const indexOf = new Map<string, number>();
  const dayCache = new Map<string, number>();
  const columns: PurchaseColumns = { ids: [], customer: [], day: [], amount: [] };
  for (const p of purchases) {
    let day = dayCache.get(p.day);
    if (day === undefined) {
      day = dayNumber(p.day, 'purchase day');
      dayCache.set(p.day, day);
    }
    if (lastDay !== null && day > lastDay) continue;
    if (!Number.isFinite(p.amountMinor))
      throw new DomainError(
        'invalid',
        'invalid_amount',
        `customer ${p.customerId}: amount is not a number`,
        {
          customerId: p.customerId,
          day: p.day,
        },
      );
    let c = indexOf.get(p.customerId);
    if (c === undefined) {
      c = columns.ids.length;
      indexOf.set(p.customerId, c);
      columns.ids.push(p.customerId);
    }
    columns.customer.push(c);
    columns.day.push(day);
    columns.amount.push(p.amountMinor);
  }
  return columns;
};

/** Purchase positions ordered by customer (counting sort), each customer's slice by day. */
const orderByCustomerAndDay = (columns: PurchaseColumns) => {
  const customers = columns.ids.length;
  const start = new Int32Array(customers + 1);
  for (const c of columns.customer) start[c + 1]!++;
  for (let c = 0; c < customers; c++) start[c + 1]! += start[c]!;
  const next = start.slice(0, customers);
  const order = new Int32Array(columns.customer.length);
  columns.customer.forEach((c, i) => {
    order[next[c]!++] = i;
  });
  const day = columns.day;
  for (let c = 0; c < customers; c++) {
    const from = start[c]!;
    const to = start[c + 1]!;
    if (to - from > 16) {
      order.subarray(from, to).sort((i, j) => day[i]! - day[j]!);
      continue;
    }
    // Most customers have a handful of purchases: insertion sort, no comparator calls.
    for (let k = from + 1; k < to; k++) {
      const item = order[k]!;
      let j = k - 1;
      while (j >= from && day[order[j]!]! > day[item]!) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = item;
    }
  }
  return { start, order };
};

interface History {
  first: number;
  repeatDays: number;
  lastRepeat: number;
  repeatSpend: number;
  holdoutDays: number;
}

/** Walks one customer's purchases in day order, merging days; purchases on day one are not repeats. */
const historyOf = (
  columns: PurchaseColumns,
  positions: Int32Array,
  calibrationEnd: number,
  holdoutEnd: number | null,
): History => {
  const first = columns.day[positions[0]!]!;
  const h: History = { first, repeatDays: 0, lastRepeat: first, repeatSpend: 0, holdoutDays: 0 };
  let previous = first;
  for (const i of positions) {
    const day = columns.day[i]!;
    const isNewDay = day !== previous;
    previous = day;
    if (day === first) continue;
    if (day <= calibrationEnd) {
      if (isNewDay) h.repeatDays++;
      h.lastRepeat = day;
      h.repeatSpend += columns.amount[i]!;
    } else if (holdoutEnd !== null && day <= holdoutEnd && isNewDay) {
      h.holdoutDays++;
    }
  }
  return h;
};

/**
 * Recency-frequency-monetary summaries by the conventions of Fader, Hardie & Lee: all purchases of
 * a customer on one calendar day are one transaction (values summed); the first purchase day is
 * time zero and not a repeat; time is in weeks of 7 days; mean repeat spend leaves the first day
 * out. Customers whose first purchase is after calibrationEnd are left out and counted.
 */
export const summarisePurchases = (
  purchases: Iterable<PurchaseDay>,
  options: SummaryOptions,
): PurchaseSummary => {
  const calibrationEnd = dayNumber(options.calibrationEnd, 'calibrationEnd');
  const holdoutEnd =
    options.holdoutEnd === undefined ? null : dayNumber(options.holdoutEnd, 'holdoutEnd');
  if (holdoutEnd !== null && holdoutEnd <= calibrationEnd)
    throw new DomainError('invalid', 'invalid_holdout', 'holdoutEnd must be after calibrationEnd', {
      calibrationEnd: options.calibrationEnd,
      holdoutEnd: options.holdoutEnd,
    });
  const columns = collect(purchases, holdoutEnd);
  const { start, order } = orderByCustomerAndDay(columns);
  const customers: CustomerSummary[] = [];
  const holdout: HoldoutCounts[] = [];
  const holdoutWeeks = holdoutEnd === null ? 0 : (holdoutEnd - calibrationEnd) / DAYS_PER_WEEK;
  let excludedLateCustomers = 0;
  const dayStrings = new Map<number, string>();
  const firstDayOf = (day: number) => {
    let text = dayStrings.get(day);
    if (text === undefined) dayStrings.set(day, (text = dayString(day)));
    return text;
  };
  columns.ids.forEach((customerId, c) => {
    const h = historyOf(
      columns,
      order.subarray(start[c]!, start[c + 1]!),
      calibrationEnd,
      holdoutEnd,
    );
    if (h.first > calibrationEnd) {
      excludedLateCustomers++;
      return;
    }
    customers.push({
      customerId,
      frequency: h.repeatDays,
      recency: (h.lastRepeat - h.first) / DAYS_PER_WEEK,
      age: (calibrationEnd - h.first) / DAYS_PER_WEEK,
      meanRepeatSpendMinor: h.repeatDays > 0 ? h.repeatSpend / h.repeatDays : 0,
      firstDay: firstDayOf(h.first),
    });
    if (holdoutEnd !== null)
      holdout.push({ customerId, repeatPurchases: h.holdoutDays, weeks: holdoutWeeks });
  });
  return { customers, holdout: holdoutEnd === null ? null : holdout, excludedLateCustomers };
};
