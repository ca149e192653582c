import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../src/core/auth/auth.js';
import { apiKeyRepository } from '../src/db/misc.repository.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { tableRowCount } from './support/database.js';
import { unique } from './support/fixtures.js';

const clock = manualClock(new Date('2026-03-02T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock });
});
afterAll(() => t.close());

/** Requests as a browser makes them: no Authorization header, the session cookie only. */
const asBrowser = (cookie: string, csrf?: string) => ({
  authorization: '',
  cookie,
  ...(csrf ? { 'x-csrf-token': csrf } : {}),
});

const signIn = async (body: unknown) => {
  const res = await t.call('POST', '/auth/session', body, { authorization: '' });
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { ...res, setCookie, cookie: setCookie.split(';')[0]! };
};

const customerCount = () => tableRowCount(t.database.db, 'customer');

describe('dashboard sessions', () => {
  it('signs in with an admin key into an HTTP-only, SameSite=Strict cookie', async () => {
    const res = await signIn({ apiKey: t.adminKey });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.principal).toMatchObject({ role: 'admin', kind: 'api_key' });
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
    expect(res.setCookie).toMatch(/^regulars_session=[\w-]{40,};/);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Strict/);
    expect(res.setCookie).toMatch(/Path=\//);

    const session = await t.call('GET', '/auth/session', undefined, asBrowser(res.cookie));
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(res.body.csrfToken);
    expect((await t.call('GET', '/v1/customers', undefined, asBrowser(res.cookie))).status).toBe(
      200,
    );
  });

  it('refuses a write made with the cookie but without the CSRF token, and writes nothing', async () => {
    const { cookie, body } = await signIn({ apiKey: t.adminKey });
    const before = await customerCount();
    const email = `${unique('csrf')}@example.com`;
    for (const headers of [asBrowser(cookie), asBrowser(cookie, 'x'.repeat(43))]) {
      const refused = await t.call('POST', '/v1/customers', { email }, headers);
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('csrf_token_invalid');
    }
    expect(await customerCount()).toBe(before);
    const created = await t.call(
      'POST',
      '/v1/customers',
      { email },
      asBrowser(cookie, body.csrfToken),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });

  it('refuses unknown and store (pos) keys', async () => {
    const unknown = await signIn({ apiKey: 'rk_admin_nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.setCookie).toBe('');
    const pos = await signIn({ apiKey: await t.keyFor('pos') });
    expect(pos.status).toBe(403);
    expect(pos.body.code).toBe('dashboard_needs_admin');
  });

  it('says which fields are missing, and refuses non-JSON and cross-site sign-ins', async () => {
    const empty = await signIn({});
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'email',
      'password',
    ]);
    const form = await t.call('POST', '/auth/session', `apiKey=${t.adminKey}`, {
      authorization: '',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const foreign = await t.call(
      'POST',
      '/auth/session',
      { apiKey: t.adminKey },
      { authorization: '', origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
  });

  it('ends a session on sign-out (which itself needs the CSRF token)', async () => {
    const { cookie, body } = await signIn({ apiKey: t.adminKey });
    expect((await t.call('DELETE', '/auth/session', undefined, asBrowser(cookie))).status).toBe(
      403,
    );
    const out = await t.call(
      'DELETE',
      '/auth/session',
      undefined,
      asBrowser(cookie, body.csrfToken),
    );
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/regulars_session=;/);
    const after = await t.call('GET', '/v1/customers', undefined, asBrowser(cookie));
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('session_expired');
  });

  it('expires sessions after 12 hours and when their key is revoked', async () => {
    const { cookie } = await signIn({ apiKey: t.adminKey });
    clock.set(new Date(clock.now().getTime() + 12 * 3_600_000 - 1000));
    expect((await t.call('GET', '/auth/session', undefined, asBrowser(cookie))).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + 2000));
    expect((await t.call('GET', '/auth/session', undefined, asBrowser(cookie))).status).toBe(401);

    const secret = await t.keyFor('admin');
    const keyed = await signIn({ apiKey: secret });
    const keys = apiKeyRepository(t.database.db);
    const key = (await keys.findByHash(hashApiKey(secret)))!;
    await keys.revoke(key.id, clock.now());
    expect((await t.call('GET', '/v1/customers', undefined, asBrowser(keyed.cookie))).status).toBe(
      401,
    );
  });
});

describe('dashboard users', () => {
  it('creates users, signs them in by e-mail and password, and ends them when disabled', async () => {
    const email = `${unique('Ann')}@Example.com`;
    const password = 'correct horse battery';
    const weak = await t.call('POST', '/v1/users', { email, name: 'Ann', password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([
      { path: 'password', message: 'must be at least 12 characters' },
    ]);
    const created = await t.call('POST', '/v1/users', { email, name: 'Ann', password });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ email: email.toLowerCase(), role: 'admin' });
    expect(JSON.stringify(created.body)).not.toContain(password);
    const twice = await t.call('POST', '/v1/users', {
      email: email.toUpperCase(),
      name: 'Ann again',
      password,
    });
    expect(twice.status).toBe(409);

    const wrong = await signIn({ email, password: 'not the password' });
    const unknown = await signIn({ email: `nobody-${email}`, password });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.detail).toBe(unknown.body.detail);

    const session = await signIn({ email: email.toUpperCase(), password });
    expect(session.status).toBe(200);
    expect(session.body.principal).toEqual({ name: 'Ann', role: 'admin', kind: 'user' });
    const listed = await t.call('GET', '/v1/users', undefined, asBrowser(session.cookie));
    expect(listed.body.items.map((u: { id: string }) => u.id)).toContain(created.body.id);

    const disabled = await t.call('POST', `/v1/users/${created.body.id}/disable`, {});
    expect(disabled.status).toBe(200);
    expect(
      (await t.call('GET', '/auth/session', undefined, asBrowser(session.cookie))).status,
    ).toBe(401);
    expect((await signIn({ email, password })).status).toBe(401);
  });

  it('throttles wrong passwords per e-mail, whoever sends them, for 15 minutes', async () => {
    const email = `${unique('guess')}@example.com`;
    const password = 'the right password';
    expect((await t.call('POST', '/v1/users', { email, name: 'Guessed', password })).status).toBe(
      201,
    );
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expect((await signIn({ email, password: `wrong guess ${attempt}` })).status).toBe(401);
    }
    const locked = await signIn({ email, password });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('too_many_sign_in_attempts');
    expect(locked.setCookie).toBe('');
    // Another user is not affected.
    const other = `${unique('other')}@example.com`;
    await t.call('POST', '/v1/users', { email: other, name: 'Other', password });
    expect((await signIn({ email: other, password })).status).toBe(200);

    clock.set(new Date(clock.now().getTime() + 15 * 60_000 + 1000));
    expect((await signIn({ email: email.toUpperCase(), password })).status).toBe(200);
  });

  it('keeps users to admins', async () => {
    const pos = await t.keyFor('pos');
    const res = await t.call('GET', '/v1/users', undefined, { authorization: `Bearer ${pos}` });
    expect(res.status).toBe(403);
  });
});
