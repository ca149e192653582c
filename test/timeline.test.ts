import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, unique } from './support/fixtures.js';

const clock = manualClock(new Date('2026-02-01T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

const at = (day: number) => `2026-02-${String(day).padStart(2, '0')}T10:00:00.000Z`;
const ok = (res: { status: number; body: any }, status = 201) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

type Item = { at: string; kind: string; id: string; title: string; detail: Record<string, any> };

const page = async (customerId: string, query: string) => {
  const res = await t.call('GET', `/v1/customers/${customerId}/timeline?${query}`);
  expect(res.status).toBe(200);
  return res.body as { items: Item[]; nextCursor: string | null };
};

describe('customer timeline', () => {
  it('merges every kind newest first and pages with a cursor', async () => {
    const customer = await createCustomer(t);
    const other = await createCustomer(t);
    const survey = ok(
      await t.call('POST', '/v1/surveys', {
        key: unique('tl').toLowerCase(),
        title: 'Quick one',
        questions: [{ id: 'nps', type: 'nps', prompt: 'Recommend us?' }],
        status: 'active',
      }),
    );

    clock.set(new Date(at(2)));
    const { order } = ok(
      await t.call('POST', '/v1/orders', orderBody(customer.id, { placedAt: at(2) })),
    );
    await t.call('POST', '/v1/orders', orderBody(other.id, { placedAt: at(2) }));
    clock.set(new Date(at(3)));
    ok(
      await t.call('POST', `/v1/customers/${customer.id}/reviews`, {
        externalId: unique('r'),
        sku: 'MUG',
        rating: 4,
      }),
    );
    clock.set(new Date(at(4)));
    ok(
      await t.call('POST', '/v1/complaints', {
        customerId: customer.id,
        subject: 'Late',
        body: 'Where is my parcel?',
        channel: 'web',
      }),
    );
    clock.set(new Date(at(5)));
    ok(
      await t.call('POST', `/v1/customers/${customer.id}/survey-responses`, {
        surveyId: survey.id,
        answers: { nps: 9 },
      }),
    );
    clock.set(new Date(at(6)));
    ok(
      await t.call('POST', `/v1/customers/${customer.id}/points/adjust`, {
        points: 15,
        reason: 'goodwill for the late parcel',
      }),
    );

    const all = await page(customer.id, 'limit=200');
    expect(all.nextCursor).toBeNull();
    const kinds = all.items.map((i) => `${i.at.slice(8, 10)} ${i.kind}`);
    // Same instant: ordered by kind, descending (a stable tie-break the cursor follows).
    expect(kinds).toEqual([
      '06 points',
      '05 survey',
      '05 activity',
      '04 complaint',
      '03 review',
      '03 activity',
      '02 points', // the order's pending earn
      '02 order',
    ]);
    expect(all.items[6]!.detail).toMatchObject({
      code: 'earn.order.pending',
      points: 0,
      pendingPoints: 30,
    });

    const orderItem = all.items.find((i) => i.kind === 'order')!;
    expect(orderItem.detail).toMatchObject({ orderId: order.id, totalMinor: 3099 });
    expect(orderItem.title).toContain('30.99 GBP');
    expect(all.items[0]!.detail).toMatchObject({ code: 'adjust.credit', points: 15 });
    expect(all.items.find((i) => i.kind === 'survey')!.detail.surveyTitle).toBe('Quick one');
    expect(all.items.find((i) => i.kind === 'review')!.title).toBe('Reviewed MUG: 4/5');
    // Nothing of the other customer.
    expect(all.items.every((i) => !JSON.stringify(i).includes(other.id))).toBe(true);

    // Paging two at a time walks the same list, without gaps or repeats.
    const walked: Item[] = [];
    let cursor: string | null = null;
    do {
      const p: { items: Item[]; nextCursor: string | null } = await page(
        customer.id,
        `limit=2${cursor ? `&before=${cursor}` : ''}`,
      );
      expect(p.items.length).toBeLessThanOrEqual(2);
      walked.push(...p.items);
      cursor = p.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all.items);
  });

  it('a return appears after its order; unknown customers and cursors are refused', async () => {
    const customer = await createCustomer(t);
    clock.set(new Date(at(10)));
    const { order } = ok(
      await t.call('POST', '/v1/orders', orderBody(customer.id, { placedAt: at(10) })),
    );
    clock.set(new Date(at(11)));
    ok(await t.call('POST', `/v1/orders/${order.id}/returns`, { reason: 'broken' }));
    const { items } = await page(customer.id, 'limit=1');
    expect(items[0]).toMatchObject({ kind: 'return', detail: { orderId: order.id } });
    expect(items[0]!.at).toBe(at(11));

    // Messages (the messaging module's table) are part of the same list.
    await t.database.db
      .insertInto('message')
      .values({
        id: 'msg_timeline_1',
        customer_id: customer.id,
        template_key: 'welcome',
        kind: 'marketing',
        locale: null,
        campaign_id: null,
        journey: null,
        to_address: null,
        subject: 'Welcome!',
        html: null,
        text: null,
        unsubscribe_url: null,
        data: '{}',
        status: 'sent',
        reason: null,
        dedupe_key: 'welcome',
        scheduled_at: new Date(at(12)),
        lease_until: null,
        sent_at: new Date(at(12)),
        smtp_message_id: null,
        last_error: null,
        created_at: new Date(at(12)),
        updated_at: new Date(at(12)),
      })
      .execute();
    const latest = await page(customer.id, 'limit=2');
    expect(latest.items.map((i) => i.kind)).toEqual(['message', 'return']);
    expect(latest.items[0]!.title).toBe('Message Welcome! (sent)');

    expect((await t.call('GET', '/v1/customers/cus_nope/timeline')).status).toBe(404);
    const bad = await t.call('GET', `/v1/customers/${customer.id}/timeline?before=junk`);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid_cursor');
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    expect(
      (await t.call('GET', `/v1/customers/${customer.id}/timeline`, undefined, pos)).status,
    ).toBe(403);
  });
});
