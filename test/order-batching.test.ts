import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, points } from './support/fixtures.js';

// Orders that arrive together are written as one group commit; each request must still get the
// answer it would get alone, whatever its neighbours in the batch do.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const post = (body: unknown, key?: string) =>
  t.call('POST', '/v1/orders', body, key ? { 'idempotency-key': key } : {});

describe('orders sent in one burst', () => {
  it('answer each request on its own: new, repeated, refused, replayed', async () => {
    const a = await createCustomer(t);
    const b = await createCustomer(t);
    const twice = orderBody(a.id);
    const keyed = orderBody(b.id);
    const requests = [
      ...Array.from({ length: 6 }, () => post(orderBody(a.id), `k-${Math.random()}`)),
      post(twice, 'twice-1'),
      post(twice, 'twice-2'),
      post(orderBody('cus_unknown'), 'unknown'),
      post({ ...orderBody(b.id), currency: 'XXX' }, 'bad-currency'),
      post(keyed, 'same-key'),
      post(keyed, 'same-key'),
      post(orderBody(b.id), 'same-key'),
      ...Array.from({ length: 6 }, () => post(orderBody(b.id))),
    ];
    const res = await Promise.all(requests);
    expect(res.slice(0, 6).map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect([res[6]!.status, res[7]!.status].sort()).toEqual([200, 201]);
    expect(res[6]!.body.order.id).toBe(res[7]!.body.order.id);
    expect(res[8]!.status).toBe(422);
    expect(res[8]!.body.code).toBe('unknown_customer');
    expect(res[9]!.status).toBe(422);
    expect(res[9]!.body.code).toBe('unknown_currency');
    // Three requests share one key: whichever claims it first decides. In a batch that is the
    // first to arrive; with batching off on a pool they race, so either outcome is right, as
    // long as the two identical requests get one answer and the different one is refused.
    const sameKey = [res[10]!, res[11]!, res[12]!];
    const reused = sameKey.filter((r) => r.body.code === 'idempotency_key_reused');
    if (res[12]!.status === 201) {
      expect([res[10]!.status, res[11]!.status]).toEqual([422, 422]);
      expect(reused).toHaveLength(2);
    } else {
      expect([res[10]!.status, res[11]!.status]).toEqual([201, 201]);
      expect(res[11]!.body).toEqual(res[10]!.body);
      expect(res[12]!.status).toBe(422);
      expect(reused).toEqual([res[12]]);
    }
    expect(res.slice(13).map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);

    // The refused requests left nothing behind: their keys are free for a corrected retry.
    const retry = await post(orderBody(b.id), 'unknown');
    expect(retry.status).toBe(201);
    const earnedBy = (id: string) =>
      res
        .concat([retry])
        .filter((r) => r.status === 201 && r.body.order.customerId === id)
        .filter((r, i, all) => all.findIndex((o) => o.body.order.id === r.body.order.id) === i)
        .reduce((sum, r) => sum + r.body.points.earned, 0);
    const [pa, pb] = [await points(t, a.id), await points(t, b.id)];
    expect(pa.balance + pa.pending).toBe(earnedBy(a.id));
    expect(pb.balance + pb.pending).toBe(earnedBy(b.id));
  });
});
