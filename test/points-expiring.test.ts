import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceExpiringPoints } from '../src/jobs/points-expiring.job.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer } from './support/fixtures.js';

const START = new Date('2026-03-01T12:00:00.000Z');
const clock = manualClock(START);
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ clock });
  await t.call('PATCH', '/v1/programme', { expiryDays: 40 });
  const hook = await t.call('POST', '/v1/webhooks', {
    url: 'http://127.0.0.1:9/unused',
    eventTypes: ['points.expiring'],
  });
  if (hook.status !== 201) throw new Error(JSON.stringify(hook.body));
});
afterAll(() => t.close());

const expiringMessages = async () =>
  (
    await t.database.db
      .selectFrom('webhook_message')
      .select(['customer_id', 'payload'])
      .where('event_type', '=', 'points.expiring')
      .execute()
  ).map((m) => ({ customerId: m.customer_id, data: JSON.parse(m.payload).data }));

describe('points.expiring', () => {
  it('announces what is left of expiring lots once, within the notice period', async () => {
    const c = await createCustomer(t);
    const credit = (points: number, key: string) =>
      t.call(
        'POST',
        `/v1/customers/${c.id}/points/adjust`,
        { points, reason: 'test credit' },
        { 'idempotency-key': key },
      );
    expect((await credit(100, 'a')).status).toBe(201);
    clock.advanceDays(1);
    expect((await credit(50, 'b')).status).toBe(201);
    // Spend 30: taken from the oldest lot, which then has 70 left.
    const spent = await t.call(
      'POST',
      `/v1/customers/${c.id}/points/redeem`,
      { points: 30 },
      { 'idempotency-key': 'spend' },
    );
    expect(spent.status).toBe(201);

    // Day 1: the lots expire on days 40 and 41, beyond 30 days' notice.
    expect(await announceExpiringPoints(t.database.db, clock)).toEqual({ announced: 0 });
    clock.advanceDays(9); // day 10: only the first lot (day 40) is within 30 days
    expect(await announceExpiringPoints(t.database.db, clock)).toEqual({ announced: 1 });
    expect(await announceExpiringPoints(t.database.db, clock)).toEqual({ announced: 0 });
    clock.advanceDays(1); // day 11: the second lot (day 41) too
    expect(await announceExpiringPoints(t.database.db, clock)).toEqual({ announced: 1 });
    const messages = (await expiringMessages()).filter((m) => m.customerId === c.id);
    expect(messages.map((m) => m.data.points)).toEqual([70, 50]);
    expect(messages[0]!.data.expiresAt).toBe('2026-04-10T12:00:00.000Z');
  });
});
