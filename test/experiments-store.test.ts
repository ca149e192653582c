import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { variantFor } from '../src/core/experiments/assignment.js';
import { VariantSchema, type Experiment } from '../src/core/experiments/experiments.js';
import { experimentMetricCells } from '../src/db/experiments/experiment-metrics.queries.js';
import { experimentRepository } from '../src/db/experiments/experiments.repository.js';
import type { Database } from '../src/db/dialect.js';
import { openTestDatabase } from './support/database.js';
import { experimentFixture } from './support/experiment-fixture.js';

const at = new Date('2026-12-01T10:00:00Z');

// Three arms of unequal weights, so an arm computed in SQL that differs from JavaScript shows.
const experiment = (id: string, overrides: Partial<Experiment> = {}) =>
  experimentFixture(id, at, {
    variants: VariantSchema.array().parse([
      { key: 'control', name: 'Control', weight: 10, control: true },
      { key: 'double', name: 'Double points', weight: 30 },
      { key: 'triple', name: 'Triple points', weight: 60 },
    ]),
    ...overrides,
  });

describe('experiment storage: arms computed in SQL as in JavaScript, exposures once', () => {
  let database: Database;
  const ids = Array.from({ length: 3_000 }, (_, i) => `cus_${String(i).padStart(6, '0')}é`);

  beforeAll(async () => {
    database = await openTestDatabase();
    for (let i = 0; i < ids.length; i += 1_000) {
      await database.db
        .insertInto('customer')
        .values(ids.slice(i, i + 1_000).map((id) => ({ id, created_at: at, updated_at: at })))
        .execute();
    }
  });
  afterAll(async () => {
    await database.close();
  });

  it('round-trips an experiment document', async () => {
    const store = experimentRepository(database.db);
    const stored = experiment('exp_roundtrip', { status: 'draft', startedAt: null });
    await store.insert(stored);
    expect(await store.byId(stored.id)).toEqual(stored);
    expect(await store.byKey('exp-roundtrip')).toEqual(stored);
    await store.update({ ...stored, name: 'renamed' });
    expect((await store.byId(stored.id))?.name).toBe('renamed');
  });

  it('exposes a whole population with the arm variantFor gives each customer', async () => {
    const store = experimentRepository(database.db);
    const e = experiment('exp_population');
    await store.insert(e);
    expect(await store.exposePopulation(e, at)).toBe(ids.length);
    const rows = await database.db
      .selectFrom('experiment_exposure')
      .select(['customer_id', 'variant', 'source'])
      .where('experiment_id', '=', e.id)
      .execute();
    const wrong = rows.filter(
      (r) => r.variant !== variantFor(e.salt, r.customer_id, e.variants).key,
    );
    expect(wrong).toEqual([]);
    const counts = await store.exposureCounts(e.id);
    expect(Object.keys(counts).sort()).toEqual(['control', 'double', 'triple']);
    expect(counts.triple! / ids.length).toBeGreaterThan(0.55);
    // Exposing again adds nobody: the first exposure stays.
    expect(await store.exposePopulation(e, new Date('2026-12-02T00:00:00Z'))).toBe(0);
  });

  it('keeps the first exposure of a customer and ignores later ones', async () => {
    const store = experimentRepository(database.db);
    const e = experiment('exp_first');
    await store.insert(e);
    const first = {
      experimentId: e.id,
      customerId: ids[0]!,
      variant: 'double',
      source: 'rule' as const,
    };
    expect(await store.recordExposures([{ ...first, exposedAt: at }])).toBe(1);
    const later = new Date('2026-12-03T00:00:00Z');
    expect(await store.recordExposures([{ ...first, exposedAt: later, source: 'message' }])).toBe(
      0,
    );
    const mine = await store.exposuresOf(ids[0]!);
    expect(mine.find((x) => x.experimentId === e.id)).toEqual({ ...first, exposedAt: at });
  });
});

describe('the segment an exposure keeps: the one the customer had when exposed', () => {
  let database: Database;
  const ids = ['cus_seg_a', 'cus_seg_b', 'cus_seg_c'];
  const segmentOf = (segment: string | null, stage: string) => ({
    rfm_segment: segment,
    lifecycle_stage: stage,
  });

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db
      .insertInto('customer')
      .values(ids.map((id) => ({ id, created_at: at, updated_at: at })))
      .execute();
    // cus_seg_c was never analysed: it is exposed as unknown.
    await database.db
      .insertInto('customer_analytics')
      .values([
        { customer_id: 'cus_seg_a', as_of: at, ...segmentOf('champions', 'active') },
        { customer_id: 'cus_seg_b', as_of: at, ...segmentOf('at_risk', 'lapsing') },
      ])
      .execute();
  });
  afterAll(async () => {
    await database.close();
  });

  const storedSegments = (experimentId: string) =>
    database.db
      .selectFrom('experiment_exposure')
      .select(['customer_id', 'rfm_segment', 'lifecycle_stage'])
      .where('experiment_id', '=', experimentId)
      .orderBy('customer_id')
      .execute();

  it('is stored by exposePopulation and by recordExposures alike', async () => {
    const store = experimentRepository(database.db);
    const started = experiment('exp_seg_start');
    const recorded = experiment('exp_seg_rule');
    await store.insert(started);
    await store.insert(recorded);
    await store.exposePopulation(started, at);
    await store.recordExposures(
      ids.map((customerId) => ({
        experimentId: recorded.id,
        customerId,
        variant: variantFor(recorded.salt, customerId, recorded.variants).key,
        exposedAt: at,
        source: 'rule' as const,
      })),
    );
    const expected = [
      { customer_id: 'cus_seg_a', ...segmentOf('champions', 'active') },
      { customer_id: 'cus_seg_b', ...segmentOf('at_risk', 'lapsing') },
      { customer_id: 'cus_seg_c', rfm_segment: null, lifecycle_stage: null },
    ];
    expect(await storedSegments(started.id)).toEqual(expected);
    expect(await storedSegments(recorded.id)).toEqual(expected);
  });

  it('groups the results by it, not by the segment analytics gives today', async () => {
    const e = experiment('exp_seg_later');
    const store = experimentRepository(database.db);
    await store.insert(e);
    await store.exposePopulation(e, at);
    // Treated customers may move segment because of the treatment; the breakdown must not follow.
    await database.db.updateTable('customer_analytics').set(segmentOf('lost', 'lapsed')).execute();
    const cells = await experimentMetricCells(database.db, {
      experimentId: e.id,
      asOf: new Date(at.getTime() + 86_400_000),
      metrics: e.metrics,
      currency: 'GBP',
      pointValueMilliMinor: 10,
    });
    const groups = cells.map((c) => `${c.rfmSegment}/${c.lifecycleStage}`).sort();
    expect(new Set(groups)).toEqual(
      new Set(['champions/active', 'at_risk/lapsing', 'unknown/unknown']),
    );
    expect(cells.reduce((n, c) => n + c.n, 0)).toBe(3);
  });
});
