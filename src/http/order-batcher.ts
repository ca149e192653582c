import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { IngestOrderSchema } from '../core/orders/orders.js';
import type { AppEnv } from './context.js';
import type { BatchedOrder, BatchOutcome } from './order-batch.js';

export interface OrderBatcher {
  submit(item: BatchedOrder): Promise<BatchOutcome>;
}

export interface BatcherOptions {
  /** Writes one batch; a throw sends every request of the batch down the per-request path. */
  write(items: BatchedOrder[]): Promise<BatchOutcome[]>;
  maxBatch: number;
  /** Batches written at once (PGlite has one connection: 1). */
  maxInFlight: number;
  log: Logger;
}

/**
 * Group commit: requests that arrive while every lane is busy wait together and go out as one
 * transaction as soon as a lane is free. Under light load a request goes out at once, alone; under
 * heavy load the batches grow, and the statements per order shrink with them.
 */
export const orderBatcher = (options: BatcherOptions): OrderBatcher => {
  const queue: { item: BatchedOrder; resolve: (outcome: BatchOutcome) => void }[] = [];
  let inFlight = 0;
  const run = async (batch: typeof queue) => {
    let outcomes: BatchOutcome[] = [];
    try {
      outcomes = await options.write(batch.map((b) => b.item));
    } catch (error) {
      // A deadlock or a concurrent writer's unique key: correctness never rests on this path.
      options.log.warn({ err: error, orders: batch.length }, 'orders.batch_failed');
    }
    batch.forEach((b, i) => b.resolve(outcomes[i] ?? { kind: 'alone' }));
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

export const requestHash = (method: string, path: string, body: string) =>
  createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');

/**
 * A request the batch can take: a JSON body that passes the schema and a well-formed key.
 * Anything else goes down the per-request path, which answers it exactly as before.
 */
const batchable = async (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => {
  const key = c.req.header('idempotency-key');
  if (key !== undefined && (key.length === 0 || key.length > 255)) return null;
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
      : {
          principal: c.var.principal.keyId,
          key,
          method: c.req.method,
          path: c.req.path,
          requestHash: requestHash(c.req.method, c.req.path, body),
        };
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
    return c.json(outcome.view, outcome.status);
  };
