import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody, rowCounts } from './support/fixtures.js';

// Every bad request gets a 4xx problem+json that names what was wrong, and writes nothing.
let t: TestApp;
let customerId: string;
beforeAll(async () => {
  t = await startTestApp({ bodyLimitBytes: 64 * 1024 });
  customerId = (await createCustomer(t)).id;
});
afterAll(() => t.close());

const expectProblem = async (
  send: () => Promise<{ status: number; body: any; headers: Headers }>,
  status: number,
  code: string,
  path?: string,
) => {
  const before = await rowCounts(t);
  const res = await send();
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body).toMatchObject({
    status,
    code,
    instance: expect.any(String),
    requestId: expect.any(String),
  });
  if (path) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  expect(await rowCounts(t)).toEqual(before);
  return res.body;
};

describe('bad input on POST /v1/orders', () => {
  it('malformed JSON', () =>
    expectProblem(
      () => t.call('POST', '/v1/orders', '{"externalId": "x", '),
      400,
      'malformed_json',
      'body',
    ));

  it('wrong types', () =>
    expectProblem(
      () =>
        t.call(
          'POST',
          '/v1/orders',
          orderBody(customerId, { lines: [{ sku: 'A', quantity: '2', unitPriceMinor: 100 }] }),
        ),
      400,
      'validation_failed',
      'lines.0.quantity',
    ));

  it('a fractional price (money is integer minor units)', () =>
    expectProblem(
      () =>
        t.call(
          'POST',
          '/v1/orders',
          orderBody(customerId, { lines: [{ sku: 'A', quantity: 1, unitPriceMinor: 2.55 }] }),
        ),
      400,
      'validation_failed',
      'lines.0.unitPriceMinor',
    ));

  it('negative quantity', () =>
    expectProblem(
      () =>
        t.call(
          'POST',
          '/v1/orders',
          orderBody(customerId, { lines: [{ sku: 'A', quantity: -1, unitPriceMinor: 100 }] }),
        ),
      400,
      'validation_failed',
      'lines.0.quantity',
    ));

  it('unknown currency', () =>
    expectProblem(
      () => t.call('POST', '/v1/orders', orderBody(customerId, { currency: 'XXZ' })),
      422,
      'unknown_currency',
      'currency',
    ));

  it('unknown customer, by id or by external id', async () => {
    await expectProblem(
      () => t.call('POST', '/v1/orders', orderBody('cus_nobody')),
      422,
      'unknown_customer',
      'customerId',
    );
    const { customerId: _drop, ...rest } = orderBody(customerId);
    await expectProblem(
      () => t.call('POST', '/v1/orders', { ...rest, customerExternalId: 'no-such-ext' }),
      422,
      'unknown_customer',
      'customerExternalId',
    );
  });

  it('no customer named, or both', async () => {
    const { customerId: _drop, ...rest } = orderBody(customerId);
    await expectProblem(
      () => t.call('POST', '/v1/orders', rest),
      400,
      'validation_failed',
      'customerId',
    );
    await expectProblem(
      () => t.call('POST', '/v1/orders', { ...orderBody(customerId), customerExternalId: 'x' }),
      400,
      'validation_failed',
      'customerId',
    );
  });

  it('no lines, bad date, unknown channel', async () => {
    await expectProblem(
      () => t.call('POST', '/v1/orders', orderBody(customerId, { lines: [] })),
      400,
      'validation_failed',
      'lines',
    );
    await expectProblem(
      () => t.call('POST', '/v1/orders', orderBody(customerId, { placedAt: '2026-02-30' })),
      400,
      'validation_failed',
      'placedAt',
    );
    await expectProblem(
      () => t.call('POST', '/v1/orders', orderBody(customerId, { channel: 'fax' })),
      400,
      'validation_failed',
      'channel',
    );
  });

  it('an oversize body', () =>
    expectProblem(
      () =>
        t.call(
          'POST',
          '/v1/orders',
          orderBody(customerId, {
            lines: Array.from({ length: 900 }, (_, i) => ({
              sku: `SKU-${i}`,
              name: 'x'.repeat(100),
              quantity: 1,
              unitPriceMinor: 1,
            })),
          }),
        ),
      413,
      'payload_too_large',
    ));

  it('a body that is not an object', () =>
    expectProblem(() => t.call('POST', '/v1/orders', '[1,2]'), 400, 'validation_failed'));
});

describe('bad input elsewhere', () => {
  it('customer fields: bad e-mail, impossible birthday, bad consent channel', async () => {
    const body = await expectProblem(
      () =>
        t.call('POST', '/v1/customers', {
          email: 'not-an-email',
          birthday: '2001-02-29',
          consents: [{ channel: 'fax', granted: true, source: 'x' }],
        }),
      400,
      'validation_failed',
    );
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'birthday',
      'consents.0.channel',
      'email',
    ]);
  });

  it('redeem zero, negative or fractional points', async () => {
    for (const value of [0, -5, 1.5, '10']) {
      await expectProblem(
        () => t.call('POST', `/v1/customers/${customerId}/points/redeem`, { points: value }),
        400,
        'validation_failed',
        'points',
      );
    }
  });

  it('redeem for an unknown customer', () =>
    expectProblem(
      () => t.call('POST', '/v1/customers/cus_nobody/points/redeem', { points: 1 }),
      404,
      'customer_not_found',
    ));

  it('adjust without a reason', () =>
    expectProblem(
      () => t.call('POST', `/v1/customers/${customerId}/points/adjust`, { points: 5 }),
      400,
      'validation_failed',
      'reason',
    ));

  it('query parameters out of range', () =>
    expectProblem(
      () => t.call('GET', '/v1/customers?limit=100000'),
      400,
      'validation_failed',
      'limit',
    ));

  it('an unknown route', () =>
    expectProblem(() => t.call('GET', '/v1/nothing-here'), 404, 'route_not_found'));
});

describe('authentication and roles', () => {
  it('refuses a missing or unknown key', async () => {
    await expectProblem(
      () => t.call('GET', `/v1/customers/${customerId}`, undefined, { authorization: '' }),
      401,
      'missing_api_key',
    );
    await expectProblem(
      () =>
        t.call('GET', `/v1/customers/${customerId}`, undefined, {
          authorization: 'Bearer rk_admin_forged',
        }),
      401,
      'invalid_api_key',
    );
  });

  it('lets store staff (pos) read and spend, not adjust or create customers', async () => {
    const pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
    expect((await t.call('GET', `/v1/customers/${customerId}/points`, undefined, pos)).status).toBe(
      200,
    );
    await expectProblem(
      () =>
        t.call(
          'POST',
          `/v1/customers/${customerId}/points/adjust`,
          { points: 5, reason: 'because' },
          pos,
        ),
      403,
      'role_not_allowed',
    );
    await expectProblem(
      () => t.call('POST', '/v1/customers', { email: 'pos@example.com' }, pos),
      403,
      'role_not_allowed',
    );
  });

  it('serves health, the OpenAPI document and the docs page without a key', async () => {
    expect((await t.call('GET', '/health', undefined, { authorization: '' })).body).toMatchObject({
      status: 'ok',
    });
    const doc = await t.call('GET', '/openapi.json', undefined, { authorization: '' });
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/customers',
        '/v1/orders',
        '/v1/orders/{id}/returns',
        '/v1/customers/{id}/points/redeem',
      ]),
    );
    const docs = await t.call('GET', '/docs', undefined, { authorization: '' });
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('/v1/orders');
  });
});
