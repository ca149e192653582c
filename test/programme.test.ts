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
      publicUrl: null,
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

  it('a public URL set in the settings starts every link sent to members; null gives the server’s back', async () => {
    const customer = await createCustomer(t);
    await t.call('POST', '/v1/templates', {
      key: 'links',
      kind: 'marketing',
      defaultLocale: 'en',
      versions: [{ locale: 'en', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' }],
    });
    const survey = await t.call('POST', '/v1/surveys', {
      key: 'links',
      title: 'How did we do?',
      questions: [{ id: 'nps', type: 'nps', prompt: 'Recommend us?' }],
      status: 'active',
    });
    const links = async () => ({
      survey: (await t.call('GET', `/v1/surveys/${survey.body.id}/link?customerId=${customer.id}`))
        .body.url as string,
      referral: (await t.call('GET', '/v1/referrals/settings')).body.linkBaseUrl as string,
      unsubscribe: (await t.call('GET', `/v1/templates/links/preview?customerId=${customer.id}`))
        .body.unsubscribeUrl as string,
    });
    // The test app has no REGULARS_PUBLIC_URL: links start with the default, localhost:3000.
    const before = await links();
    expect(before.survey).toMatch(/^http:\/\/localhost:3000\/s\//);
    expect(before.referral).toBe('http://localhost:3000');
    expect(before.unsubscribe).toMatch(/^http:\/\/localhost:3000\/u\//);

    const set = await t.call('PATCH', '/v1/programme', {
      publicUrl: 'https://loyalty.shop.example/',
    });
    expect(set.status).toBe(200);
    expect(set.body.publicUrl).toBe('https://loyalty.shop.example/');
    const after = await links();
    expect(after.survey).toMatch(/^https:\/\/loyalty\.shop\.example\/s\/[^/]+$/);
    expect(after.referral).toBe('https://loyalty.shop.example');
    expect(after.unsubscribe).toMatch(/^https:\/\/loyalty\.shop\.example\/u\/[^/]+$/);

    for (const bad of ['not a url', 'ftp://shop.example', 'javascript:alert(1)']) {
      const refused = await t.call('PATCH', '/v1/programme', { publicUrl: bad });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toBe('publicUrl');
    }
    expect((await t.call('GET', '/v1/programme')).body.publicUrl).toBe(
      'https://loyalty.shop.example/',
    );

    await t.call('PATCH', '/v1/programme', { publicUrl: null });
    expect((await links()).referral).toBe('http://localhost:3000');
  });

  it('is for admins only', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    expect((await t.call('GET', '/v1/programme', undefined, pos)).status).toBe(403);
    expect((await t.call('GET', '/v1/programme/liability', undefined, pos)).status).toBe(403);
  });
});
