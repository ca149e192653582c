import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectOrderBatching, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, rowCounts, unique } from './support/fixtures.js';

/**
 * Idempotency-Key on POST /v1/orders, on the order path this project runs (group commit, or the
 * per-request transaction in pglite-unbatched), and the two paths' answers side by side.
 */

const withKey = (key: string) => ({ 'idempotency-key': key });

/** A response without what differs from one database to another (ids, times, request ids). */
const shape = (res: { status: number; body: any; headers: Headers }) => ({
  status: res.status,
  replayed: res.headers.get('idempotent-replayed'),
  contentType: res.headers.get('content-type'),
  body:
    res.body && typeof res.body === 'object'
      ? JSON.parse(
          JSON.stringify(res.body, (name, value) =>
            ['requestId', 'id', 'customerId', 'createdAt', 'instance', 'externalId'].includes(
              name,
            ) ||
            (typeof value === 'string' && /^(ord|cus)_/.test(value))
              ? '…'
              : value,
          ).replace(/Idempotency key \S+ was/, 'Idempotency key … was'),
        )
      : res.body,
});

describe(`Idempotency-Key on orders (batching ${projectOrderBatching() ? 'on' : 'off'})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('replays the first response, marked, for the same key and body', async () => {
    const customer = await createCustomer(t);
    const body = orderBody(customer.id);
    const key = unique('replay');
    const first = await t.call('POST', '/v1/orders', body, withKey(key));
    const again = await t.call('POST', '/v1/orders', body, withKey(key));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('answers copies racing under one key with one order and one response', async () => {
    const customer = await createCustomer(t);
    const body = orderBody(customer.id);
    const key = unique('race');
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.call('POST', '/v1/orders', body, withKey(key))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
    for (const r of results) expect(r.body).toEqual(results[0]!.body);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
  });

  it('refuses the key with another body or path, naming the header, and writes nothing', async () => {
    const customer = await createCustomer(t);
    const key = unique('reuse');
    expect((await t.call('POST', '/v1/orders', orderBody(customer.id), withKey(key))).status).toBe(
      201,
    );
    const before = await rowCounts(t);
    const otherBody = await t.call('POST', '/v1/orders', orderBody(customer.id), withKey(key));
    const otherPath = await t.call(
      'POST',
      '/v1/customers',
      { email: `${unique('c')}@example.com` },
      withKey(key),
    );
    for (const res of [otherBody, otherPath]) {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('idempotency_key_reused');
      expect(res.body.errors).toEqual([
        {
          path: 'header.Idempotency-Key',
          message: 'already used with a different request body or path',
        },
      ]);
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('keeps keys apart per API key', async () => {
    const customer = await createCustomer(t);
    const key = unique('per-principal');
    const other = await t.keyFor('pos');
    const mine = await t.call('POST', '/v1/orders', orderBody(customer.id), withKey(key));
    const theirs = await t.call('POST', '/v1/orders', orderBody(customer.id), {
      ...withKey(key),
      authorization: `Bearer ${other}`,
    });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.order.id).not.toBe(mine.body.order.id);
  });

  it('refuses a key longer than 255 characters before anything else', async () => {
    const customer = await createCustomer(t);
    const before = await rowCounts(t);
    const res = await t.call(
      'POST',
      '/v1/orders',
      orderBody(customer.id),
      withKey('k'.repeat(256)),
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('invalid_idempotency_key');
    expect(res.body.errors).toEqual([
      { path: 'header.Idempotency-Key', message: 'must be 1 to 255 characters' },
    ]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('gives back the key of a refused order, so the corrected request may use it', async () => {
    const customer = await createCustomer(t);
    const key = unique('refused');
    const refused = await t.call('POST', '/v1/orders', orderBody('cus_unknown'), withKey(key));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('unknown_customer');
    const corrected = await t.call('POST', '/v1/orders', orderBody(customer.id), withKey(key));
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('the two order paths answer alike', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  /** The same conversation with an app: new, replayed, reused, refused, invalid, resent. */
  const conversation = async (t: TestApp) => {
    const customer = await createCustomer(t, { externalIds: [{ source: 'shop', id: 'c-1' }] });
    const body = {
      ...orderBody(customer.id),
      externalId: 'same-order',
      placedAt: '2026-11-01T10:00:00.000Z',
    };
    const post = (b: unknown, key?: string) =>
      t.call('POST', '/v1/orders', b, key === undefined ? {} : withKey(key));
    return [
      await post(body, 'k-1'),
      await post(body, 'k-1'),
      await post({ ...body, externalId: 'other-order' }, 'k-1'),
      await post(orderBody('cus_unknown'), 'k-2'),
      await post({ ...body, currency: 'XXX', externalId: 'bad-currency' }, 'k-3'),
      await post(body, 'k'.repeat(256)),
      await post(body),
      await post(body, 'k-4'),
    ].map(shape);
  };

  it('with group commit on and off', async () => {
    apps.push(await startTestApp({ orderBatching: true }));
    apps.push(await startTestApp({ orderBatching: false }));
    const [batched, alone] = [await conversation(apps[0]!), await conversation(apps[1]!)];
    expect(batched.map((r) => r.status)).toEqual([201, 201, 422, 422, 422, 422, 200, 200]);
    expect(batched).toEqual(alone);
  });
});
