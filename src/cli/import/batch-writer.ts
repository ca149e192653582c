import { futureDatedOrder } from '../../core/orders/orders.intake.js';
import type { WriteMode } from './batch-unit.js';
import type { OrderDraft } from './import.types.js';
import type { ImportTally } from './summary.js';
import { writeBatch, type RunContext } from './write-batch.js';

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
  /** Writes what is left and waits for it; throws the first failure of any batch. */
  end(): Promise<void>;
  /** Waits for the batch in flight without surfacing its failure (for cleanup after an error). */
  drain(): Promise<void>;
}

/** The tally's reason for orders dated too far ahead (as the API's `placed_in_future`). */
export const futureReason = (maxFutureSkewMinutes: number): string =>
  `placedAt in the future (more than ${maxFutureSkewMinutes} minutes ahead of the clock)`;

/**
 * Collects orders into batches and writes each batch in one transaction. One batch is written
 * while the next is read, so parsing overlaps the database's work; batches still commit one after
 * another, in file order.
 */
export const batchWriter = (
  ctx: RunContext,
  tally: ImportTally,
  options: WriteOptions,
): BatchWriter => {
  const size = options.batchSize ?? 500;
  const offset = options.dateOffsetMs ?? 0;
  let batch: OrderDraft[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  const settle = async () => {
    await inFlight;
    if (failure) throw failure.error;
  };
  const flush = async () => {
    await settle();
    if (batch.length === 0) return;
    const drafts = batch;
    batch = [];
    const lines = drafts.reduce((sum, d) => sum + d.lines.length, 0);
    if (options.dryRun) {
      tally.addBatch(
        { ordersNew: drafts.length, ordersPresent: 0, customersCreated: 0, pointsEarned: 0 },
        lines,
      );
      return;
    }
    // The failure is kept, not left unhandled, and rethrown at the next flush or at the end.
    inFlight = writeBatch(ctx, drafts).then(
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
      batch.push(dated);
      if (batch.length >= size) await flush();
    },
    end: async () => {
      await flush();
      await settle();
    },
    drain: () => inFlight,
  };
};
