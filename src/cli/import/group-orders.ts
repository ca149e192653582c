import type { OrderDraft, OrderHeader, RowOutcome } from './import.types.js';

export interface GroupTally {
  reject(reason: string, count?: number): void;
}

const disagreement = (order: OrderHeader, row: OrderHeader): string | null => {
  if (row.customerExternalId !== order.customerExternalId) return 'customer';
  if (row.currency !== order.currency) return 'currency';
  if (row.channel !== order.channel) return 'channel';
  if (row.storeId !== order.storeId) return 'store';
  return null;
};

/**
 * Gathers the lines of consecutive records with one externalId into an order. Rejected records do
 * not end the open order (a cancellation may sit between two lines of one invoice). An externalId
 * that comes back after its order was complete is rejected rather than silently dropped later by
 * the idempotent ingest. The order takes its date from its first line.
 */
export const orderGrouper = (tally: GroupTally) => {
  const complete = new Set<string>();
  let open: OrderDraft | null = null;

  const close = (): OrderDraft | null => {
    const done = open;
    if (done) complete.add(done.externalId);
    open = null;
    return done;
  };

  const add = (outcome: RowOutcome): OrderDraft | null => {
    if (outcome.kind === 'reject') {
      tally.reject(outcome.reason);
      return null;
    }
    const { header, line } = outcome;
    if (open && open.externalId === header.externalId) {
      const field = disagreement(open, header);
      if (field) tally.reject(`line disagrees with the first line of its order (${field})`);
      else open.lines.push(line);
      return null;
    }
    if (complete.has(header.externalId)) {
      tally.reject('order lines not consecutive (its order was already complete)');
      return null;
    }
    const done = close();
    open = { ...header, lines: [line] };
    return done;
  };

  /** The order still open, without closing it: to tell whether a cut would split it. */
  const peekOpen = (): OrderDraft | null => open;

  /** Drops the open order, counting its lines as rejected for `reason`. */
  const discardOpen = (reason: string) => {
    if (open) tally.reject(reason, open.lines.length);
    open = null;
  };

  return { add, finish: close, peekOpen, discardOpen };
};
