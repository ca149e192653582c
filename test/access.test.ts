import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/core/auth/auth.service.js';
import { hashSessionToken } from '../src/core/auth/sessions.js';
import { systemClock } from '../src/core/shared/clock.js';
import { sessionRepository } from '../src/db/auth.repository.js';
import { repositoriesFor } from '../src/db/repositories.js';
import { ACCESS, PUBLIC, openApiTemplate } from '../src/http/access.js';
import { createApp } from '../src/http/app.js';
import { SESSION_COOKIE } from '../src/http/session-auth.js';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, rowCounts } from './support/fixtures.js';

let t: TestApp;
let pos: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  pos = { authorization: `Bearer ${await t.keyFor('pos')}` };
});
afterAll(() => t.close());

const NONE = { authorization: '' };
const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/** A request for the operation: ids that name nothing (a 404 or 400 still shows the role passed). */
const requestFor = (operation: string) => {
  const [method, template] = operation.split(' ') as [string, string];
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => `${name}_nope`);
  return { method, path, body: WRITES.has(method) ? {} : undefined };
};

describe('the table of roles', () => {
  it('lists exactly the operations of /openapi.json', async () => {
    const doc = (await t.call('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.length).toBeGreaterThan(100);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(Object.keys(ACCESS).sort());
  });

  it('calls public exactly the operations outside /v1, and gives the admin every /v1 one', () => {
    for (const [operation, access] of Object.entries(ACCESS)) {
      const inApi = operation.split(' ')[1]!.startsWith('/v1/');
      expect(access === PUBLIC, operation).toBe(!inApi);
      if (access !== PUBLIC) expect(access, operation).toContain('admin');
    }
  });

  it('reads Hono route paths as OpenAPI templates', () => {
    expect(openApiTemplate('/v1/customers/:id/card.svg')).toBe('/v1/customers/{id}/card.svg');
    expect(openApiTemplate('/v1/customers/:id/rewards/:rewardId/redeem')).toBe(
      '/v1/customers/{id}/rewards/{rewardId}/redeem',
    );
    expect(openApiTemplate('/v1/x/:id{[0-9]+}')).toBe('/v1/x/{id}');
  });
});

describe.each(Object.entries(ACCESS))('%s', (operation, access) => {
  const { method, path, body } = requestFor(operation);

  if (access === PUBLIC) {
    it('answers without credentials', async () => {
      const res = await t.call(method, path, body, NONE);
      expect(res.status, JSON.stringify(res.body)).not.toBe(403);
      expect(res.body?.code).not.toBe('missing_api_key');
    });
    return;
  }

  it('needs credentials', async () => {
    const res = await t.call(method, path, body, NONE);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('missing_api_key');
  });

  it(access.includes('pos') ? 'lets pos in' : 'refuses pos', async () => {
    const res = await t.call(method, path, body, pos);
    if (access.includes('pos')) {
      expect([401, 403], JSON.stringify(res.body)).not.toContain(res.status);
    } else {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('role_not_allowed');
    }
  });

  it('lets the admin in', async () => {
    const res = await t.call(method, path, body);
    expect([401, 403], JSON.stringify(res.body)).not.toContain(res.status);
  });
});

describe('roles at runtime', () => {
  it('refuses pos an activity, which would earn points for any customer, and writes nothing', async () => {
    const rule = await t.call('POST', '/v1/rules', {
      document: {
        schemaVersion: 1,
        name: 'review bonus',
        trigger: 'review.submitted',
        effects: [{ type: 'points.fixed', points: 500 }],
      },
      status: 'active',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const customer = await createCustomer(t);
    const path = `/v1/customers/${customer.id}/activities`;
    const activity = { trigger: 'review.submitted', externalId: 'review-by-the-till' };
    const before = await rowCounts(t);
    const refused = await t.call('POST', path, activity, { ...pos, 'idempotency-key': 'a-1' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('role_not_allowed');
    expect(await rowCounts(t)).toEqual(before);
    // The same request from the admin is valid, and earns.
    const recorded = await t.call('POST', path, activity);
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    expect(recorded.body.points).toBe(500);
  });

  it('refuses pos any /v1 route the table does not list, and lets the admin reach it', async () => {
    const app = createApp({
      db: t.database.db,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      bodyLimitBytes: 1024,
      database: t.database,
    });
    app.get('/v1/not-in-the-table/:id', (c) => c.json({ reached: c.req.param('id') }));
    const get = (path: string, headers: Record<string, string>) => app.request(path, { headers });
    const adminKey = { authorization: `Bearer ${t.adminKey}` };

    const refused = await get('/v1/not-in-the-table/1', pos);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('role_not_allowed');
    expect(await (await get('/v1/not-in-the-table/1', adminKey)).json()).toEqual({ reached: '1' });
    expect((await get('/v1/no-such-route', pos)).status).toBe(403);
    expect((await get('/v1/no-such-route', adminKey)).status).toBe(404);
  });

  it('holds a session cookie’s principal to the same table', async () => {
    const { key } = await createApiKey(
      { ...repositoriesFor(t.database.db), clock: systemClock },
      { name: 'till-session', role: 'pos' },
    );
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = new Date();
    await sessionRepository(t.database.db).insert(
      {
        subject: { kind: 'api_key', apiKeyId: key.id },
        principal: { keyId: key.id, role: 'pos', name: key.name },
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + 3_600_000),
      },
      hashSessionToken(token),
    );
    const browser = { authorization: '', cookie: `${SESSION_COOKIE}=${token}` };
    const customer = await createCustomer(t);
    const read = await t.call('GET', `/v1/customers/${customer.id}`, undefined, browser);
    expect(read.status).toBe(200);
    const before = await rowCounts(t);
    const write = await t.call(
      'POST',
      `/v1/customers/${customer.id}/activities`,
      { trigger: 'review.submitted', externalId: 'review-by-cookie' },
      { ...browser, 'x-csrf-token': csrfToken },
    );
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('role_not_allowed');
    expect((await t.call('GET', '/v1/rules', undefined, browser)).status).toBe(403);
    expect(await rowCounts(t)).toEqual(before);
  });
});
