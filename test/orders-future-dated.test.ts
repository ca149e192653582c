import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, rowCounts } from './support/fixtures.js';

// An order dated beyond the allowed skew ahead of the server's clock is refused with a 422 naming
// placedAt and writes nothing, alone or in a burst that the group commit writes together (this
// suite also runs with REGULARS_ORDER_BATCHING=off). Worked by hand: the clock reads
// 2026-12-07 10:00 UTC and the skew is a day, so 2026-12-08 10:00:00.000 is the latest accepted.
const NOW = new Date('2026-12-07T10:00:00.000Z');
const LATEST = '2026-12-08T10:00:00.000Z';
const JUST_LATER = '2026-12-08T10:00:00.001Z';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: manualClock(NOW) });
});
afterAll(() => t.close());

const post = (body: unknown, key?: string) =>
  t.call('POST', '/v1/orders', body, key ? { 'idempotency-key': key } : {});

const expectRefused = (res: { status: number; body: any }, placedAt: string) => {
  expect(res.status).toBe(422);
  expect(res.body).toMatchObject({
    code: 'placed_in_future',
    errors: [{ path: 'placedAt', message: expect.stringContaining(LATEST) }],
  });
  expect(res.body.detail).toContain(placedAt);
};

describe('orders placed in the future', () => {
  it('refuses a 2030 order with 422 on placedAt, and writes nothing (not even the member accounts)', async () => {
    const ann = await createCustomer(t);
    const before = await rowCounts(t);
    const placedAt = '2030-01-01T09:00:00.000Z';
    expectRefused(await post(orderBody(ann.id, { placedAt }), 'future-2030'), placedAt);
    expectRefused(await post(orderBody(ann.id, { placedAt: JUST_LATER })), JUST_LATER);
    expect(await rowCounts(t)).toEqual(before);
    // The key was given back: the corrected order goes through under it.
    const fixed = await post(
      orderBody(ann.id, { placedAt: '2026-12-07T09:00:00Z' }),
      'future-2030',
    );
    expect(fixed.status).toBe(201);
  });

  it('takes an order exactly at the skew ahead of the clock', async () => {
    const bea = await createCustomer(t);
    const res = await post(orderBody(bea.id, { placedAt: LATEST }));
    expect(res.status).toBe(201);
    expect(res.body.order.placedAt).toBe(LATEST);
  });

  it('in one burst, refuses only the future-dated orders; their neighbours are written', async () => {
    const cal = await createCustomer(t);
    const dan = await createCustomer(t);
    const before = await rowCounts(t);
    const res = await Promise.all([
      post(orderBody(cal.id, { placedAt: '2026-12-06T12:00:00Z' })),
      post(orderBody(dan.id, { placedAt: '2030-06-01T00:00:00Z' }), 'dan-future'),
      post(orderBody(cal.id, { placedAt: LATEST })),
      post(orderBody(dan.id, { placedAt: JUST_LATER })),
      post(orderBody(cal.id, { placedAt: '2026-12-07T10:00:00Z' })),
    ]);
    expect(res.map((r) => r.status)).toEqual([201, 422, 201, 422, 201]);
    expectRefused(res[1]!, '2030-06-01T00:00:00.000Z');
    expectRefused(res[3]!, JUST_LATER);
    // Only cal's three orders were written; dan, who sent only refused orders, has no accounts.
    const after = await rowCounts(t);
    expect(after.sales_order! - before.sales_order!).toBe(3);
    const dansOrders = await t.database.db
      .selectFrom('sales_order')
      .select('id')
      .where('customer_id', '=', dan.id)
      .execute();
    expect(dansOrders).toEqual([]);
    const accounts = await t.database.db
      .selectFrom('ledger_account')
      .select('id')
      .where('customer_id', '=', dan.id)
      .execute();
    expect(accounts).toEqual([]);
  });
});

describe('a configured skew', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await startTestApp({ clock: manualClock(NOW), maxFutureSkewMinutes: 0 });
  });
  afterAll(() => strict.close());

  it('REGULARS_MAX_FUTURE_SKEW_MINUTES=0 takes now and refuses a millisecond later', async () => {
    const eve = await createCustomer(strict);
    const at = (placedAt: string) =>
      strict.call('POST', '/v1/orders', orderBody(eve.id, { placedAt }));
    expect((await at('2026-12-07T10:00:00.000Z')).status).toBe(201);
    const late = await at('2026-12-07T10:00:00.001Z');
    expect(late.status).toBe(422);
    expect(late.body.errors).toEqual([
      { path: 'placedAt', message: expect.stringContaining('2026-12-07T10:00:00.000Z') },
    ]);
  });
});
