import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

// A segment filter that is not a node, or nests past the documented 5 levels, is a 400 naming
// the path, on every operation that takes one; a stored tree that is no longer valid reads as none.
let t: TestApp;
let segmentId: string;
beforeAll(async () => {
  t = await startTestApp();
  const created = await t.call('POST', '/v1/segments', {
    key: 'buyers',
    name: 'Buyers',
    kind: 'dynamic',
    definition: { schemaVersion: 1, filter: { field: 'orderCount', gte: 1 } },
  });
  expect(created.status).toBe(201);
  segmentId = created.body.id;
});
afterAll(() => t.close());

/** A filter `levels` groups deep (alternating not and all), as JSON text: no recursion to build it. */
const deepFilterText = (levels: number) =>
  Array.from({ length: levels }, (_, i) => (i % 2 === 0 ? '{"not":' : '{"all":[')).join('') +
  '{"field":"orderCount","gte":1}' +
  Array.from({ length: levels }, (_, i) => (i % 2 === 0 ? '}' : ']}'))
    .reverse()
    .join('');

const operations = () => [
  {
    name: 'POST /v1/segments',
    send: (definition: string) =>
      t.call(
        'POST',
        '/v1/segments',
        `{"key":"bad-tree","name":"Bad","kind":"dynamic","definition":${definition}}`,
      ),
  },
  {
    name: 'PATCH /v1/segments/{id}',
    send: (definition: string) =>
      t.call('PATCH', `/v1/segments/${segmentId}`, `{"definition":${definition}}`),
  },
  {
    name: 'POST /v1/segments/preview',
    send: (definition: string) =>
      t.call('POST', '/v1/segments/preview', `{"definition":${definition}}`),
  },
];

const definitionWith = (filterText: string) => `{"schemaVersion":1,"filter":${filterText}}`;

describe('segment filters that are not trees', () => {
  const cases: [string, string][] = [
    ['"x"', 'definition.filter'],
    ['42', 'definition.filter'],
    ['null', 'definition.filter'],
    ['[]', 'definition.filter'],
    ['{"all":["x"]}', 'definition.filter.all.0'],
    ['{"any":[{"not":7}]}', 'definition.filter.any.0.not'],
  ];
  for (const operation of operations()) {
    it(`${operation.name}: a filter that is not a node is a 400 naming its path`, async () => {
      for (const [filter, path] of cases) {
        const res = await operation.send(definitionWith(filter));
        expect(res.status, `${filter}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      }
    });

    it(`${operation.name}: six levels is a 400 at the sixth; 50,000 is refused unparsed`, async () => {
      const six = await operation.send(definitionWith(deepFilterText(5)));
      expect(six.status).toBe(400);
      expect(six.body.errors).toEqual([
        {
          path: 'definition.filter.not.all.0.not.all.0.not',
          message: 'nodes nest at most 5 deep',
        },
      ]);
      const hostile = await operation.send(definitionWith(deepFilterText(50_000)));
      expect(hostile.status).toBe(400);
      expect(hostile.body.code).toBe('body_too_deep');
      expect(hostile.body.errors).toEqual([{ path: 'body', message: 'nests more than 64 deep' }]);
    });
  }

  it('nothing was written: the segment keeps its tree, no other segment exists', async () => {
    const res = await t.call('GET', '/v1/segments');
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain('bad-tree');
    const one = await t.call('GET', `/v1/segments/${segmentId}`);
    expect(one.body.definition).toEqual({
      schemaVersion: 1,
      filter: { field: 'orderCount', gte: 1 },
    });
  });

  it('a stored tree that is not valid (too deep, or not an object) reads as none, not a 500', async () => {
    for (const stored of [deepFilterText(200), '"x"']) {
      await sql`update segment set definition = ${definitionWith(stored)}::jsonb where id = ${segmentId}`.execute(
        t.database.db,
      );
      const res = await t.call('GET', `/v1/segments/${segmentId}`);
      expect(res.status).toBe(200);
      expect(res.body.definition).toBeNull();
    }
  });
});
