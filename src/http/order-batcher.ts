import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { IngestOrderSchema } from '../core/orders/orders.js';
import type { AppEnv } from './context.js';
import { invalidIdempotencyKey, keyClaim } from './idempotency.js';
import type { BatchedOrder, BatchOutcome } from './order-batch.js';

export interface OrderBatcher {
  submit(item: BatchedOrder): Promise<BatchOutcome>;
}

export interface BatcherOptions {
  /** Writes one batch in one transaction; a throw means nothing of it was written. */
  write(items: BatchedOrder[]): Promise<BatchOutcome[]>;
  maxBatch: number;
  /** Batches written at once (PGlite has one connection: 1). */
  maxInFlight: number;
  log: Logger;
}

/**
 * Another writer got there first (the same order inserted meanwhile) or the database gave up on
 * a lock cycle: the per-request path settles such a request as it settles any race.
 */
export const isWriteConflict = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return (
    code === '40001' ||
    code === '40P01' ||
    (code === '23505' && constraint === 'sales_order_external_id_key')
  );
};

/**
 * Group commit: requests that arrive while every lane is busy wait together and go out as one
 * transaction as soon as a lane is free. Under light load a request goes out at once, alone; under
 * heavy load the batches grow, and the statements per order shrink with them.
 *
 * A batch that fails is written again one request per transaction, so one order's failure (a
 * reaction that throws, say) fails that request alone. A request that fails on its own gets its
 * error, as it would on the per-request path; only a write conflict sends it down that path.
 */
export const orderBatcher = (options: BatcherOptions): OrderBatcher => {
  const queue: { item: BatchedOrder; resolve: (outcome: BatchOutcome) => void }[] = [];
  let inFlight = 0;
  const writeAlone = async (item: BatchedOrder): Promise<BatchOutcome> => {
    try {
      return (await options.write([item]))[0]!;
    } catch (error) {
      return isWriteConflict(error) ? { kind: 'alone' } : { kind: 'failed', error };
    }
  };
  const writeOrSplit = async (items: BatchedOrder[]): Promise<BatchOutcome[]> => {
    if (items.length === 1) return [await writeAlone(items[0]!)];
    try {
      return await options.write(items);
    } catch (error) {
      options.log.warn({ err: error, orders: items.length }, 'orders.batch_split');
      const outcomes: BatchOutcome[] = [];
      for (const item of items) outcomes.push(await writeAlone(item));
      return outcomes;
    }
  };
  const run = async (batch: typeof queue) => {
    const outcomes = await writeOrSplit(batch.map((b) => b.item));
    batch.forEach((b, i) => b.resolve(outcomes[i]!));
  };
  const pump = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight += 1;
      void run(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };
  return {
    submit: (item) =>
      new Promise((resolve) => {
        queue.push({ item, resolve });
        pump();
      }),
  };
};

/**
 * A request the batch can take: a JSON body that passes the schema and a well-formed key.
 * Anything else goes down the per-request path, which answers it exactly as before.
 */
const batchable = async (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => {
  const key = c.req.header('idempotency-key');
  if (invalidIdempotencyKey(key)) return null;
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') return null;
  const body = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = IngestOrderSchema.safeParse(json);
  if (!parsed.success) return null;
  const claim =
    key === undefined
      ? null
      : keyClaim(c.var.principal.keyId, key, { method: c.req.method, path: c.req.path, body });
  return { input: parsed.data, claim } satisfies BatchedOrder;
};

/** Sends `POST /v1/orders` through the batcher; registered before the per-request transaction. */
export const batchOrders =
  (batcher: OrderBatcher): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (c.req.method !== 'POST' || c.req.path !== '/v1/orders') return next();
    const item = await batchable(c);
    if (!item) return next();
    const outcome = await batcher.submit(item);
    if (outcome.kind === 'alone') return next();
    if (outcome.kind === 'failed') throw outcome.error;
    if (outcome.kind === 'replayed') {
      c.res = outcome.response;
      return;
    }
    return c.json(outcome.view, outcome.status);
  };
