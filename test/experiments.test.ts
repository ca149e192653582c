import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantFor } from '../src/core/experiments/assignment.js';
import { experimentRepository } from '../src/db/experiments/experiments.repository.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { createCustomer, insertStaticSegment, unique } from './support/fixtures.js';

const NOW = new Date('2026-12-07T09:00:00.000Z');

const arms = (extra: Record<string, unknown>[] = [{}, {}]) => [
  { key: 'control', name: 'Control', weight: 1, control: true, ...extra[0] },
  { key: 'double', name: 'Double points', weight: 1, ...extra[1] },
];

const draft = (fields: Record<string, unknown> = {}) => ({
  key: unique('exp'),
  name: 'Double points',
  hypothesis: 'Double points bring members back sooner',
  variants: arms(),
  ...fields,
});

describe('experiments: lifecycle, refusals, overlap and exposure at start', () => {
  const clock = manualClock(NOW);
  let t: TestApp;
  let segments = 0;

  const call = async (method: string, path: string, body?: unknown) => t.call(method, path, body);
  const ok = async (method: string, path: string, body?: unknown, status = 200) => {
    const res = await t.call(method, path, body);
    if (res.status !== status) {
      throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return res.body;
  };
  const create = (fields: Record<string, unknown> = {}) =>
    ok('POST', '/v1/experiments', draft(fields), 201);
  const experimentCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('experiment')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const exposureRows = (experimentId: string) =>
    t.database.db
      .selectFrom('experiment_exposure')
      .selectAll()
      .where('experiment_id', '=', experimentId)
      .execute();

  /** Customers straight into the table (many, fast); none of them erased. */
  const insertCustomers = async (prefix: string, n: number) => {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: `cus_${prefix}_${String(i).padStart(4, '0')}`,
      created_at: NOW,
      updated_at: NOW,
    }));
    await t.database.db.insertInto('customer').values(rows).execute();
    return rows;
  };
  const segmentOf = async (members: { id: string }[]) => {
    segments += 1;
    const id = `seg_x${segments}`;
    await insertStaticSegment(t, NOW, id, members);
    return id;
  };
  const template = async () => {
    const key = unique('tpl');
    await ok(
      'POST',
      '/v1/templates',
      {
        key,
        kind: 'marketing',
        defaultLocale: 'en',
        versions: [{ locale: 'en', subject: key, html: `<p>${key}</p>`, text: key }],
      },
      201,
    );
    return key;
  };
  const reward = async () =>
    (
      await ok(
        'POST',
        '/v1/rewards',
        { name: unique('Coffee'), kind: 'percent_discount', value: 10, pointsCost: 100 },
        201,
      )
    ).id as string;
  const campaign = async (segmentId: string) =>
    (await ok('POST', '/v1/campaigns', { templateKey: await template(), segmentId }, 201))
      .id as string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a draft with defaults, never shows the salt, and lists and gets it', async () => {
    const created = await create({ variants: arms([{ weight: 3 }, { weight: 1 }]) });
    expect(created).toMatchObject({
      status: 'draft',
      population: { segmentId: null, entry: 'fixed' },
      targets: { campaignIds: [], journeys: [] },
      metrics: { horizonDays: 60, churnDays: 90, preDays: 365 },
      orthogonal: false,
      startedAt: null,
      stoppedAt: null,
      createdAt: NOW.toISOString(),
      exposures: { control: 0, double: 0 },
    });
    expect(created.variants[1]).toEqual({
      key: 'double',
      name: 'Double points',
      weight: 1,
      control: false,
      holdout: false,
      templateKey: null,
      rewardIds: [],
    });
    expect(created).not.toHaveProperty('salt');
    const stored = await experimentRepository(t.database.db).byId(created.id);
    expect(stored!.salt).toMatch(/^[0-9a-f]{32}$/);

    expect(await ok('GET', `/v1/experiments/${created.id}`)).toEqual(created);
    const drafts = (await ok('GET', '/v1/experiments?status=draft')).experiments;
    expect(drafts.map((e: { id: string }) => e.id)).toContain(created.id);
    const running = (await ok('GET', '/v1/experiments?status=running')).experiments;
    expect(running.map((e: { id: string }) => e.id)).not.toContain(created.id);
    expect((await call('GET', '/v1/experiments?status=paused')).status).toBe(400);
    const missing = await call('GET', '/v1/experiments/exp_nope');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('experiment_not_found');
  });

  it('refuses bad documents with the status, code and path of each fault, and writes nothing', async () => {
    const before = await experimentCount();
    const refused = async (body: unknown, status: number, code: string, path: string) => {
      const res = await call('POST', '/v1/experiments', body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    };
    await refused(draft({ key: 'Double Points!' }), 400, 'validation_failed', 'key');
    await refused(draft({ variants: arms().slice(0, 1) }), 400, 'validation_failed', 'variants');
    await refused(
      draft({ variants: arms([{}, { weight: 0 }]) }),
      400,
      'validation_failed',
      'variants.1.weight',
    );
    await refused(
      draft({ variants: arms([{}, { control: true }]) }),
      422,
      'experiment_variants_invalid',
      'variants',
    );
    await refused(
      draft({ variants: arms([{}, { key: 'control' }]) }),
      422,
      'experiment_variants_invalid',
      'variants.1.key',
    );
    await refused(
      draft({ plannedStartAt: '2026-12-10T00:00:00Z', plannedEndAt: '2026-12-09T00:00:00Z' }),
      422,
      'experiment_invalid',
      'plannedEndAt',
    );
    await refused(
      draft({ variants: arms([{}, { holdout: true }]) }),
      422,
      'experiment_invalid',
      'variants.1.holdout',
    );
    // An unknown field (the salt is made by the server) is refused, by name.
    const salted = await call('POST', '/v1/experiments', draft({ salt: 'mine' }));
    expect(salted.status).toBe(400);
    expect(salted.body.detail).toContain('salt');

    const taken = await create();
    const before2 = before + 1;
    await refused(draft({ key: taken.key }), 409, 'experiment_key_taken', 'key');

    const members = await insertCustomers('refs', 2);
    const archivedSegment = await segmentOf(members);
    await ok('POST', `/v1/segments/${archivedSegment}/archive`);
    const liveSegment = await segmentOf(members);
    const rewards = [await reward(), await reward()];
    const campaignId = await campaign(liveSegment);
    const unknown = 'experiment_reference_invalid';
    await refused(
      draft({ population: { segmentId: 'seg_nope' } }),
      422,
      unknown,
      'population.segmentId',
    );
    await refused(
      draft({ population: { segmentId: archivedSegment } }),
      422,
      unknown,
      'population.segmentId',
    );
    await refused(
      draft({ targets: { campaignIds: ['cmp_nope', campaignId] } }),
      422,
      unknown,
      'targets.campaignIds.0',
    );
    await refused(
      draft({
        targets: { campaignIds: [campaignId] },
        variants: arms([{}, { templateKey: 'no-such-template' }]),
      }),
      422,
      unknown,
      'variants.1.templateKey',
    );
    await refused(
      draft({ variants: arms([{ rewardIds: [...rewards, 'rew_nope'] }, {}]) }),
      422,
      unknown,
      'variants.0.rewardIds.2',
    );
    expect(await experimentCount()).toBe(before2);

    // The same references, all valid, are accepted.
    const fine = await create({
      population: { segmentId: liveSegment, entry: 'open' },
      targets: { campaignIds: [campaignId], journeys: ['birthday'] },
      variants: arms([{ rewardIds: rewards }, { templateKey: await template() }]),
    });
    expect(fine.population).toEqual({ segmentId: liveSegment, entry: 'open' });
  });

  it('changes a draft freely, a running one only in wording and end, a stopped one not at all', async () => {
    const created = await create();
    const patched = await ok('PATCH', `/v1/experiments/${created.id}`, {
      variants: arms([{ weight: 1 }, { weight: 4 }]),
      metrics: { horizonDays: 30 },
      plannedEndAt: '2027-01-31T00:00:00Z',
    });
    expect(patched.variants.map((v: { weight: number }) => v.weight)).toEqual([1, 4]);
    expect(patched.metrics).toEqual({ horizonDays: 30, churnDays: 90, preDays: 365 });
    expect(patched.plannedEndAt).toBe('2027-01-31T00:00:00.000Z');
    const twoControls = await call('PATCH', `/v1/experiments/${created.id}`, {
      variants: arms([{}, { control: true }]),
    });
    expect(twoControls.status).toBe(422);
    expect(twoControls.body.code).toBe('experiment_variants_invalid');
    const badKey = await call('PATCH', `/v1/experiments/${created.id}`, { key: 'other' });
    expect(badKey.status).toBe(400);

    await ok('POST', `/v1/experiments/${created.id}/start`);
    const frozen = await call('PATCH', `/v1/experiments/${created.id}`, {
      variants: arms(),
      population: { segmentId: null, entry: 'open' },
      name: 'Renamed',
    });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('experiment_not_draft');
    expect(frozen.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'population',
      'variants',
    ]);
    expect((await ok('GET', `/v1/experiments/${created.id}`)).name).toBe('Double points');
    // Fields sent with their current value are no change.
    const renamed = await ok('PATCH', `/v1/experiments/${created.id}`, {
      name: 'Double points, Q1',
      hypothesis: 'Members come back within 60 days',
      plannedEndAt: '2027-02-28T00:00:00Z',
      variants: patched.variants,
    });
    expect(renamed).toMatchObject({ name: 'Double points, Q1', status: 'running' });

    await ok('POST', `/v1/experiments/${created.id}/stop`);
    const stopped = await call('PATCH', `/v1/experiments/${created.id}`, { name: 'Again' });
    expect(stopped.status).toBe(409);
    expect(stopped.body.code).toBe('experiment_stopped');
    expect(stopped.body.errors[0].path).toBe('name');
  });

  it('starts only a draft and stops only a running experiment', async () => {
    const created = await create();
    const stopDraft = await call('POST', `/v1/experiments/${created.id}/stop`);
    expect(stopDraft.status).toBe(409);
    expect(stopDraft.body.code).toBe('experiment_not_running');

    clock.set(new Date('2026-12-07T10:00:00Z'));
    const started = await ok('POST', `/v1/experiments/${created.id}/start`);
    expect(started).toMatchObject({ status: 'running', startedAt: '2026-12-07T10:00:00.000Z' });
    const again = await call('POST', `/v1/experiments/${created.id}/start`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('experiment_not_draft');

    clock.set(new Date('2026-12-07T11:00:00Z'));
    const stopped = await ok('POST', `/v1/experiments/${created.id}/stop`);
    expect(stopped).toMatchObject({ status: 'stopped', stoppedAt: '2026-12-07T11:00:00.000Z' });
    expect((await call('POST', `/v1/experiments/${created.id}/stop`)).body.code).toBe(
      'experiment_not_running',
    );
    expect((await call('POST', `/v1/experiments/${created.id}/start`)).body.code).toBe(
      'experiment_not_draft',
    );
    expect((await call('POST', '/v1/experiments/exp_nope/start')).status).toBe(404);
    clock.set(NOW);
  });

  it('refuses a start whose segment was archived after creation, and leaves it a draft', async () => {
    const segmentId = await segmentOf(await insertCustomers('late', 3));
    const created = await create({ population: { segmentId } });
    await ok('POST', `/v1/segments/${segmentId}/archive`);
    const res = await call('POST', `/v1/experiments/${created.id}/start`);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('experiment_reference_invalid');
    expect(res.body.errors).toEqual([
      { path: 'population.segmentId', message: `segment ${segmentId} is archived` },
    ]);
    expect((await ok('GET', `/v1/experiments/${created.id}`)).status).toBe('draft');
    expect(await exposureRows(created.id)).toEqual([]);
  });

  it('exposes a fixed population at start, each customer in the arm variantFor gives', async () => {
    const members = await insertCustomers('fixed', 300);
    const outsider = (await insertCustomers('outside', 1))[0]!;
    const segmentId = await segmentOf(members);
    const created = await create({
      population: { segmentId, entry: 'fixed' },
      variants: [
        { key: 'control', name: 'Control', weight: 1, control: true },
        { key: 'double', name: 'Double', weight: 2 },
        { key: 'triple', name: 'Triple', weight: 3 },
      ],
    });
    clock.set(new Date('2026-12-07T12:00:00Z'));
    const started = await ok('POST', `/v1/experiments/${created.id}/start`);
    clock.set(NOW);
    const { salt, variants } = (await experimentRepository(t.database.db).byId(created.id))!;
    const rows = await exposureRows(created.id);
    expect(rows).toHaveLength(300);
    const expected: Record<string, number> = { control: 0, double: 0, triple: 0 };
    for (const row of rows) {
      expect(row.variant).toBe(variantFor(salt, row.customer_id, variants).key);
      expect(row.source).toBe('start');
      expect(new Date(row.exposed_at).toISOString()).toBe('2026-12-07T12:00:00.000Z');
      expected[row.variant]! += 1;
    }
    expect(rows.map((r) => r.customer_id)).not.toContain(outsider.id);
    expect(started.exposures).toEqual(expected);
    expect((await ok('GET', `/v1/experiments/${created.id}`)).exposures).toEqual(expected);
    await ok('POST', `/v1/experiments/${created.id}/stop`);
  });

  it('refuses a start that overlaps a running experiment, naming it and what they share', async () => {
    const people = await insertCustomers('overlap', 6);
    const s1 = await segmentOf(people.slice(0, 4));
    const s2 = await segmentOf(people.slice(3, 6)); // shares people[3] with s1
    const s3 = await segmentOf(people.slice(4, 6)); // shares nobody with s1
    const campaignId = await campaign(s1);
    const first = await create({
      population: { segmentId: s1 },
      targets: { campaignIds: [campaignId] },
    });
    await ok('POST', `/v1/experiments/${first.id}/start`);

    const clash = await create({
      population: { segmentId: s2 },
      targets: { campaignIds: [campaignId], journeys: ['birthday'] },
    });
    const refused = await call('POST', `/v1/experiments/${clash.id}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('experiment_overlap');
    expect(refused.body.detail).toContain(first.key);
    expect(refused.body.detail).toContain(`campaign ${campaignId}`);
    expect((await ok('GET', `/v1/experiments/${clash.id}`)).status).toBe('draft');
    expect(await exposureRows(clash.id)).toEqual([]);

    // The same targets on a disjoint segment, or marked orthogonal, run side by side.
    const apart = await create({
      population: { segmentId: s3 },
      targets: { campaignIds: [campaignId] },
    });
    await ok('POST', `/v1/experiments/${apart.id}/start`);
    await ok('PATCH', `/v1/experiments/${clash.id}`, { orthogonal: true });
    await ok('POST', `/v1/experiments/${clash.id}/start`);
    // Shared customers with nothing in common to reach do not clash either.
    const unrelated = await create({
      population: { segmentId: s2 },
      targets: { journeys: ['welcome'] },
    });
    await ok('POST', `/v1/experiments/${unrelated.id}/start`);
    for (const e of [first, apart, clash, unrelated]) {
      await ok('POST', `/v1/experiments/${e.id}/stop`);
    }
  });

  it('counts rules on the same trigger naming both experiments as shared', async () => {
    const a = await create();
    const b = await create();
    const rule = async (name: string, key: string) =>
      ok(
        'POST',
        '/v1/rules',
        {
          status: 'active',
          document: {
            schemaVersion: 1,
            name,
            trigger: 'order.placed',
            conditions: [{ type: 'customer.experiment', key, variant: 'double' }],
            effects: [{ type: 'points.multiplier', percent: 200 }],
          },
        },
        201,
      );
    await rule('Double for A', a.key);
    await rule('Double for B', b.key);
    await ok('POST', `/v1/experiments/${a.id}/start`);
    const refused = await call('POST', `/v1/experiments/${b.id}/start`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('experiment_overlap');
    expect(refused.body.detail).toContain('rules on order.placed');
    await ok('POST', `/v1/experiments/${a.id}/stop`);
    await ok('POST', `/v1/experiments/${b.id}/start`);
    await ok('POST', `/v1/experiments/${b.id}/stop`);
  });

  it('records every change in the audit log', async () => {
    const created = await create();
    await ok('PATCH', `/v1/experiments/${created.id}`, { name: 'Renamed' });
    await ok('POST', `/v1/experiments/${created.id}/start`);
    await ok('POST', `/v1/experiments/${created.id}/stop`);
    for (const action of [
      'experiment.created',
      'experiment.updated',
      'experiment.started',
      'experiment.stopped',
    ]) {
      const entries = (await ok('GET', `/v1/audit-log?action=${action}`)).entries;
      expect(
        entries.map((e: { targetId: string }) => e.targetId),
        action,
      ).toContain(created.id);
    }
    // A refused change leaves no entry.
    await call('POST', `/v1/experiments/${created.id}/start`);
    const started = (await ok('GET', '/v1/audit-log?action=experiment.started')).entries;
    expect(started.filter((e: { targetId: string }) => e.targetId === created.id)).toHaveLength(1);
  });

  it('lists a customer’s experiments: exposed, assigned in an open population, and past', async () => {
    const customer = await createCustomer(t);
    const other = await createCustomer(t);
    const segmentId = await segmentOf([customer]);
    const otherSegment = await segmentOf([other]);
    const fixed = await create({ population: { segmentId, entry: 'fixed' } });
    const open = await create({ population: { segmentId, entry: 'open' } });
    const elsewhere = await create({ population: { segmentId: otherSegment, entry: 'open' } });
    const past = await create({ population: { segmentId, entry: 'fixed' } });
    clock.set(new Date('2026-12-07T13:00:00Z'));
    for (const e of [past, fixed, open, elsewhere])
      await ok('POST', `/v1/experiments/${e.id}/start`);
    await ok('POST', `/v1/experiments/${past.id}/stop`);
    // Exposed at start like everyone then in it; a newcomer to the segment is assigned, not exposed.
    const newcomer = await createCustomer(t);
    await t.database.db
      .insertInto('segment_member')
      .values({ segment_id: segmentId, customer_id: newcomer.id, added_at: NOW })
      .execute();
    clock.set(NOW);

    const store = experimentRepository(t.database.db);
    const armOf = async (id: string, who: string) => {
      const e = (await store.byId(id))!;
      return variantFor(e.salt, who, e.variants).key;
    };
    const listed = (await ok('GET', `/v1/customers/${customer.id}/experiments`)).experiments;
    const byKey = Object.fromEntries(listed.map((x: { key: string }) => [x.key, x]));
    expect(Object.keys(byKey).sort()).toEqual([fixed.key, open.key, past.key].sort());
    expect(byKey[fixed.key]).toEqual({
      experimentId: fixed.id,
      key: fixed.key,
      name: fixed.name,
      status: 'running',
      variant: await armOf(fixed.id, customer.id),
      exposedAt: '2026-12-07T13:00:00.000Z',
      source: 'start',
    });
    expect(byKey[past.key]).toMatchObject({ status: 'stopped', source: 'start' });

    const newcomerList = (await ok('GET', `/v1/customers/${newcomer.id}/experiments`)).experiments;
    expect(newcomerList).toEqual([
      {
        experimentId: open.id,
        key: open.key,
        name: open.name,
        status: 'running',
        variant: await armOf(open.id, newcomer.id),
        exposedAt: null,
        source: null,
      },
    ]);
    const missing = await call('GET', '/v1/customers/cus_nope/experiments');
    expect(missing.status).toBe(404);
    for (const e of [fixed, open, elsewhere]) await ok('POST', `/v1/experiments/${e.id}/stop`);
  });

  it('starts a draft once when many starts race, exposing its population once', async () => {
    const members = await insertCustomers('race', 200);
    const segmentId = await segmentOf(members);
    for (let round = 0; round < 5; round += 1) {
      const created = await create({ population: { segmentId } });
      const results = await Promise.all(
        Array.from({ length: 6 }, () => call('POST', `/v1/experiments/${created.id}/start`)),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body.code).toBe('experiment_not_draft');
      }
      expect(await exposureRows(created.id)).toHaveLength(200);
      await ok('POST', `/v1/experiments/${created.id}/stop`);
    }
  });

  it('lets only one of two overlapping drafts start when both start at once', async () => {
    const members = await insertCustomers('pair', 20);
    const segmentId = await segmentOf(members);
    for (let round = 0; round < 5; round += 1) {
      const journey = { targets: { journeys: ['pointsExpiring'] }, population: { segmentId } };
      const a = await create(journey);
      const b = await create(journey);
      const [ra, rb] = await Promise.all([
        call('POST', `/v1/experiments/${a.id}/start`),
        call('POST', `/v1/experiments/${b.id}/start`),
      ]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      expect([ra, rb].find((r) => r.status === 409)!.body.code).toBe('experiment_overlap');
      const winner = ra.status === 200 ? a : b;
      await ok('POST', `/v1/experiments/${winner.id}/stop`);
    }
  });
});
