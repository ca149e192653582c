import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { createCustomer, rowCounts, unique } from './support/fixtures.js';

// NUL, lone surrogates and broken percent-encoding are a 400 `invalid_text` naming the field, at
// the edge, on every operation the API documents: never a 500, never a write.
let t: TestApp;
let customerId: string;
let operations: Operation[];
beforeAll(async () => {
  t = await startTestApp();
  customerId = (await createCustomer(t)).id;
  operations = operationsOf((await t.call('GET', '/openapi.json')).body);
});
afterAll(() => t.close());

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  jsonBody: Schema | null;
}

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const operationsOf = (doc: any): Operation[] =>
  Object.entries(doc.paths as Record<string, any>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => {
      const params = [...(item.parameters ?? []), ...(item[m].parameters ?? [])];
      const names = (where: string) =>
        params.filter((p: any) => p.in === where).map((p: any) => p.name as string);
      const body = item[m].requestBody?.content?.['application/json']?.schema ?? null;
      return {
        method: m.toUpperCase(),
        path,
        pathParams: names('path'),
        queryParams: names('query'),
        jsonBody: body ? resolve(doc, body) : null,
      };
    }),
  );

const resolve = (doc: any, schema: Schema): Schema =>
  schema.$ref ? resolve(doc, doc.components.schemas[schema.$ref.split('/').at(-1)!]) : schema;

const LONE = 'x\ud800';

/** A URL for the operation, every path parameter `ok` but `bad` (raw, already encoded) in one. */
const urlOf = (op: Operation, badParam?: string, bad = '%00') =>
  op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (name === badParam ? bad : 'ok'));

/** A body whose string fields (or, failing those, a field name) hold a lone surrogate. */
const badBodyOf = (schema: Schema): { body: Record<string, unknown>; paths: string[] } => {
  const strings = Object.entries(schema.properties ?? {})
    .filter(([, s]) => s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string')))
    .map(([name]) => name);
  if (strings.length === 0) return { body: { [`k${LONE}`]: LONE }, paths: ['body.kx\ufffd'] };
  return {
    body: Object.fromEntries(strings.map((name) => [name, LONE])),
    paths: strings.slice(0, 10).map((name) => `body.${name}`),
  };
};

const expectInvalidText = (
  res: { status: number; body: any; headers: Headers },
  paths: string[],
  label: string,
) => {
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.code, label).toBe('invalid_text');
  const named = res.body.errors.map((e: { path: string }) => e.path);
  for (const path of paths) expect(named, label).toContain(path);
};

describe('every documented operation', () => {
  it('covers the whole document', () => {
    expect(operations.length).toBeGreaterThan(80);
    expect(operations.filter((op) => op.pathParams.length > 0).length).toBeGreaterThan(40);
    expect(operations.filter((op) => op.jsonBody).length).toBeGreaterThan(30);
  });

  it('a NUL or an encoded surrogate in any path parameter is a 400 naming it', async () => {
    const before = await rowCounts(t);
    for (const op of operations) {
      for (const param of op.pathParams) {
        for (const bad of ['%00', 'a%00b', '%ED%A0%80', '%E0%A4%A']) {
          const res = await t.call(op.method, urlOf(op, param, bad));
          expectInvalidText(res, [`path.${param}`], `${op.method} ${op.path} ${param}=${bad}`);
        }
      }
    }
    expect(await rowCounts(t)).toEqual(before);
  });

  it('a NUL or broken encoding in any query parameter is a 400 naming it', async () => {
    for (const op of operations) {
      for (const param of op.queryParams) {
        for (const bad of ['%00', '%ED%A0%80', '%E0%A4%A']) {
          const res = await t.call(op.method, `${urlOf(op)}?${param}=${bad}`);
          expectInvalidText(res, [`query.${param}`], `${op.method} ${op.path}?${param}=${bad}`);
        }
      }
    }
  });

  it('a lone surrogate in any JSON body is a 400 naming the field, and writes nothing', async () => {
    const before = await rowCounts(t);
    for (const op of operations) {
      if (!op.jsonBody) continue;
      const { body, paths } = badBodyOf(op.jsonBody);
      const res = await t.call(op.method, urlOf(op).replace(/\/ok\b/g, `/${customerId}`), body);
      expectInvalidText(res, paths, `${op.method} ${op.path}`);
    }
    expect(await rowCounts(t)).toEqual(before);
  });
});

describe('the cases found by the review', () => {
  const publicCall = (method: string, path: string, body?: unknown, headers = {}) =>
    t.call(method, path, body, { authorization: '', ...headers });

  it('GET /v1/customers/%00, with or without a key', async () => {
    expectInvalidText(await t.call('GET', '/v1/customers/%00'), ['path.id'], 'with a key');
    expectInvalidText(await publicCall('GET', '/v1/customers/%00'), ['path.id'], 'without');
    expectInvalidText(await t.call('GET', '/v1/customers?q=%00'), ['query.q'], 'search');
  });

  it('PATCH /v1/customers/{id} with a lone surrogate in an attribute changes nothing', async () => {
    const res = await t.call(
      'PATCH',
      `/v1/customers/${customerId}`,
      '{"attributes":{"nick":"x\\ud800","ok":"fine \\ud83d\\ude00"}}',
    );
    expectInvalidText(res, ['body.attributes.nick'], 'patch');
    expect(res.body.errors).toHaveLength(1);
    expect((await t.call('GET', `/v1/customers/${customerId}`)).body.attributes).toEqual({});
    const paired = await t.call('PATCH', `/v1/customers/${customerId}`, {
      attributes: { ok: 'fine \ud83d\ude00' },
    });
    expect(paired.status).toBe(200);
    expect(paired.body.attributes).toEqual({ ok: 'fine \ud83d\ude00' });
  });

  it('POST /s/{token} refuses a lone surrogate or a NUL in an answer, as JSON or as a form', async () => {
    const survey = await t.call('POST', '/v1/surveys', {
      key: unique('survey').toLowerCase(),
      title: 'How did we do?',
      questions: [{ id: 't', type: 'text', prompt: 'Anything else?' }],
      status: 'active',
    });
    expect(survey.status).toBe(201);
    const link = await t.call('GET', `/v1/surveys/${survey.body.id}/link?customerId=${customerId}`);
    const path = `/s/${link.body.token}`;
    expectInvalidText(
      await publicCall('POST', path, '{"answers":{"t":"x\\ud800"}}'),
      ['body.answers.t'],
      'json surrogate',
    );
    expectInvalidText(
      await publicCall('POST', path, '{"answers":{"t":"x\\u0000"}}'),
      ['body.answers.t'],
      'json NUL',
    );
    expectInvalidText(
      await publicCall('POST', path, 't=x%00', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
      ['body.t'],
      'form NUL',
    );
    expect((await publicCall('GET', path)).body.answered).toBe(false);
    const fine = await publicCall('POST', path, { answers: { t: 'all good' } });
    expect(fine.status).toBe(201);
  });

  it('a NUL in a CSV member upload is a 400 naming its line', async () => {
    const segment = await t.call('POST', '/v1/segments', {
      key: 'vip-list',
      name: 'VIPs',
      kind: 'static',
    });
    expect(segment.status).toBe(201);
    const res = await t.call(
      'POST',
      `/v1/segments/${segment.body.id}/members`,
      'email\na\u0000@x',
      {
        'content-type': 'text/csv',
      },
    );
    expectInvalidText(res, ['body'], 'csv');
    expect(res.body.errors[0].message).toBe('line 2 contains a NUL character (U+0000)');
  });
});

describe('bodies are refused by size and depth before anything parses them', () => {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it('/v1 checks the key before it reads a body', async () => {
    const anonymous = await t.call('POST', '/v1/customers', deep(300_000), { authorization: '' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('missing_api_key');
    const keyed = await t.call('POST', '/v1/customers', deep(300_000));
    expect(keyed.status).toBe(400);
    expect(keyed.body).toMatchObject({
      code: 'body_too_deep',
      errors: [{ path: 'body', message: 'nests more than 64 deep' }],
    });
    const fine = await t.call('POST', '/v1/customers', { email: `${unique('c')}@example.com` });
    expect(fine.status).toBe(201);
  });

  it('routes without a key take at most 64 KiB, and no more than 64 levels', async () => {
    for (const path of ['/auth/session', '/m/api/tok/rewards/rwd_x/redeem', '/s/tok', '/u/tok']) {
      const big = await t.call('POST', path, JSON.stringify({ apiKey: 'x'.repeat(70_000) }), {
        authorization: '',
      });
      expect(big.status, path).toBe(413);
      expect(big.body.code).toBe('payload_too_large');
      const nested = await t.call('POST', path, deep(1_000), { authorization: '' });
      expect(nested.status, path).toBe(400);
      expect(nested.body.code).toBe('body_too_deep');
    }
  });
});
