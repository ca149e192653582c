import { describe, expect, it } from 'vitest';
import { CreateSegmentSchema, SegmentDefinitionSchema } from './segments.js';
import { readMemberCsv } from './static-list.js';

const paths = (value: unknown) => {
  const r = SegmentDefinitionSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('segment definitions', () => {
  it('accepts every leaf kind inside nested groups', () => {
    const filter = {
      all: [
        {
          any: [
            { field: 'rfmSegment', in: ['champions'] },
            { field: 'tier', in: ['gold', null] },
          ],
        },
        { not: { field: 'consent', channel: 'email', granted: false } },
        { field: 'attribute', key: 'country', op: 'in', value: ['France'] },
        { field: 'lastOrderDate', withinDays: 30 },
        { field: 'birthdayMonth', in: [1, 12] },
      ],
    };
    expect(paths({ schemaVersion: 1, filter })).toEqual([]);
  });

  it('names the exact field at fault, not just the node', () => {
    expect(paths({ schemaVersion: 1, filter: { any: [{ field: 'pAlive', lte: 1.5 }] } })).toEqual([
      'filter.any.0.lte',
    ]);
    expect(paths({ schemaVersion: 1, filter: { all: [{ field: 'clvMinor' }] } })).toEqual([
      'filter.all.0',
    ]);
    expect(
      paths({ schemaVersion: 1, filter: { field: 'attribute', key: 'k', op: 'in', value: 1 } }),
    ).toEqual(['filter.value']);
    expect(paths({ schemaVersion: 1, filter: { all: [] } })).toEqual(['filter.all']);
    expect(paths({ schemaVersion: 1, filter: { field: 'orderCount', gte: 1, extra: 1 } })).toEqual([
      'filter',
    ]);
  });

  it('limits depth to 5 and leaves to 50', () => {
    const nest = (n: number): unknown =>
      n === 0 ? { field: 'orderCount', gte: 1 } : { not: nest(n - 1) };
    expect(paths({ schemaVersion: 1, filter: nest(4) })).toEqual([]);
    expect(paths({ schemaVersion: 1, filter: nest(5) })).toEqual(['filter.not.not.not.not.not']);
    const leaves = (n: number) => ({
      any: [
        { all: Array.from({ length: 25 }, () => ({ field: 'orderCount', gte: 1 })) },
        { all: Array.from({ length: n - 25 }, () => ({ field: 'orderCount', gte: 1 })) },
      ],
    });
    expect(paths({ schemaVersion: 1, filter: leaves(50) })).toEqual([]);
    expect(paths({ schemaVersion: 1, filter: leaves(51) })).toEqual(['filter']);
  });

  it('refuses a filter that is not a node, at any level, with its path (no TypeError)', () => {
    for (const filter of ['x', 5, null, [], true]) {
      expect(paths({ schemaVersion: 1, filter })).toEqual(['filter']);
    }
    expect(paths({ schemaVersion: 1, filter: { all: ['x', { not: 7 }] } })).toEqual([
      'filter.all.0',
      'filter.all.1.not',
    ]);
    expect(paths({ schemaVersion: 1 })).toEqual(['filter']);
  });

  it('stops at the sixth level of a tree 50,000 deep, without overflowing the stack', () => {
    let filter: unknown = { field: 'orderCount', gte: 1 };
    for (let i = 0; i < 50_000; i += 1) filter = i % 2 === 0 ? { not: filter } : { all: [filter] };
    const issues = SegmentDefinitionSchema.safeParse({ schemaVersion: 1, filter }).error?.issues;
    expect(issues?.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['filter.all.0.not.all.0.not.all.0', 'nodes nest at most 5 deep'],
    ]);
  });

  it('a dynamic segment needs a definition, a static one none', () => {
    const definition = { schemaVersion: 1, filter: { field: 'orderCount', gte: 1 } };
    expect(CreateSegmentSchema.safeParse({ key: 'a', name: 'A', kind: 'dynamic' }).success).toBe(
      false,
    );
    expect(
      CreateSegmentSchema.safeParse({ key: 'a', name: 'A', kind: 'static', definition }).success,
    ).toBe(false);
    expect(
      CreateSegmentSchema.safeParse({ key: 'Big Ones', name: 'A', kind: 'static' }).success,
    ).toBe(false);
  });
});

describe('member CSV', () => {
  it('reads ids, e-mails (lowercased) and external ids with their line numbers', () => {
    const { refs, invalid } = readMemberCsv(
      '\ufeffEmail,External_ID,Source\nA@X.COM,,\n,17850,online-retail\n\n,,\n',
    );
    expect(refs).toEqual([
      { line: 2, by: 'email', value: 'a@x.com' },
      { line: 3, by: 'externalId', value: '17850', source: 'online-retail' },
    ]);
    expect(invalid).toEqual([{ line: 5, value: ',,', reason: 'names no customer' }]);
  });

  it('refuses a header without an identity column, and an external id without a source', () => {
    expect(() => readMemberCsv('name\nx')).toThrow(/names no column/);
    expect(() => readMemberCsv('external_id\n1')).toThrow(/source/);
    expect(() => readMemberCsv('email\n"a')).toThrow(/invalid_csv|CSV is invalid/);
  });
});
