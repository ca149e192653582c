import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { contractChecker, contractCoverage } from './support/contract.js';
import { createCustomer, unique } from './support/fixtures.js';

// Every response through `call()` is checked against /openapi.json (test/support/contract.ts).
// These are the cases an outside reviewer found the document wrong about, each checked there.
let t: TestApp;
let document: Record<string, unknown>;
beforeAll(async () => {
  t = await startTestApp({ bodyLimitBytes: 4 * 1024 });
  document = (await t.call('GET', '/openapi.json')).body;
});
afterAll(() => t.close());

const seen = (operation: string) => [...(contractCoverage.get(operation) ?? [])];

describe('the OpenAPI document', () => {
  it('promises a null tier to a member of a programme without tiers', async () => {
    const customer = await createCustomer(t);
    const res = await t.call('GET', `/v1/customers/${customer.id}/tier`);
    expect(res.status).toBe(200);
    expect(res.body.tier).toBeNull();
    expect(seen('GET /v1/customers/{id}/tier')).toContain(200);
  });

  it('promises a null coupon when the code is unknown', async () => {
    const res = await t.call('POST', '/v1/coupons/validate', {
      code: 'NO-SUCH-CODE',
      basket: {
        currency: 'GBP',
        lines: [{ sku: 'MUG', quantity: 1, unitPriceMinor: 1000 }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ valid: false, coupon: null });
  });

  it('documents 413 for a body over the limit', async () => {
    const res = await t.call('POST', '/v1/customers', {
      email: `${unique('big')}@example.com`,
      attributes: { note: 'x'.repeat(8 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(seen('POST /v1/customers')).toContain(413);
  });

  it('documents 415 for a sign-in that is not JSON', async () => {
    const res = await t.call('POST', '/auth/session', 'apiKey=x', {
      authorization: '',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('documents 422 for an Idempotency-Key reused with another body', async () => {
    const key = unique('idem');
    const first = await t.call(
      'POST',
      '/v1/customers',
      { email: `${unique('a')}@example.com` },
      { 'idempotency-key': key },
    );
    expect(first.status).toBe(201);
    const reused = await t.call(
      'POST',
      '/v1/customers',
      { email: `${unique('b')}@example.com` },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(seen('POST /v1/customers')).toContain(422);
  });

  it('answers an unknown route with the documented problem', async () => {
    const res = await t.call('GET', '/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('route_not_found');
  });
});

describe('the contract check', () => {
  const problem = (status: number) =>
    new Response(
      JSON.stringify({
        type: 'https://regulars.dev/problems/x',
        title: 'x',
        status,
        detail: 'x',
        code: 'x',
        instance: '/v1/customers',
        requestId: 'r',
      }),
      { status, headers: { 'content-type': 'application/problem+json' } },
    );
  const check = async (method: string, path: string, res: Response) =>
    contractChecker(document).check({ method, path }, res, await res.text());

  it('fails an undocumented status, naming method, path and status', async () => {
    await expect(check('GET', '/v1/customers', problem(418))).rejects.toThrow(
      /GET \/v1\/customers → 418 \(GET \/v1\/customers\): status not documented/,
    );
  });

  it('fails a body that does not match the schema, with the validator’s errors', async () => {
    const res = new Response(JSON.stringify({ tier: 'gold' }), {
      headers: { 'content-type': 'application/json' },
    });
    await expect(check('GET', '/v1/customers/cus_1/tier', res)).rejects.toThrow(
      /GET \/v1\/customers\/cus_1\/tier → 200.*must have required property/,
    );
  });

  it('fails an undocumented content type', async () => {
    const res = new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } });
    await expect(check('GET', '/v1/customers', res)).rejects.toThrow(/content type text\/html/);
  });

  it('fails a route the document does not have', async () => {
    const res = new Response('{}', { headers: { 'content-type': 'application/json' } });
    await expect(check('GET', '/v1/secret', res)).rejects.toThrow(/no such operation/);
  });

  it('passes a documented problem', async () => {
    await expect(check('GET', '/v1/customers/cus_1', problem(404))).resolves.toBeUndefined();
  });
});
