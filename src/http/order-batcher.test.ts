import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { IngestOrderInput } from '../core/orders/orders.js';
import type { BatchedOrder, BatchOutcome } from './order-batch.js';
import { orderBatcher } from './order-batcher.js';

const item = (externalId: string): BatchedOrder => ({
  input: { externalId } as IngestOrderInput,
  claim: null,
});

const done = (externalId: string): BatchOutcome => ({
  kind: 'done',
  status: 201,
  view: { externalId } as never,
});

const uniqueViolation = Object.assign(new Error('duplicate key'), {
  code: '23505',
  constraint: 'sales_order_external_id_key',
});

/**
 * A batcher whose writer fails every batch that holds one of `failing` (with that order's
 * error) and records the batches it was given.
 */
const batcherFailingOn = (failing: Record<string, unknown>) => {
  const batches: string[][] = [];
  const batcher = orderBatcher({
    maxBatch: 64,
    maxInFlight: 1,
    log: pino({ level: 'silent' }),
    write: async (items) => {
      const ids = items.map((i) => i.input.externalId);
      batches.push(ids);
      // Yield, so the requests submitted meanwhile queue up into one batch.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const failure = ids.find((id) => id in failing);
      if (failure) throw failing[failure];
      return ids.map(done);
    },
  });
  return { batcher, batches };
};

describe('orderBatcher', () => {
  it('writes one failing batch again order by order: the failure stays with its order', async () => {
    const broken = new Error('a reaction failed');
    const { batcher, batches } = batcherFailingOn({ b: broken });
    const outcomes = await Promise.all(
      ['first', 'a', 'b', 'c'].map((id) => batcher.submit(item(id))),
    );
    expect(batches).toEqual([['first'], ['a', 'b', 'c'], ['a'], ['b'], ['c']]);
    expect(outcomes).toEqual([
      done('first'),
      done('a'),
      { kind: 'failed', error: broken },
      done('c'),
    ]);
  });

  it('sends an order alone down the per-request path only on a write conflict', async () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    const otherUnique = Object.assign(new Error('duplicate key'), {
      code: '23505',
      constraint: 'ledger_entry_idempotency_key_key',
    });
    const { batcher } = batcherFailingOn({
      raced: uniqueViolation,
      locked: deadlock,
      bug: otherUnique,
    });
    const outcomes = await Promise.all(
      ['raced', 'locked', 'bug'].map((id) => batcher.submit(item(id))),
    );
    expect(outcomes).toEqual([
      { kind: 'alone' },
      { kind: 'alone' },
      { kind: 'failed', error: otherUnique },
    ]);
  });
});
