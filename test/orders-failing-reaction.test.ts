import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventOf } from '../src/core/events/events.js';
import { DomainError } from '../src/core/shared/errors.js';
import { eventConsumers, type EventConsumer } from '../src/app/reactions.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, rowCounts, unique } from './support/fixtures.js';

/**
 * A reaction that throws after an order was inserted (here an event consumer, where the webhook
 * outbox sits) must leave nothing of that order behind, while the orders that arrived with it
 * land, on the group-commit path and on the per-request path alike.
 */

const DOOMED_PREFIX = 'doomed-';

const refuseDoomedOrders: EventConsumer = async (_db, events) => {
  const doomed = events.find(
    (e): e is EventOf<'order.earned'> =>
      e.type === 'order.earned' && e.data.externalId.startsWith(DOOMED_PREFIX),
  );
  if (doomed) {
    throw new DomainError(
      'conflict',
      'refused_by_reaction',
      `A reaction refused ${doomed.data.externalId}`,
    );
  }
};

const logLines: string[] = [];
const captured = pino(
  { level: 'warn' },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

const deltas = (before: Record<string, number>, after: Record<string, number>) =>
  Object.fromEntries(
    Object.keys(after)
      .map((table) => [table, after[table]! - (before[table] ?? 0)] as const)
      .filter(([, n]) => n !== 0),
  );

describe.each([
  { path: 'group commit', orderBatching: true },
  { path: 'per-request transaction', orderBatching: false },
])('a reaction that throws on one order ($path)', ({ orderBatching }) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ orderBatching, log: captured });
    eventConsumers.push(refuseDoomedOrders);
  });
  afterAll(async () => {
    eventConsumers.splice(eventConsumers.indexOf(refuseDoomedOrders), 1);
    await t.close();
  });
  afterEach(() => {
    logLines.length = 0;
  });

  const post = (body: unknown, key?: string) =>
    t.call('POST', '/v1/orders', body, key === undefined ? {} : { 'idempotency-key': key });

  /** Seven orders at once for two members, every other one keyed; `extra` goes out fifth. */
  const burst = async (members: string[], extra?: { body: unknown; key: string }) => {
    const healthy = (i: number) =>
      post(orderBody(members[i % 2]!), i % 2 === 0 ? unique('burst-key') : undefined);
    const first = [0, 1, 2, 3].map(healthy);
    const failing = extra ? post(extra.body, extra.key) : null;
    const rest = [4, 5, 6].map(healthy);
    return { healthy: await Promise.all([...first, ...rest]), failing: await failing };
  };

  it('writes nothing of that order and lets the others land', async () => {
    const members = [(await createCustomer(t)).id, (await createCustomer(t)).id];
    // Both members have their accounts before the bursts, so the two bursts write alike.
    for (const id of members) expect((await post(orderBody(id))).status).toBe(201);

    const doomed = {
      body: orderBody(members[0]!, { externalId: unique(DOOMED_PREFIX) }),
      key: unique('doomed-key'),
    };
    const beforeFirst = await rowCounts(t);
    const first = await burst(members, doomed);
    const afterFirst = await rowCounts(t);
    expect(first.failing?.status).toBe(409);
    expect(first.failing?.body.code).toBe('refused_by_reaction');
    expect(first.healthy.map((r) => r.status)).toEqual(Array(7).fill(201));

    // The same seven orders without the failing one write exactly as much, table by table.
    const beforeSecond = await rowCounts(t);
    const second = await burst(members);
    const afterSecond = await rowCounts(t);
    expect(second.healthy.map((r) => r.status)).toEqual(Array(7).fill(201));
    expect(deltas(beforeFirst, afterFirst)).toEqual(deltas(beforeSecond, afterSecond));
    expect(deltas(beforeFirst, afterFirst).sales_order).toBe(7);

    if (orderBatching) {
      // The failing order shared a transaction with others: the batch was split, not answered alone.
      const splits = logLines
        .map((l) => JSON.parse(l))
        .filter((l) => l.msg === 'orders.batch_split');
      expect(splits.length).toBeGreaterThan(0);
      expect(Math.max(...splits.map((s) => s.orders))).toBeGreaterThan(1);
    }

    // Its key was given back with everything else: once the reaction passes, the retry lands.
    eventConsumers.splice(eventConsumers.indexOf(refuseDoomedOrders), 1);
    try {
      const retry = await post(doomed.body, doomed.key);
      expect(retry.status).toBe(201);
      expect(retry.body.order.externalId).toBe(doomed.body.externalId);
    } finally {
      eventConsumers.push(refuseDoomedOrders);
    }
  });
});
