import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEGMENT_FIELDS, type FieldInput } from '../src/core/segments/segment-fields.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, orderBody } from './support/fixtures.js';

const DAY_MS = 86_400_000;
const def = (filter: unknown) => ({ schemaVersion: 1, filter });

/** A segment the `segments` inputs can name (created before the catalogue is tried). */
let someSegmentId = '';

/** An input value the builder could send for this type. */
const valueFor = (input: FieldInput): unknown => {
  if (input.choices)
    return input.type === 'someOf' ? [input.choices[0]!.value] : input.choices[0]!.value;
  const samples: Record<string, unknown> = {
    money: 5000,
    integer: 1,
    probability: 0.2,
    days: 30,
    date: '2026-01-01',
    text: 'country',
    attributeValue: 1,
    attributeValues: ['France'],
    tiers: [null],
    segments: [someSegmentId],
  };
  return samples[input.type];
};

describe('the segment builder’s API: the field catalogue, preview and editing a definition', () => {
  const NOW = new Date('2026-06-10T12:00:00.000Z');
  const clock = manualClock(NOW);
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();
  let t: TestApp;
  const ok = async (method: string, path: string, body?: unknown, status = 200) => {
    const res = await t.call(method, path, body);
    if (res.status !== status) throw new Error(`${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const spend = async (daysAgo: number, minor: number) => {
      const customer = await createCustomer(t);
      const body = orderBody(customer.id, {
        placedAt: ago(daysAgo),
        lines: [{ sku: 'X', quantity: 1, unitPriceMinor: minor }],
      });
      await ok('POST', '/v1/orders', body, 201);
    };
    await spend(10, 15_000); // £150, recent
    await spend(20, 25_000); // £250, recent
    await spend(200, 30_000); // £300, long ago
    await spend(5, 2_000); // £20, recent
    someSegmentId = (
      await ok('POST', '/v1/segments', { key: 'a-list', name: 'A list', kind: 'static' }, 201)
    ).id;
  });
  afterAll(() => t.close());

  it('serves the catalogue, and every operator it offers is a definition the database can evaluate', async () => {
    const served = await ok('GET', '/v1/segments/fields');
    expect(served.fields).toEqual(JSON.parse(JSON.stringify(SEGMENT_FIELDS)));
    for (const info of SEGMENT_FIELDS) {
      for (const operator of info.operators) {
        const leaf = {
          field: info.field,
          ...operator.fixed,
          ...Object.fromEntries(operator.inputs.map((i) => [i.key, valueFor(i)])),
        };
        const res = await t.call('POST', '/v1/segments/preview', { definition: def(leaf) });
        expect(res.status, `${info.field} ${operator.op}: ${JSON.stringify(res.body)}`).toBe(200);
      }
    }
  });

  it('PATCH replaces a dynamic segment’s definition (audited); the next refresh applies it', async () => {
    const bigRecent = def({
      all: [
        { field: 'totalSpendMinor', gte: 10_000 },
        { field: 'lastOrderDate', withinDays: 90 },
      ],
    });
    const seg = await ok(
      'POST',
      '/v1/segments',
      { key: 'big-recent', name: 'Big and recent', kind: 'dynamic', definition: bigRecent },
      201,
    );
    expect((await ok('POST', `/v1/segments/${seg.id}/refresh`)).size).toBe(2);

    const edited = def({
      all: [
        { field: 'totalSpendMinor', gte: 20_000 },
        {
          any: [
            { field: 'lastOrderDate', withinDays: 90 },
            { not: { field: 'orderCount', lte: 0 } },
          ],
        },
      ],
    });
    const patched = await ok('PATCH', `/v1/segments/${seg.id}`, { definition: edited });
    expect(patched.definition).toEqual(edited);
    expect((await ok('GET', `/v1/segments/${seg.id}`)).definition).toEqual(edited);
    const refreshed = await ok('POST', `/v1/segments/${seg.id}/refresh`);
    expect(refreshed).toMatchObject({ size: 2, added: 1, removed: 1 });
    const log = await ok('GET', '/v1/audit-log?action=segment.updated');
    expect(log.entries.map((e: { targetId: string }) => e.targetId)).toContain(seg.id);
  });

  it('refuses a bad definition with 400 naming the condition, and keeps the old one', async () => {
    const first = def({ field: 'orderCount', gte: 1 });
    const seg = await ok(
      'POST',
      '/v1/segments',
      { key: 'buyers', name: 'Buyers', kind: 'dynamic', definition: first },
      201,
    );
    const res = await t.call('PATCH', `/v1/segments/${seg.id}`, {
      definition: def({
        all: [
          { field: 'orderCount', gte: 1 },
          { field: 'totalSpendMinor', gte: 'x' },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(
      'definition.filter.all.1.gte',
    );
    expect((await ok('GET', `/v1/segments/${seg.id}`)).definition).toEqual(first);

    const list = await ok(
      'POST',
      '/v1/segments',
      { key: 'picked', name: 'P', kind: 'static' },
      201,
    );
    const onStatic = await t.call('PATCH', `/v1/segments/${list.id}`, { definition: first });
    expect(onStatic.status).toBe(422);
  });
});
