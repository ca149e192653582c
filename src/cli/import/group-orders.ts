import type { OrderDraft, OrderHeader, RowOutcome } from './import.types.js';

/** Cancellation lines never reach an order: the importer takes them aside. */
type OrderRowOutcome = Exclude<RowOutcome, { kind: 'cancel' }>;

export interface GroupTally {
  reject(reason: string, count?: number, line?: number): void;
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
  let openLine = 0;

  const close = (): OrderDraft | null => {
    const done = open;
    if (done) complete.add(done.externalId);
    open = null;
    return done;
  };

  /** `line`: where the record starts in the file, for the rejections. */
  const add = (outcome: OrderRowOutcome, line?: number): OrderDraft | null => {
    if (outcome.kind === 'reject') {
      tally.reject(outcome.reason, 1, line);
      return null;
    }
    const { header } = outcome;
    if (open && open.externalId === header.externalId) {
      const field = disagreement(open, header);
      if (field)
        tally.reject(`line disagrees with the first line of its order (${field})`, 1, line);
      else open.lines.push(outcome.line);
      return null;
    }
    if (complete.has(header.externalId)) {
      tally.reject('order lines not consecutive (its order was already complete)', 1, line);
      return null;
    }
    const done = close();
    open = { ...header, lines: [outcome.line], ...(line ? { fileLine: line } : {}) };
    openLine = line ?? 0;
    return done;
  };

  /** The order still open, without closing it: to tell whether a cut would split it. */
  const peekOpen = (): OrderDraft | null => open;

  /** Drops the open order, counting its lines as rejected for `reason` (at its first line). */
  const discardOpen = (reason: string) => {
    if (open) tally.reject(reason, open.lines.length, openLine || undefined);
    open = null;
  };

  return { add, finish: close, peekOpen, discardOpen };
};
