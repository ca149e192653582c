import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

// 23:30 UTC in June is 00:30 the next day in London (BST): "today" is the programme's day.
const clock = manualClock(new Date('2026-06-10T23:30:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const range = async () => {
  const res = await t.call('GET', '/v1/analytics/range');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Record<string, unknown>;
};

const place = async (
  customerId: string,
  placedAt: string,
  fields: Record<string, unknown> = {},
) => {
  const res = await t.call('POST', '/v1/orders', orderBody(customerId, { placedAt, ...fields }));
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.order.id as string;
};

describe('GET /v1/analytics/range', () => {
  it('gives null days before any order, with today in the programme time zone', async () => {
    expect(await range()).toEqual({
      firstPurchaseDay: null,
      lastPurchaseDay: null,
      today: '2026-06-11',
      timeZone: 'Europe/London',
      currency: 'GBP',
    });
  });

  it('spans the purchases as every report counts them', async () => {
    const a = await createCustomer(t);
    const b = await createCustomer(t);
    await place(a.id, '2026-01-05T10:00:00Z');
    // 23:30 UTC on 31 March is 00:30 on 1 April in London (BST).
    await place(b.id, '2026-03-31T23:30:00Z');
    // Neither of these is a purchase: another currency, and an order returned in full.
    await place(a.id, '2026-05-01T12:00:00Z', { currency: 'USD' });
    const returned = await place(b.id, '2026-05-02T12:00:00Z');
    const giveBack = await t.call('POST', `/v1/orders/${returned}/returns`, {});
    expect(giveBack.status, JSON.stringify(giveBack.body)).toBe(201);

    expect(await range()).toMatchObject({
      firstPurchaseDay: '2026-01-05',
      lastPurchaseDay: '2026-04-01',
      today: '2026-06-11',
      currency: 'GBP',
    });
  });

  it('is for admins only', async () => {
    const pos = await t.keyFor('pos');
    const res = await t.call('GET', '/v1/analytics/range', undefined, {
      authorization: `Bearer ${pos}`,
    });
    expect(res.status).toBe(403);
  });
});
