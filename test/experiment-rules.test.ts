import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantFor } from '../src/core/experiments/assignment.js';
import type { Experiment } from '../src/core/experiments/experiments.js';
import { PROGRAMME_CACHE_TTL_MS } from '../src/app/programme-caches.js';
import { experimentRepository } from '../src/db/experiments/experiments.repository.js';
import { createApp } from '../src/http/app.js';
import { manualClock, startTestApp, type TestApp } from './support/app.js';
import { experimentFixture } from './support/experiment-fixture.js';
import {
  createCustomer,
  insertStaticSegment,
  orderBody,
  rowCounts,
  unique,
} from './support/fixtures.js';

// Double points for the treatment arm of an experiment, through POST /v1/orders: each order is
// 2 × 10.50 + 9.99 = 30.99 GBP, 30 base points at 1 point per pound, 60 in the treatment arm.
const NOW = new Date('2026-06-03T10:00:00.000Z');
const STARTED = new Date('2026-06-02T10:00:00.000Z');
const BASE = 30;
const clock = manualClock(NOW);
let t: TestApp;

const OPEN = experimentFixture('exp_open', STARTED, {
  population: { segmentId: 'seg_open', entry: 'open' },
});
const FIXED = experimentFixture('exp_fixed', STARTED, {
  population: { segmentId: 'seg_fixed', entry: 'fixed' },
});
const STOPS = experimentFixture('exp_stops', STARTED, {
  population: { segmentId: null, entry: 'open' },
});
const DRAFT = experimentFixture('exp_draft', STARTED, { status: 'draft', startedAt: null });

const treated = (e: Experiment, customerId: string) =>
  variantFor(e.salt, customerId, e.variants).key === 'treatment';

const saveRule = async (name: string, conditions: unknown[], effects: unknown[]) => {
  const res = await t.call('POST', '/v1/rules', {
    document: { schemaVersion: 1, name, trigger: 'order.placed', conditions, effects },
    status: 'active',
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { id: string };
};

const arm = (e: Experiment, variant: string) => ({
  type: 'customer.experiment',
  key: e.key,
  variant,
});

const order = async (customerId: string) => {
  const res = await t.call(
    'POST',
    '/v1/orders',
    orderBody(customerId, { placedAt: clock.now().toISOString() }),
  );
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return (res.body as { points: { earned: number } }).points.earned;
};

const exposuresOf = (e: Experiment) =>
  t.database.db
    .selectFrom('experiment_exposure')
    .select(['customer_id', 'variant', 'exposed_at', 'source'])
    .where('experiment_id', '=', e.id)
    .execute();

const customers = async (n: number) => {
  const list: { id: string }[] = [];
  for (let i = 0; i < n; i += 1) list.push(await createCustomer(t));
  return list;
};

let inOpen: { id: string }[];
let outside: { id: string }[];
let fixedAtStart: { id: string }[];
let joinedFixedLater: { id: string };
let stopGroup: { id: string }[];

beforeAll(async () => {
  t = await startTestApp({ clock });
  await t.call('PATCH', '/v1/programme', { returnWindowDays: 0 });
  inOpen = await customers(16);
  outside = await customers(4);
  fixedAtStart = await customers(10);
  joinedFixedLater = (await customers(1))[0]!;
  stopGroup = await customers(8);
  // Ids are random: with 8 customers both arms are missing 1 time in 128, so add until both show.
  const armsIn = (group: { id: string }[]) => new Set(group.map((c) => treated(STOPS, c.id))).size;
  while (armsIn(stopGroup) < 2) stopGroup.push(...(await customers(1)));
  await insertStaticSegment(t, STARTED, 'seg_open', inOpen);
  await insertStaticSegment(t, STARTED, 'seg_fixed', fixedAtStart);
  await insertStaticSegment(t, STARTED, 'seg_stops', stopGroup);
  const store = experimentRepository(t.database.db);
  for (const e of [OPEN, FIXED, STOPS, DRAFT]) await store.insert(e);
  await store.exposePopulation(FIXED, STARTED);
  // Joins the fixed population's segment after the start: not in the experiment.
  await t.database.db
    .insertInto('segment_member')
    .values({ segment_id: 'seg_fixed', customer_id: joinedFixedLater!.id, added_at: NOW })
    .execute();
  await saveRule(
    'Double points, open trial',
    [arm(OPEN, 'treatment')],
    [{ type: 'points.multiplier', percent: 200 }],
  );
  await saveRule(
    'Double points, fixed trial',
    [arm(FIXED, 'treatment')],
    [{ type: 'points.multiplier', percent: 200 }],
  );
  // Only for the stop group, so the other cases' points are not touched by it.
  await saveRule(
    'A hundred points, trial that stops',
    [{ type: 'customer.segment', in: ['seg-stops'] }, arm(STOPS, 'treatment')],
    [{ type: 'points.fixed', points: 100 }],
  );
});
afterAll(() => t.close());

describe('experiments in earning rules', () => {
  it('gives double points to the treatment arm only and exposes both arms once, at the first order', async () => {
    expect(inOpen.some((c) => treated(OPEN, c.id))).toBe(true);
    expect(inOpen.some((c) => !treated(OPEN, c.id))).toBe(true);
    const firstAt = clock.now();
    for (const c of [...inOpen, ...outside])
      expect(await order(c.id)).toBe(inOpen.includes(c) && treated(OPEN, c.id) ? 2 * BASE : BASE);
    clock.set(new Date(clock.now().getTime() + 3_600_000));
    for (const c of inOpen) expect(await order(c.id)).toBe(treated(OPEN, c.id) ? 2 * BASE : BASE);

    const exposures = await exposuresOf(OPEN);
    expect(exposures).toHaveLength(inOpen.length);
    for (const x of exposures) {
      expect(inOpen.map((c) => c.id)).toContain(x.customer_id);
      expect(x.variant).toBe(variantFor(OPEN.salt, x.customer_id, OPEN.variants).key);
      expect(x.exposed_at.toISOString()).toBe(firstAt.toISOString());
      expect(x.source).toBe('rule');
    }
  });

  it('writes nothing more once the customer is exposed', async () => {
    const before = await rowCounts(t);
    const earned = await order(inOpen[0]!.id);
    const after = await rowCounts(t);
    expect(earned).toBe(treated(OPEN, inOpen[0]!.id) ? 2 * BASE : BASE);
    expect(after.experiment_exposure).toBe(before.experiment_exposure);
    expect(after.sales_order).toBe(before.sales_order! + 1);
  });

  it('a fixed population is the customers exposed at start: a later member of the segment is out', async () => {
    const exposedBefore = (await exposuresOf(FIXED)).length;
    expect(exposedBefore).toBe(fixedAtStart.length);
    for (const c of fixedAtStart)
      expect(await order(c.id)).toBe(treated(FIXED, c.id) ? 2 * BASE : BASE);
    expect(await order(joinedFixedLater!.id)).toBe(BASE);
    const exposures = await exposuresOf(FIXED);
    expect(exposures).toHaveLength(exposedBefore);
    expect(exposures.every((x) => x.source === 'start')).toBe(true);
    expect(exposures.map((x) => x.customer_id)).not.toContain(joinedFixedLater!.id);
  });

  it('a stopped experiment applies no treatment; its exposures stay', async () => {
    const treatedOnes = stopGroup.filter((c) => treated(STOPS, c.id));
    expect(treatedOnes.length).toBeGreaterThan(0);
    for (const c of stopGroup)
      expect(await order(c.id)).toBe(treated(STOPS, c.id) ? BASE + 100 : BASE);
    // Open to everyone: every customer a rule naming it was evaluated for is exposed, in any arm.
    const exposed = await exposuresOf(STOPS);
    expect(exposed.map((x) => x.customer_id)).toEqual(
      expect.arrayContaining(stopGroup.map((c) => c.id)),
    );
    expect(exposed.length).toBeGreaterThan(stopGroup.length);
    for (const x of exposed)
      expect(x.variant).toBe(variantFor(STOPS.salt, x.customer_id, STOPS.variants).key);

    await experimentRepository(t.database.db).update({
      ...STOPS,
      status: 'stopped',
      stoppedAt: clock.now(),
    });
    // Stopping through the API empties this process's cache at once; written straight to the
    // table here, so wait out the cache (as another process would).
    await new Promise((resolve) => setTimeout(resolve, PROGRAMME_CACHE_TTL_MS + 100));
    clock.set(new Date(clock.now().getTime() + 3_600_000));
    for (const c of treatedOnes) expect(await order(c.id)).toBe(BASE);
    expect(await exposuresOf(STOPS)).toHaveLength(exposed.length);
  });

  it('the per-request path (no group commit) exposes and awards the same way', async () => {
    const app = createApp({
      db: t.database.db,
      clock,
      log: pino({ level: 'silent' }),
      bodyLimitBytes: 1024 * 1024,
      orderBatching: false,
      database: t.database,
    });
    const newcomers = await customers(6);
    await t.database.db
      .insertInto('segment_member')
      .values(newcomers.map((c) => ({ segment_id: 'seg_open', customer_id: c.id, added_at: NOW })))
      .execute();
    const at = clock.now();
    for (const c of newcomers) {
      const res = await app.request('/v1/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(orderBody(c.id, { placedAt: at.toISOString() })),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { points: { earned: number } };
      expect(body.points.earned).toBe(treated(OPEN, c.id) ? 2 * BASE : BASE);
    }
    const exposures = (await exposuresOf(OPEN)).filter((x) =>
      newcomers.some((c) => c.id === x.customer_id),
    );
    expect(exposures).toHaveLength(newcomers.length);
    expect(exposures.every((x) => x.exposed_at.getTime() === at.getTime())).toBe(true);
  });
});

describe('rules that name experiments: simulation and validation', () => {
  it('the simulator places customers by variantFor and counts each arm', async () => {
    const res = await t.call('POST', '/v1/rules/simulate', {
      rule: {
        schemaVersion: 1,
        name: 'Double points, open trial',
        trigger: 'order.placed',
        conditions: [arm(OPEN, 'treatment')],
        effects: [{ type: 'points.multiplier', percent: 200 }],
      },
      from: '2026-06-01',
      to: '2026-06-30',
    });
    expect(res.status).toBe(200);
    const orders = await t.database.db
      .selectFrom('sales_order as o')
      .leftJoin('segment_member as m', (j) =>
        j.onRef('m.customer_id', '=', 'o.customer_id').on('m.segment_id', '=', 'seg_open'),
      )
      .select(['o.customer_id', 'm.segment_id'])
      .execute();
    const hand = { control: new Set<string>(), treatment: new Set<string>(), out: new Set() };
    const handOrders = { control: 0, treatment: 0, out: 0 };
    for (const o of orders) {
      const k = o.segment_id ? variantFor(OPEN.salt, o.customer_id, OPEN.variants).key : 'out';
      (hand[k as keyof typeof hand] as Set<string>).add(o.customer_id);
      handOrders[k as keyof typeof handOrders] += 1;
    }
    expect(res.body.ordersEvaluated).toBe(orders.length);
    expect(res.body.ordersMatched).toBe(handOrders.treatment);
    expect(res.body.experiments).toEqual([
      {
        key: OPEN.key,
        status: 'running',
        arms: [
          { variant: 'control', customers: hand.control.size, orders: handOrders.control },
          { variant: 'treatment', customers: hand.treatment.size, orders: handOrders.treatment },
        ],
        outside: { customers: hand.out.size, orders: handOrders.out },
      },
    ]);
  });

  it('a draft experiment can be simulated', async () => {
    const res = await t.call('POST', '/v1/rules/simulate', {
      rule: {
        schemaVersion: 1,
        name: 'draft trial',
        trigger: 'order.placed',
        conditions: [arm(DRAFT, 'treatment')],
        effects: [{ type: 'points.fixed', points: 5 }],
      },
      from: '2026-06-01',
      to: '2026-06-30',
    });
    expect(res.status).toBe(200);
    const arms = res.body.experiments[0].arms as { variant: string; orders: number }[];
    expect(arms.reduce((s, a) => s + a.orders, 0)).toBe(res.body.ordersEvaluated);
    expect(res.body.ordersMatched).toBe(arms.find((a) => a.variant === 'treatment')!.orders);
  });

  it('refuses a rule naming an unknown experiment or arm, by path, and writes nothing', async () => {
    const before = await rowCounts(t);
    const save = (conditions: unknown[]) =>
      t.call('POST', '/v1/rules', {
        document: {
          schemaVersion: 1,
          name: unique('bad'),
          trigger: 'order.placed',
          conditions,
          effects: [{ type: 'points.fixed', points: 5 }],
        },
      });
    const noExperiment = await save([
      { type: 'order.channel', in: ['web'] },
      { type: 'customer.experiment', key: 'no-such-trial', variant: 'treatment' },
    ]);
    expect(noExperiment.status).toBe(422);
    expect(noExperiment.body.code).toBe('rule_experiment_unknown');
    expect(noExperiment.body.errors).toEqual([
      { path: 'document.conditions.1.key', message: 'no experiment no-such-trial' },
    ]);
    const noArm = await save([arm(OPEN, 'triple')]);
    expect(noArm.status).toBe(422);
    expect(noArm.body.errors[0].path).toBe('document.conditions.0.variant');

    const rule = await saveRule('to revise', [], [{ type: 'points.fixed', points: 1 }]);
    const revised = await t.call('PATCH', `/v1/rules/${rule.id}`, {
      document: {
        schemaVersion: 1,
        name: 'to revise',
        trigger: 'order.placed',
        conditions: [arm(OPEN, 'nope')],
        effects: [{ type: 'points.fixed', points: 1 }],
      },
    });
    expect(revised.status).toBe(422);
    expect(revised.body.errors[0].path).toBe('document.conditions.0.variant');
    await t.call('PATCH', `/v1/rules/${rule.id}`, { status: 'archived' });

    const simulated = await t.call('POST', '/v1/rules/simulate', {
      rule: {
        schemaVersion: 1,
        name: 'x',
        trigger: 'order.placed',
        conditions: [{ type: 'customer.experiment', key: 'no-such-trial', variant: 'a' }],
        effects: [{ type: 'points.fixed', points: 5 }],
      },
    });
    expect(simulated.status).toBe(422);
    expect(simulated.body.errors[0].path).toBe('rule.conditions.0.key');
    const after = await rowCounts(t);
    // Only the rule saved (and archived) above was written, with its audit records.
    const others = (counts: Record<string, number>) => ({
      ...counts,
      rule: 0,
      rule_version: 0,
      audit_log: 0,
    });
    expect(others(after)).toEqual(others(before));
    expect(after.rule).toBe(before.rule! + 1);
  });
});
