import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, unique } from './support/fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('customers', () => {
  it('creates a customer with identities, consents and attributes, and gets it back', async () => {
    const email = `${unique('ann')}@Example.com`;
    const res = await t.call('POST', '/v1/customers', {
      email,
      phone: '+44 20 7946 0958',
      firstName: 'Ann',
      lastName: 'Lee',
      birthday: '1990-02-28',
      locale: 'et',
      attributes: { favouriteStore: 'Tallinn', vip: true },
      externalIds: [
        { source: 'shopify', id: 'gid-1' },
        { source: 'pos', id: 'card-77' },
      ],
      consents: [
        { channel: 'email', granted: true, source: 'checkout', at: '2026-01-02T10:00:00Z' },
        { channel: 'sms', granted: false, source: 'checkout' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^cus_/);
    const got = await t.call('GET', `/v1/customers/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      email: email.toLowerCase(),
      phone: '+442079460958',
      birthday: '1990-02-28',
      locale: 'et',
      attributes: { favouriteStore: 'Tallinn', vip: true },
    });
    expect(got.body.externalIds).toEqual([
      { source: 'shopify', id: 'gid-1' },
      { source: 'pos', id: 'card-77' },
    ]);
    expect(got.body.consents).toContainEqual({
      channel: 'email',
      granted: true,
      source: 'checkout',
      at: '2026-01-02T10:00:00.000Z',
    });
  });

  it('updates partially: absent fields stay, attributes merge, consent history keeps the latest', async () => {
    const c = await createCustomer(t, { firstName: 'Bo', attributes: { a: 1 } });
    const res = await t.call('PATCH', `/v1/customers/${c.id}`, {
      lastName: 'Berg',
      attributes: { b: 'x' },
      consents: [{ channel: 'email', granted: true, source: 'preferences' }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      firstName: 'Bo',
      lastName: 'Berg',
      attributes: { a: 1, b: 'x' },
    });
    const withdrawn = await t.call('PATCH', `/v1/customers/${c.id}`, {
      consents: [{ channel: 'email', granted: false, source: 'unsubscribe-link' }],
    });
    expect(withdrawn.body.consents).toEqual([
      expect.objectContaining({ channel: 'email', granted: false, source: 'unsubscribe-link' }),
    ]);
  });

  it('searches by e-mail, phone, external id and name prefix, with cursor paging', async () => {
    const tag = unique('zed').toLowerCase();
    const a = await createCustomer(t, {
      firstName: `${tag}a`,
      phone: '+3725551234',
      externalIds: [{ source: 'crm', id: `${tag}-1` }],
    });
    const b = await createCustomer(t, { firstName: `${tag}b` });
    const byEmail = await t.call(
      'GET',
      `/v1/customers?email=${encodeURIComponent(a.email.toUpperCase())}`,
    );
    expect(byEmail.body.customers.map((c: { id: string }) => c.id)).toEqual([a.id]);
    const byPhone = await t.call('GET', '/v1/customers?phone=%2B3725551234');
    expect(byPhone.body.customers.map((c: { id: string }) => c.id)).toContain(a.id);
    const byExternal = await t.call('GET', `/v1/customers?externalId=${tag}-1&source=crm`);
    expect(byExternal.body.customers.map((c: { id: string }) => c.id)).toEqual([a.id]);
    const page1 = await t.call('GET', `/v1/customers?q=${tag}&limit=1`);
    expect(page1.body.customers).toHaveLength(1);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await t.call(
      'GET',
      `/v1/customers?q=${tag}&limit=1&cursor=${page1.body.nextCursor}`,
    );
    expect(
      [...page1.body.customers, ...page2.body.customers].map((c: { id: string }) => c.id).sort(),
    ).toEqual([a.id, b.id].sort());
  });

  it('lists exactly the customers asked for by id, and says what is wrong with a bad list', async () => {
    const a = await createCustomer(t, { firstName: 'Ida' });
    const b = await createCustomer(t, { firstName: 'Ivo' });
    const both = await t.call('GET', `/v1/customers?ids=${a.id},cus_unknown,${b.id}&limit=10`);
    expect(both.status).toBe(200);
    expect(both.body.customers.map((c: { id: string }) => c.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(both.body.customers.find((c: { id: string }) => c.id === a.id).firstName).toBe('Ida');
    for (const ids of [
      '',
      `${a.id},,${b.id}`,
      Array.from({ length: 201 }, (_, i) => `c${i}`).join(','),
    ]) {
      const bad = await t.call('GET', `/v1/customers?ids=${ids}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('ids');
    }
  });

  it('refuses a second customer with the same e-mail or external id, naming the field', async () => {
    const a = await createCustomer(t, { externalIds: [{ source: 'shop', id: unique('dup') }] });
    const sameEmail = await t.call('POST', '/v1/customers', { email: a.email });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body).toMatchObject({ code: 'email_taken', errors: [{ path: 'email' }] });
    const got = await t.call('GET', `/v1/customers/${a.id}`);
    const sameId = await t.call('POST', '/v1/customers', { externalIds: got.body.externalIds });
    expect(sameId.status).toBe(409);
    expect(sameId.body).toMatchObject({
      code: 'external_id_taken',
      errors: [{ path: 'externalIds.0' }],
    });
  });

  it('answers 404 problem+json for an unknown customer', async () => {
    const res = await t.call('GET', '/v1/customers/cus_nobody');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'customer_not_found' });
  });
});
