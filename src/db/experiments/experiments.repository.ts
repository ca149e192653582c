import { sql, type Kysely, type Selectable } from 'kysely';
import {
  MetricSettingsSchema,
  PopulationSchema,
  TargetsSchema,
  VariantSchema,
  type Experiment,
  type ExperimentStore,
  type Exposure,
} from '../../core/experiments/experiments.js';
import type { DB, ExperimentTable } from '../schema.js';

// Rows per insert statement (5 columns each, well under PostgreSQL's 65,535 parameters).
const CHUNK = 2_000;

const toExperiment = (row: Selectable<ExperimentTable>): Experiment => ({
  id: row.id,
  key: row.key,
  name: row.name,
  hypothesis: row.hypothesis,
  status: row.status,
  salt: row.salt,
  // Stored documents were checked when written; parsing fills defaults added since.
  population: PopulationSchema.parse(row.population),
  variants: VariantSchema.array().parse(row.variants),
  targets: TargetsSchema.parse(row.targets),
  metrics: MetricSettingsSchema.parse(row.metrics),
  orthogonal: row.orthogonal,
  plannedStartAt: row.planned_start_at,
  plannedEndAt: row.planned_end_at,
  startedAt: row.started_at,
  stoppedAt: row.stopped_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (e: Experiment) => ({
  id: e.id,
  key: e.key,
  name: e.name,
  hypothesis: e.hypothesis,
  status: e.status,
  salt: e.salt,
  population: JSON.stringify(e.population),
  variants: JSON.stringify(e.variants),
  targets: JSON.stringify(e.targets),
  metrics: JSON.stringify(e.metrics),
  orthogonal: e.orthogonal,
  planned_start_at: e.plannedStartAt,
  planned_end_at: e.plannedEndAt,
  started_at: e.startedAt,
  stopped_at: e.stoppedAt,
  created_at: e.createdAt,
  updated_at: e.updatedAt,
});

/**
 * The customer's place in [0, 1) as `stablePosition` computes it: the first 48 bits of
 * sha256(salt, NUL, id) over 2^48. Both are exact in a double, so SQL and JavaScript agree.
 */
const positionOf = (salt: string, customerId: ReturnType<typeof sql.ref>) =>
  sql<number>`(('x' || encode(substring(sha256(convert_to(${salt}, 'UTF8') || '\\x00'::bytea || convert_to(${customerId}, 'UTF8')) from 1 for 6), 'hex'))::bit(48)::bigint)::float8 / 281474976710656.0`;

/** The arm `variantFor` picks, as a CASE over the cumulative weights (computed here, as there). */
const armOf = (experiment: Experiment, position: ReturnType<typeof positionOf>) => {
  const total = experiment.variants.reduce((sum, v) => sum + v.weight, 0);
  let cumulative = 0;
  const arms = experiment.variants.slice(0, -1).map((v) => {
    cumulative += v.weight;
    return sql`when ${position} * ${total}::float8 < ${cumulative}::float8 then ${v.key}`;
  });
  const last = experiment.variants[experiment.variants.length - 1]!.key;
  return sql<string>`case ${sql.join(arms, sql` `)} else ${last} end`;
};

export const experimentRepository = (db: Kysely<DB>): ExperimentStore => ({
  async insert(experiment) {
    await db.insertInto('experiment').values(toRow(experiment)).execute();
  },

  async update(experiment) {
    const { id, ...row } = toRow(experiment);
    await db.updateTable('experiment').set(row).where('id', '=', id).execute();
  },

  async byId(id) {
    const row = await db
      .selectFrom('experiment')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toExperiment(row) : null;
  },

  async byKey(key) {
    const row = await db
      .selectFrom('experiment')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? toExperiment(row) : null;
  },

  async list({ status }) {
    let query = db.selectFrom('experiment').selectAll().orderBy('created_at', 'desc').orderBy('id');
    if (status) query = query.where('status', '=', status);
    return (await query.execute()).map(toExperiment);
  },

  // Each exposure takes the customer's segment and stage from the last analytics refresh, in the
  // same statement, so the breakdown by segment groups customers as they were before treatment.
  async recordExposures(exposures: Exposure[]) {
    let added = 0;
    for (let i = 0; i < exposures.length; i += CHUNK) {
      const rows = exposures
        .slice(i, i + CHUNK)
        .map(
          (e) =>
            sql`(${e.experimentId}, ${e.customerId}, ${e.variant}, ${e.exposedAt}::timestamptz, ${e.source})`,
        );
      const result = await sql`
        insert into experiment_exposure
               (experiment_id, customer_id, variant, exposed_at, source, rfm_segment, lifecycle_stage)
        select v.experiment_id, v.customer_id, v.variant, v.exposed_at, v.source,
               a.rfm_segment, a.lifecycle_stage
          from (values ${sql.join(rows)}) as v (experiment_id, customer_id, variant, exposed_at, source)
          left join customer_analytics a on a.customer_id = v.customer_id
        on conflict (experiment_id, customer_id) do nothing
      `.execute(db);
      added += Number(result.numAffectedRows ?? 0);
    }
    return added;
  },

  async exposePopulation(experiment, at) {
    const segmentId = experiment.population.segmentId;
    const position = positionOf(experiment.salt, sql.ref('c.id'));
    const members = db
      .selectFrom('customer as c')
      .leftJoin('customer_analytics as a', 'a.customer_id', 'c.id')
      .where('c.erased_at', 'is', null)
      .$if(segmentId !== null, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('segment_member as sm')
              .select(sql.lit(1).as('one'))
              .whereRef('sm.customer_id', '=', 'c.id')
              .where('sm.segment_id', '=', segmentId!),
          ),
        ),
      )
      .select([
        sql.val(experiment.id).as('experiment_id'),
        'c.id as customer_id',
        armOf(experiment, position).as('variant'),
        sql.val(at).as('exposed_at'),
        sql.lit('start').as('source'),
        'a.rfm_segment',
        'a.lifecycle_stage',
      ]);
    const result = await db
      .insertInto('experiment_exposure')
      .columns([
        'experiment_id',
        'customer_id',
        'variant',
        'exposed_at',
        'source',
        'rfm_segment',
        'lifecycle_stage',
      ])
      .expression(members)
      .onConflict((oc) => oc.columns(['experiment_id', 'customer_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  },

  async exposuresOf(customerId) {
    const rows = await db
      .selectFrom('experiment_exposure as x')
      .innerJoin('experiment as e', 'e.id', 'x.experiment_id')
      .select(['x.experiment_id', 'x.customer_id', 'x.variant', 'x.exposed_at', 'x.source'])
      .where('x.customer_id', '=', customerId)
      .orderBy('e.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      experimentId: r.experiment_id,
      customerId: r.customer_id,
      variant: r.variant,
      exposedAt: r.exposed_at,
      source: r.source,
    }));
  },

  async exposureCounts(experimentId) {
    const rows = await db
      .selectFrom('experiment_exposure')
      .select(['variant', (eb) => eb.fn.countAll<string>().as('n')])
      .where('experiment_id', '=', experimentId)
      .groupBy('variant')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.variant, Number(r.n)]));
  },
});
