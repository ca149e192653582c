import { futureDatedOrder } from '../../core/orders/orders.intake.js';
import type { WriteMode } from './batch-unit.js';
import type { CancellationDraft, OrderDraft } from './import.types.js';
import { returnMatcher, UNMATCHED, type ReturnTake } from './match-returns.js';
import type { ImportTally } from './summary.js';
import { writeBatch, type RunContext } from './write-batch.js';
import type { ReturnDraft } from './write-returns.js';

export interface WriteOptions {
  /** Orders per transaction (default 500). */
  batchSize?: number;
  /** `bulk` (default) or `direct`; both earn points through the core's ingestOrder. */
  mode?: WriteMode;
  /** Added to every order's date, e.g. to bring an old data set up to today for a demo. */
  dateOffsetMs?: number;
  /** Read, check and group only: orders are counted as new without asking the database. */
  dryRun?: boolean;
}

export interface BatchWriter {
  push(draft: OrderDraft): Promise<void>;
  /** A cancellation line: matched at once to the orders pushed before it, written with its batch. */
  cancel(cancellation: CancellationDraft): void;
  /** Writes what is left and waits for it; throws the first failure of any batch. */
  end(): Promise<void>;
  /** Waits for the batch in flight without surfacing its failure (for cleanup after an error). */
  drain(): Promise<void>;
}

/** The tally's reason for orders dated too far ahead (as the API's `placed_in_future`). */
export const futureReason = (maxFutureSkewMinutes: number): string =>
  `placedAt in the future (more than ${maxFutureSkewMinutes} minutes ahead of the clock)`;

/** The matched lines of a batch's cancellations: one return per cancellation invoice and order. */
const returnsOf = (
  matched: { cancellation: CancellationDraft; takes: ReturnTake[] }[],
): ReturnDraft[] => {
  const returns = new Map<string, ReturnDraft>();
  for (const { cancellation, takes } of matched) {
    for (const take of takes) {
      const key = `${cancellation.invoice}\u0000${take.orderExternalId}`;
      const draft = returns.get(key) ?? {
        externalId: cancellation.invoice,
        orderExternalId: take.orderExternalId,
        placedAt: cancellation.placedAt,
        lines: [],
      };
      const line = draft.lines.find((l) => l.lineNo === take.lineNo);
      if (line) line.quantity += take.quantity;
      else draft.lines.push({ lineNo: take.lineNo, quantity: take.quantity });
      returns.set(key, draft);
    }
  }
  return [...returns.values()];
};

/**
 * Collects orders into batches and writes each batch in one transaction. One batch is written
 * while the next is read, so parsing overlaps the database's work; batches still commit one after
 * another, in file order. Cancellations are matched as they are read against the orders pushed
 * before them (in this batch or any earlier one) and written after their batch's orders.
 */
export const batchWriter = (
  ctx: RunContext,
  tally: ImportTally,
  options: WriteOptions,
): BatchWriter => {
  const size = options.batchSize ?? 500;
  const offset = options.dateOffsetMs ?? 0;
  let batch: OrderDraft[] = [];
  let matched: { cancellation: CancellationDraft; takes: ReturnTake[] }[] = [];
  const matcher = returnMatcher();
  const finishedInvoices = new Set<string>();
  let lastInvoice: string | null = null;
  let inFlight: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  const settle = async () => {
    await inFlight;
    if (failure) throw failure.error;
  };
  const flush = async () => {
    await settle();
    if (batch.length === 0 && matched.length === 0) return;
    const drafts = batch;
    const returns = returnsOf(matched);
    const lines = drafts.reduce((sum, d) => sum + d.lines.length, 0) + matched.length;
    batch = [];
    matched = [];
    // A cancellation invoice split over two batches would make two returns with one external id.
    if (lastInvoice) finishedInvoices.add(lastInvoice);
    lastInvoice = null;
    if (options.dryRun) {
      tally.addBatch(
        {
          ordersNew: drafts.length,
          ordersPresent: 0,
          customersCreated: 0,
          pointsEarned: 0,
          returnsNew: returns.length,
          returnsPresent: 0,
          returnedMinor: 0,
          pointsReversed: 0,
          returnsRefused: [],
        },
        lines,
      );
      return;
    }
    // PGlite runs in this thread and its promises settle without a turn of the event loop: without
    // this pause a server loading the demo would answer no request, not even /health, until done.
    await new Promise<void>((resolve) => setImmediate(resolve));
    // The failure is kept, not left unhandled, and rethrown at the next flush or at the end.
    inFlight = writeBatch(ctx, drafts, returns).then(
      (result) => tally.addBatch(result, lines),
      (error: unknown) => {
        failure = { error };
      },
    );
  };
  return {
    push: async (draft: OrderDraft) => {
      const dated =
        offset === 0 ? draft : { ...draft, placedAt: new Date(draft.placedAt.getTime() + offset) };
      // A date in the future is bad data in a file of history: the order is skipped and counted
      // like any other rejected line, where the API would refuse it (the same core check).
      if (futureDatedOrder(dated.placedAt, ctx.clock.now(), ctx.maxFutureSkewMinutes)) {
        tally.reject(futureReason(ctx.maxFutureSkewMinutes), dated.lines.length, dated.fileLine);
        return;
      }
      matcher.addOrder(dated);
      batch.push(dated);
      if (batch.length >= size) await flush();
    },
    cancel: (cancellation) => {
      const dated =
        offset === 0
          ? cancellation
          : { ...cancellation, placedAt: new Date(cancellation.placedAt.getTime() + offset) };
      const { invoice, fileLine } = dated;
      tally.returns.read();
      if (futureDatedOrder(dated.placedAt, ctx.clock.now(), ctx.maxFutureSkewMinutes)) {
        tally.reject(futureReason(ctx.maxFutureSkewMinutes), 1, fileLine);
        return;
      }
      if (invoice !== lastInvoice) {
        if (lastInvoice) finishedInvoices.add(lastInvoice);
        lastInvoice = invoice;
      }
      const outcome = finishedInvoices.has(invoice)
        ? ({ kind: 'unmatched', reason: UNMATCHED.notConsecutive } as const)
        : matcher.match(dated);
      if (outcome.kind === 'unmatched') {
        tally.reject(outcome.reason, 1, fileLine);
        tally.returns.unmatched(outcome.reason, invoice);
        return;
      }
      tally.returns.matched(invoice, outcome.unmatchedQuantity);
      matched.push({ cancellation: dated, takes: outcome.takes });
    },
    end: async () => {
      await flush();
      await settle();
    },
    drain: () => inFlight,
  };
};
