import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleDuePoints } from '../src/jobs/settle-points.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, points } from './support/fixtures.js';

// The programme defaults: 1 point per GBP, 14-day return window, points live 365 days.
const START = new Date('2026-03-01T12:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const at = (days: number, ms = 0) => new Date(START.getTime() + days * 86_400_000 + ms);

describe('orders earn points', () => {
  it('ingests an order by customer external id; its points stay pending for the return window', async () => {
    clock.set(START);
    const c = await createCustomer(t, { externalIds: [{ source: 'shop', id: 'ext-pending-1' }] });
    const { customerId: _omit, ...body } = orderBody(c.id, { placedAt: START.toISOString() });
    const res = await t.call('POST', '/v1/orders', {
      ...body,
      customerExternalId: 'ext-pending-1',
    });
    expect(res.status).toBe(201);
    // 2 × 10.50 + 9.99 = 30.99 GBP → 30 points.
    expect(res.body.order).toMatchObject({ customerId: c.id, totalMinor: 3099, pointsEarned: 30 });
    expect(res.body.points).toEqual({ earned: 30, pending: true, releaseAt: at(14).toISOString() });
    expect(await points(t, c.id)).toMatchObject({
      balance: 0,
      pending: 30,
      nextPendingRelease: { points: 30, releaseAt: at(14).toISOString() },
    });
  });

  it('sending the same order again returns the first result and earns nothing more', async () => {
    clock.set(START);
    const c = await createCustomer(t);
    const body = orderBody(c.id, { placedAt: START.toISOString() });
    const first = await t.call('POST', '/v1/orders', body);
    const again = await t.call('POST', '/v1/orders', {
      ...body,
      lines: [{ sku: 'X', quantity: 9, unitPriceMinor: 99999 }],
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.order).toEqual(first.body.order);
    expect(again.body.created).toBe(false);
    expect((await points(t, c.id)).pending).toBe(30);
  });

  it('releases pending points at the exact instant the window ends, and expires them 365 days later', async () => {
    clock.set(START);
    const c = await createCustomer(t);
    await t.call('POST', '/v1/orders', orderBody(c.id, { placedAt: START.toISOString() }));

    clock.set(at(14, -1));
    expect(await points(t, c.id)).toMatchObject({ balance: 0, pending: 30 });
    clock.set(at(14));
    expect(await points(t, c.id)).toMatchObject({
      balance: 30,
      pending: 0,
      nextExpiring: { points: 30, expiresAt: at(14 + 365).toISOString() },
    });

    clock.set(at(14 + 365, -1));
    expect((await points(t, c.id)).balance).toBe(30);
    clock.set(at(14 + 365));
    expect(await points(t, c.id)).toMatchObject({
      balance: 0,
      nextExpiring: null,
      lifetime: { earned: 30, expired: 30 },
    });

    const ledger = await t.call('GET', `/v1/customers/${c.id}/ledger`);
    const byCode = Object.fromEntries(
      ledger.body.entries.map((e: { code: string }) => [e.code, e]),
    );
    // Each movement is dated when it fell due, not when somebody happened to look.
    expect(byCode['pending.post'].effectiveAt).toBe(at(14).toISOString());
    expect(byCode['expire'].effectiveAt).toBe(at(14 + 365).toISOString());
  });

  it('the sweeper settles members nobody looks at, once', async () => {
    clock.set(START);
    const c = await createCustomer(t);
    await t.call('POST', '/v1/orders', orderBody(c.id, { placedAt: START.toISOString() }));
    clock.set(at(15));
    const first = await settleDuePoints(t.database.db, clock);
    expect(first.movements).toBeGreaterThanOrEqual(1);
    const second = await settleDuePoints(t.database.db, clock);
    expect(second.movements).toBe(0);
    const entries = await t.database.db
      .selectFrom('ledger_entry')
      .select('code')
      .where('customer_id', '=', c.id)
      .execute();
    expect(entries.map((e) => e.code).sort()).toEqual(['earn.order.pending', 'pending.post']);
  });

  it('spends the oldest-expiring points first', async () => {
    clock.set(START);
    const c = await createCustomer(t);
    await t.call('POST', `/v1/customers/${c.id}/points/adjust`, { points: 50, reason: 'goodwill' });
    clock.set(at(100));
    await t.call('POST', `/v1/customers/${c.id}/points/adjust`, { points: 70, reason: 'goodwill' });
    const spent = await t.call('POST', `/v1/customers/${c.id}/points/redeem`, { points: 60 });
    expect(spent.status).toBe(201);
    expect(spent.body).toMatchObject({ code: 'redeem', points: 60, balanceDelta: -60 });
    // 50 from the first lot, 10 from the second: 60 left, expiring with the second lot.
    expect(await points(t, c.id)).toMatchObject({
      balance: 60,
      nextExpiring: { points: 60, expiresAt: at(100 + 365).toISOString() },
    });
    const over = await t.call('POST', `/v1/customers/${c.id}/points/redeem`, { points: 61 });
    expect(over.status).toBe(409);
    expect(over.body).toMatchObject({ code: 'insufficient_points', errors: [{ path: 'points' }] });
  });

  it('records manual adjustments with reason and actor; a debit cannot overdraw', async () => {
    clock.set(START);
    const c = await createCustomer(t);
    const credit = await t.call('POST', `/v1/customers/${c.id}/points/adjust`, {
      points: 25,
      reason: 'lost receipt',
    });
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({
      code: 'adjust.credit',
      reason: 'lost receipt',
      actor: 'test-admin',
      balanceDelta: 25,
    });
    const debit = await t.call('POST', `/v1/customers/${c.id}/points/adjust`, {
      points: -30,
      reason: 'duplicate',
    });
    expect(debit.status).toBe(409);
    const ok = await t.call('POST', `/v1/customers/${c.id}/points/adjust`, {
      points: -5,
      reason: 'duplicate',
    });
    expect(ok.body).toMatchObject({ code: 'adjust.debit', balanceDelta: -5 });
    expect((await points(t, c.id)).balance).toBe(20);
  });
});

describe('returns reverse points', () => {
  const placeOrder = async (placedAt: Date) => {
    const c = await createCustomer(t);
    const res = await t.call(
      'POST',
      '/v1/orders',
      orderBody(c.id, {
        placedAt: placedAt.toISOString(),
        lines: [
          { sku: 'A', quantity: 4, unitPriceMinor: 2500 }, // 100.00
          { sku: 'B', quantity: 1, unitPriceMinor: 5000 }, // 50.00
        ],
      }),
    );
    return { customerId: c.id, order: res.body.order as { id: string; pointsEarned: number } };
  };

  it('a partial return inside the window voids the returned share of pending points', async () => {
    clock.set(START);
    const { customerId, order } = await placeOrder(START);
    expect(order.pointsEarned).toBe(150);
    const ret = await t.call('POST', `/v1/orders/${order.id}/returns`, {
      lines: [{ lineNo: 1, quantity: 1 }],
    });
    expect(ret.status).toBe(201);
    // 25.00 of 150.00 returned → 25 points back.
    expect(ret.body).toMatchObject({ amountMinor: 2500, pointsReversed: 25, pointsUnrecovered: 0 });
    expect(await points(t, customerId)).toMatchObject({ pending: 125, balance: 0 });
    clock.set(at(14));
    expect(await points(t, customerId)).toMatchObject({ pending: 0, balance: 125 });
  });

  it('a return after release takes points back from the balance; the rest of the order later', async () => {
    clock.set(START);
    const { customerId, order } = await placeOrder(START);
    clock.set(at(20));
    const first = await t.call('POST', `/v1/orders/${order.id}/returns`, {
      lines: [{ lineNo: 2, quantity: 1 }],
    });
    expect(first.body).toMatchObject({ amountMinor: 5000, pointsReversed: 50 });
    expect((await points(t, customerId)).balance).toBe(100);
    const rest = await t.call('POST', `/v1/orders/${order.id}/returns`, {});
    expect(rest.body).toMatchObject({
      amountMinor: 10000,
      pointsReversed: 100,
      lines: [{ lineNo: 1, quantity: 4 }],
    });
    expect((await points(t, customerId)).balance).toBe(0);
    const fetched = await t.call('GET', `/v1/orders/${order.id}`);
    expect(fetched.body.lines.map((l: { returnedQuantity: number }) => l.returnedQuantity)).toEqual(
      [4, 1],
    );
    const nothing = await t.call('POST', `/v1/orders/${order.id}/returns`, {});
    expect(nothing.status).toBe(409);
  });

  it('never drives the balance below zero: spent points are reported as unrecovered', async () => {
    clock.set(START);
    const { customerId, order } = await placeOrder(START);
    clock.set(at(15));
    await t.call('POST', `/v1/customers/${customerId}/points/redeem`, { points: 120 });
    const ret = await t.call('POST', `/v1/orders/${order.id}/returns`, {});
    expect(ret.body).toMatchObject({ pointsReversed: 30, pointsUnrecovered: 120 });
    expect((await points(t, customerId)).balance).toBe(0);
  });

  it('refuses to return more than was bought, naming the line', async () => {
    clock.set(START);
    const { order } = await placeOrder(START);
    const tooMany = await t.call('POST', `/v1/orders/${order.id}/returns`, {
      lines: [{ lineNo: 2, quantity: 2 }],
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body).toMatchObject({
      code: 'invalid_return',
      errors: [{ path: 'lines.0.quantity' }],
    });
    const noLine = await t.call('POST', `/v1/orders/${order.id}/returns`, {
      lines: [{ lineNo: 9, quantity: 1 }],
    });
    expect(noLine.body).toMatchObject({
      code: 'invalid_return',
      errors: [{ path: 'lines.0.lineNo' }],
    });
  });

  it('records a return once per external id', async () => {
    clock.set(START);
    const { order } = await placeOrder(START);
    const body = { externalId: 'rma-1', lines: [{ lineNo: 1, quantity: 1 }] };
    const first = await t.call('POST', `/v1/orders/${order.id}/returns`, body);
    const again = await t.call('POST', `/v1/orders/${order.id}/returns`, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
  });
});

describe('liability', () => {
  it('values outstanding points and conserves every point issued', async () => {
    clock.set(at(1000));
    const res = await t.call('GET', '/v1/programme/liability');
    expect(res.status).toBe(200);
    const { outstandingPoints, pendingPoints, liabilityMinor, totals } = res.body;
    // Default value: one penny per point.
    expect(liabilityMinor).toBe(outstandingPoints);
    expect(totals.issued + totals.adjusted).toBe(
      outstandingPoints + pendingPoints + totals.redeemed + totals.expired,
    );
    expect(totals.issued).toBeGreaterThan(0);
  });
});
