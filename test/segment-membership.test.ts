import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

const def = (filter: unknown) => ({ schemaVersion: 1, filter });
const DAY_MS = 86_400_000;

/** Spend (minor units, one order each, 0: none) and country of each customer of the shop. */
const PEOPLE: { spend: number; country: string | null }[] = [
  { spend: 5_000, country: 'France' },
  { spend: 15_000, country: 'France' },
  { spend: 20_000, country: 'Germany' },
  { spend: 0, country: 'France' },
  { spend: 10_000, country: 'Spain' },
  { spend: 9_999, country: 'France' },
  { spend: 30_000, country: null },
  { spend: 12_000, country: 'France' },
  { spend: 10_000, country: 'France' },
  { spend: 2_500, country: 'Germany' },
];
const X = 10_000;

describe('segments naming segments (membership conditions)', () => {
  const NOW = new Date('2026-06-10T12:00:00.000Z');
  const clock = manualClock(NOW);
  let t: TestApp;
  const ids: string[] = [];
  const spend = PEOPLE.map((p) => p.spend);
  const seg: Record<string, string> = {};

  const ok = async (method: string, path: string, body?: unknown, status = 200) => {
    const res = await t.call(method, path, body);
    if (res.status !== status) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const create = async (key: string, filter: unknown) =>
    (seg[key] = (
      await ok(
        'POST',
        '/v1/segments',
        { key, name: `Segment ${key}`, kind: 'dynamic', definition: def(filter) },
        201,
      )
    ).id as string);
  const preview = async (filter: unknown) =>
    (await ok('POST', '/v1/segments/preview', { definition: def(filter) })) as {
      size: number;
      sample: { id: string }[];
    };
  /** The ids (sorted) of the people the predicate picks, computed here from PEOPLE. */
  const expected = (pick: (i: number) => boolean) =>
    ids.filter((_, i) => pick(i)).sort((a, b) => a.localeCompare(b));
  const members = async (id: string) =>
    ((await ok('GET', `/v1/segments/${id}/members?limit=100`)).members as { customerId: string }[])
      .map((m) => m.customerId)
      .sort((a, b) => a.localeCompare(b));
  const inA = (i: number) => spend[i]! >= X;
  const inB = (i: number) => inA(i) && PEOPLE[i]!.country === 'France';
  const refused = async (
    method: string,
    path: string,
    body: unknown,
    status: number,
    code: string,
    errorPath?: string,
  ) => {
    const res = await t.call(method, path, body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    if (errorPath)
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(errorPath);
    return res.body as { detail: string; errors?: { path: string; message: string }[] };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const person of PEOPLE) {
      const c = await createCustomer(t, {
        attributes: person.country ? { country: person.country } : {},
      });
      ids.push(c.id);
      if (person.spend > 0)
        await ok(
          'POST',
          '/v1/orders',
          orderBody(c.id, {
            placedAt: new Date(NOW.getTime() - DAY_MS).toISOString(),
            lines: [{ sku: 'X', quantity: 1, unitPriceMinor: person.spend }],
          }),
          201,
        );
    }
    await create('a', { field: 'totalSpendMinor', gte: X });
    await create('b', {
      all: [
        { field: 'segment', in: [seg.a] },
        { field: 'attribute', key: 'country', op: 'eq', value: 'France' },
      ],
    });
    await create('c', { field: 'segment', notIn: [seg.a] });
  });
  afterAll(() => t.close());

  it('sizes A, B = in [A] and France, C = notIn [A] as counted from the data', async () => {
    expect(expected(inA).length).toBeGreaterThan(0);
    expect(expected(inB).length).toBeGreaterThan(0);
    for (const [key, pick] of [
      ['a', inA],
      ['b', inB],
      ['c', (i: number) => !inA(i)],
    ] as const) {
      const segment = await ok('GET', `/v1/segments/${seg[key]}`);
      const size = (await preview(segment.definition.filter)).size;
      const refresh = await ok('POST', `/v1/segments/${seg[key]}/refresh`);
      expect({ key, size, refreshed: refresh.size, members: await members(seg[key]!) }).toEqual({
        key,
        size: expected(pick).length,
        refreshed: expected(pick).length,
        members: expected(pick),
      });
    }
  });

  it('reads a named dynamic segment by its definition now, not its last refresh', async () => {
    // Person 0 (France) spends enough to join A; A is not refreshed, B's preview sees it at once.
    await ok(
      'POST',
      '/v1/orders',
      orderBody(ids[0]!, {
        placedAt: new Date(NOW.getTime() - DAY_MS).toISOString(),
        lines: [{ sku: 'X', quantity: 1, unitPriceMinor: X }],
      }),
      201,
    );
    spend[0] = spend[0]! + X;
    const b = await preview({
      all: [
        { field: 'segment', in: [seg.a] },
        { field: 'attribute', key: 'country', op: 'eq', value: 'France' },
      ],
    });
    expect(b.size).toBe(expected(inB).length);
    expect(b.sample.map((s) => s.id)).toContain(ids[0]);
    // Through two levels: in [B] is B; notIn [B, C] is A minus B.
    expect((await preview({ field: 'segment', in: [seg.b] })).size).toBe(expected(inB).length);
    expect((await preview({ field: 'segment', notIn: [seg.b, seg.c] })).size).toBe(
      expected((i) => inA(i) && !inB(i)).length,
    );
  });

  it('reads a static list by its stored members', async () => {
    const list = await ok(
      'POST',
      '/v1/segments',
      { key: 'vip-list', name: 'VIP', kind: 'static' },
      201,
    );
    seg.list = list.id;
    const picked = [1, 3, 9];
    await ok('POST', `/v1/segments/${list.id}/members`, { customerIds: picked.map((i) => ids[i]) });
    const inList = (i: number) => picked.includes(i);
    const cases: [unknown, (i: number) => boolean][] = [
      [{ field: 'segment', in: [list.id] }, inList],
      [{ field: 'segment', notIn: [list.id] }, (i) => !inList(i)],
      [{ field: 'segment', in: [list.id, seg.c] }, (i) => inList(i) || !inA(i)],
      [
        { all: [{ field: 'segment', in: [seg.a] }, { not: { field: 'segment', in: [list.id] } }] },
        (i) => inA(i) && !inList(i),
      ],
    ];
    for (const [filter, pick] of cases) {
      const got = await preview(filter);
      expect({ filter, size: got.size }).toEqual({ filter, size: expected(pick).length });
    }
    const d = await create('d', { field: 'segment', in: [list.id] });
    await ok('POST', `/v1/segments/${d}/refresh`);
    expect(await members(d)).toEqual(expected(inList));
  });

  it('refuses unknown and archived ids, itself and cycles with 422 and the path; saves nothing', async () => {
    const body = (key: string, filter: unknown) => ({
      key,
      name: key,
      kind: 'dynamic',
      definition: def(filter),
    });
    const unknown = await refused(
      'POST',
      '/v1/segments',
      body('x1', {
        all: [
          { field: 'orderCount', gte: 1 },
          { field: 'segment', in: [seg.a, 'seg_nope'] },
        ],
      }),
      422,
      'segment_reference_not_found',
      'definition.filter.all.1.in.1',
    );
    expect(unknown.detail).toContain('seg_nope');
    await refused(
      'POST',
      '/v1/segments/preview',
      { definition: def({ field: 'segment', notIn: ['seg_nope'] }) },
      422,
      'segment_reference_not_found',
      'definition.filter.notIn.0',
    );

    const gone = await create('gone', { field: 'orderCount', gte: 1 });
    await ok('POST', `/v1/segments/${gone}/archive`);
    const archived = await refused(
      'PATCH',
      `/v1/segments/${seg.c}`,
      { definition: def({ field: 'segment', notIn: [gone] }) },
      422,
      'segment_reference_archived',
      'definition.filter.notIn.0',
    );
    expect(archived.detail).toContain(gone);

    await refused(
      'PATCH',
      `/v1/segments/${seg.a}`,
      { definition: def({ field: 'segment', in: [seg.a] }) },
      422,
      'segment_reference_cycle',
      'definition.filter.in.0',
    );
    // A → B → A: B names A, so A may not name B (nor C → A, through B's sibling).
    const cycle = await refused(
      'PATCH',
      `/v1/segments/${seg.a}`,
      {
        definition: def({
          all: [
            { field: 'totalSpendMinor', gte: X },
            { field: 'segment', notIn: [seg.b] },
          ],
        }),
      },
      422,
      'segment_reference_cycle',
      'definition.filter.all.1.notIn.0',
    );
    expect(cycle.errors![0]!.message).toContain('a → b → a');
    // Malformed leaves are the schema's: 400 with the path.
    await refused(
      'POST',
      '/v1/segments/preview',
      { definition: def({ field: 'segment', in: [] }) },
      400,
      'validation_failed',
      'definition.filter.in',
    );
    await refused(
      'POST',
      '/v1/segments/preview',
      { definition: def({ field: 'segment', in: [seg.a], notIn: [seg.b] }) },
      400,
      'validation_failed',
    );

    expect((await ok('GET', `/v1/segments/${seg.a}`)).definition).toEqual(
      def({ field: 'totalSpendMinor', gte: X }),
    );
    const keys = (await ok('GET', '/v1/segments?includeArchived=true')).segments.map(
      (s: { key: string }) => s.key,
    );
    expect(keys).not.toContain('x1');
  });

  it('refuses to archive a segment live definitions name (409 naming them), until they stop', async () => {
    const inUse = await refused(
      'POST',
      `/v1/segments/${seg.a}/archive`,
      undefined,
      409,
      'segment_in_use',
    );
    expect(inUse.detail).toContain(`b (${seg.b})`);
    expect(inUse.detail).toContain(`c (${seg.c})`);
    expect((await ok('GET', `/v1/segments/${seg.a}`)).archivedAt).toBeNull();
    await refused('POST', `/v1/segments/${seg.list}/archive`, undefined, 409, 'segment_in_use');

    // Once its dependants are archived or no longer name it, it can go.
    await ok('POST', `/v1/segments/${seg.b}/archive`);
    await ok('PATCH', `/v1/segments/${seg.c}`, {
      definition: def({ field: 'totalSpendMinor', lte: X - 1 }),
    });
    const done = await ok('POST', `/v1/segments/${seg.a}/archive`);
    expect(done.archivedAt).not.toBeNull();
  });

  it('refuses a cycle stored anyway (two edits at once) rather than compiling it', async () => {
    const x = await create('x', { field: 'orderCount', gte: 1 });
    const y = await create('y', { field: 'segment', in: [x] });
    // What two concurrent PATCHes (x names y, y names x) could leave behind.
    await t.database.db
      .updateTable('segment')
      .set({ definition: JSON.stringify(def({ field: 'segment', in: [y] })) })
      .where('id', '=', x)
      .execute();
    const refresh = await refused(
      'POST',
      `/v1/segments/${y}/refresh`,
      undefined,
      422,
      'segment_reference_cycle',
    );
    expect(refresh.detail).toContain('x → y → x');
    await refused(
      'POST',
      '/v1/segments/preview',
      { definition: def({ field: 'segment', notIn: [y] }) },
      422,
      'segment_reference_cycle',
    );
  });
});
