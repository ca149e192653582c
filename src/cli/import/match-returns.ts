import type { CancellationDraft, OrderDraft } from './import.types.js';

/**
 * Stock codes that are charges, fees or adjustments of the shop rather than goods: a cancellation
 * of one takes back no line a customer bought, so it is never matched (D discount, CRUK
 * commission, BANK CHARGES, AMAZONFEE, B bad-debt adjustment, S samples). Postage (POST, DOT,
 * C2) and manual lines (M) are charged on invoices like goods and are matched like goods.
 */
export const ADJUSTMENT_SKUS: ReadonlySet<string> = new Set([
  'D',
  'CRUK',
  'BANK CHARGES',
  'AMAZONFEE',
  'B',
  'S',
]);

export const UNMATCHED = {
  noCustomer: 'cancellation not matched: no customer id',
  adjustment: 'cancellation not matched: a discount, fee or adjustment, not goods',
  noPurchase: 'cancellation not matched: no earlier purchase of the item by the customer',
  otherPrice: 'cancellation not matched: the item was bought at another price',
  allReturned: 'cancellation not matched: every earlier purchase of the item was returned already',
  notConsecutive: 'cancellation not matched: lines of its invoice not consecutive',
} as const;

/** One earlier order line a cancellation may take back, with what is left of it. */
interface Candidate {
  orderExternalId: string;
  lineNo: number;
  placedAtMs: number;
  left: number;
}

export interface ReturnTake {
  orderExternalId: string;
  lineNo: number;
  quantity: number;
}

export type MatchOutcome =
  | { kind: 'matched'; takes: ReturnTake[]; unmatchedQuantity: number }
  | { kind: 'unmatched'; reason: string };

const key = (customer: string, sku: string, price: number) =>
  `${customer}\u0000${sku}\u0000${price}`;
const itemKey = (customer: string, sku: string) => `${customer}\u0000${sku}`;

/**
 * The order lines of this run, by customer, SKU and unit price, in file order. Kept in memory
 * rather than asked of the database per cancellation: the file is sorted by date, so every
 * order a cancellation may take back was read before it, and an index of a few hundred thousand
 * lines is far cheaper than a query per cancelled line. It is rebuilt from the file on every run,
 * so a re-run makes the same matches and its returns are found by their external ids.
 */
export const returnMatcher = () => {
  const lines = new Map<string, Candidate[]>();
  const boughtItems = new Set<string>();

  const addOrder = (order: OrderDraft): void => {
    order.lines.forEach((line, index) => {
      const k = key(order.customerExternalId, line.sku, line.unitPriceMinor);
      const list = lines.get(k) ?? [];
      list.push({
        orderExternalId: order.externalId,
        // ingestOrder numbers an order's lines from 1 in the order given.
        lineNo: index + 1,
        placedAtMs: order.placedAt.getTime(),
        left: line.quantity,
      });
      lines.set(k, list);
      boughtItems.add(itemKey(order.customerExternalId, line.sku));
    });
  };

  /**
   * Takes the cancelled quantity from the customer's earlier lines of the same SKU and price,
   * latest first, until it is used up; what no line can cover is reported as unmatched.
   */
  const match = (c: CancellationDraft): MatchOutcome => {
    if (ADJUSTMENT_SKUS.has(c.sku)) return { kind: 'unmatched', reason: UNMATCHED.adjustment };
    const candidates = lines.get(key(c.customerExternalId, c.sku, c.unitPriceMinor));
    if (!candidates) {
      const bought = boughtItems.has(itemKey(c.customerExternalId, c.sku));
      return { kind: 'unmatched', reason: bought ? UNMATCHED.otherPrice : UNMATCHED.noPurchase };
    }
    const at = c.placedAt.getTime();
    const takes: ReturnTake[] = [];
    let wanted = c.quantity;
    let earlier = false;
    for (let i = candidates.length - 1; i >= 0 && wanted > 0; i -= 1) {
      const candidate = candidates[i]!;
      if (candidate.placedAtMs > at) continue;
      earlier = true;
      const quantity = Math.min(candidate.left, wanted);
      if (quantity === 0) continue;
      candidate.left -= quantity;
      wanted -= quantity;
      takes.push({
        orderExternalId: candidate.orderExternalId,
        lineNo: candidate.lineNo,
        quantity,
      });
    }
    if (takes.length > 0) return { kind: 'matched', takes, unmatchedQuantity: wanted };
    return { kind: 'unmatched', reason: earlier ? UNMATCHED.allReturned : UNMATCHED.noPurchase };
  };

  return { addOrder, match };
};

export type ReturnMatcher = ReturnType<typeof returnMatcher>;
