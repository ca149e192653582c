import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, points } from './support/fixtures.js';

const START = new Date('2026-05-01T09:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

describe('programme settings', () => {
  it('start from documented defaults', async () => {
    const res = await t.call('GET', '/v1/programme');
    expect(res.body).toEqual({
      currency: 'GBP',
      pointsPerCurrencyUnit: 1,
      returnWindowDays: 14,
      expiryDays: 365,
      pointValueMilliMinor: 1000,
      timeZone: 'Europe/London',
    });
  });

  it('a new earn rate and window apply to the next order at once', async () => {
    const patched = await t.call('PATCH', '/v1/programme', {
      pointsPerCurrencyUnit: 5,
      returnWindowDays: 0,
      expiryDays: 30,
      pointValueMilliMinor: 500,
    });
    expect(patched.status).toBe(200);
    const c = await createCustomer(t);
    const res = await t.call(
      'POST',
      '/v1/orders',
      orderBody(c.id, { placedAt: START.toISOString() }),
    );
    // 30.99 GBP × 5 = 154 points, posted at once (no window), expiring 30 days later.
    expect(res.body.points).toEqual({ earned: 154, pending: false, releaseAt: null });
    expect(await points(t, c.id)).toMatchObject({
      balance: 154,
      pending: 0,
      nextExpiring: { points: 154, expiresAt: '2026-05-31T09:00:00.000Z' },
    });
    const liability = await t.call('GET', '/v1/programme/liability');
    // Half a penny per point: 154 points are worth 77 pence.
    expect(liability.body).toMatchObject({ outstandingPoints: 154, liabilityMinor: 77 });
  });

  it('refuses an unknown currency or time zone, naming the field, and changes nothing', async () => {
    const before = (await t.call('GET', '/v1/programme')).body;
    const currency = await t.call('PATCH', '/v1/programme', { currency: 'ABC' });
    expect(currency.status).toBe(422);
    expect(currency.body).toMatchObject({
      code: 'unknown_currency',
      errors: [{ path: 'currency' }],
    });
    const zone = await t.call('PATCH', '/v1/programme', { timeZone: 'Mars/Olympus' });
    expect(zone.body).toMatchObject({ code: 'unknown_time_zone', errors: [{ path: 'timeZone' }] });
    const negative = await t.call('PATCH', '/v1/programme', { returnWindowDays: -1 });
    expect(negative.status).toBe(400);
    expect((await t.call('GET', '/v1/programme')).body).toEqual(before);
  });

  it('is for admins only', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    expect((await t.call('GET', '/v1/programme', undefined, pos)).status).toBe(403);
    expect((await t.call('GET', '/v1/programme/liability', undefined, pos)).status).toBe(403);
  });
});
