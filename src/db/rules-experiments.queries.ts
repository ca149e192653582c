import { sql, type Kysely } from 'kysely';
import { PopulationSchema, VariantSchema } from '../core/experiments/experiments.js';
import type { Exposure } from '../core/experiments/experiments.js';
import {
  experimentKeysOf,
  type ExperimentFacts,
  type RuleExperiment,
} from '../core/rules/rules.experiments.js';
import type { RuleDocument } from '../core/rules/rules.js';
import type { SimulationExperiment } from '../core/rules/rules.simulate.js';
import { experimentRepository } from './experiments/experiments.repository.js';
import type { DB } from './schema.js';

/** What earning rules need of experiments: no metrics, targets or texts. */
const ruleExperiments = (db: Kysely<DB>) =>
  db
    .selectFrom('experiment')
    .select(['id', 'key', 'status', 'salt', 'population', 'variants', 'started_at']);

type Row = Awaited<ReturnType<ReturnType<typeof ruleExperiments>['execute']>>[number];

// Stored documents were checked when written; parsing fills defaults added since.
const toRuleExperiment = (r: Row): RuleExperiment => ({
  id: r.id,
  key: r.key,
  status: r.status,
  salt: r.salt,
  population: PopulationSchema.parse(r.population),
  variants: VariantSchema.array().parse(r.variants),
  startedAt: r.started_at,
});

/** The running experiments (a partial index holds them): cached per process by the server. */
export const runningExperiments = async (db: Kysely<DB>): Promise<RuleExperiment[]> =>
  (await ruleExperiments(db).where('status', '=', 'running').execute()).map(toRuleExperiment);

/** The experiments with these keys, whatever their status (rule checks and simulations). */
export const experimentsByKey = async (
  db: Kysely<DB>,
  keys: string[],
): Promise<RuleExperiment[]> =>
  keys.length === 0
    ? []
    : (await ruleExperiments(db).where('key', 'in', keys).execute()).map(toRuleExperiment);

/**
 * One statement: the customers' exposures to these experiments (primary key) and the open
 * populations' segments they belong to (segment_member's key), as one list of tagged rows. A
 * write batch asks once for all its members, so an experiment costs no query per order.
 */
export const experimentFactsOfMembers = async (
  db: Kysely<DB>,
  customerIds: string[],
  experimentIds: string[],
  segmentIds: string[],
): Promise<Map<string, ExperimentFacts>> => {
  const facts = new Map<string, ExperimentFacts>(
    customerIds.map((id) => [id, { exposed: {}, segmentIds: [] }]),
  );
  if (experimentIds.length === 0 || customerIds.length === 0) return facts;
  const exposures = db
    .selectFrom('experiment_exposure')
    .select(['customer_id', sql.lit('x').as('kind'), 'experiment_id as ref', 'variant'])
    .where('customer_id', 'in', customerIds)
    .where('experiment_id', 'in', experimentIds);
  const rows = await (
    segmentIds.length === 0
      ? exposures
      : exposures.unionAll(
          db
            .selectFrom('segment_member')
            .select([
              'customer_id',
              sql.lit('s').as('kind'),
              'segment_id as ref',
              sql<string>`''`.as('variant'),
            ])
            .where('customer_id', 'in', customerIds)
            .where('segment_id', 'in', segmentIds),
        )
  ).execute();
  for (const r of rows) {
    const own = facts.get(r.customer_id)!;
    if (r.kind === 'x') own.exposed[r.ref] = r.variant;
    else own.segmentIds.push(r.ref);
  }
  return facts;
};

/** The same for one customer (orders taken one at a time). */
export const experimentFactsOf = async (
  db: Kysely<DB>,
  customerId: string,
  experimentIds: string[],
  segmentIds: string[],
): Promise<ExperimentFacts> =>
  (await experimentFactsOfMembers(db, [customerId], experimentIds, segmentIds)).get(customerId)!;

export const recordRuleExposures = async (db: Kysely<DB>, exposures: Exposure[]) => {
  if (exposures.length > 0) await experimentRepository(db).recordExposures(exposures);
};

/** The experiments a rule to simulate names, with their population's segment key. */
export const simulationExperiments = async (
  db: Kysely<DB>,
  document: RuleDocument,
): Promise<SimulationExperiment[]> => {
  const experiments = await experimentsByKey(db, [...new Set(experimentKeysOf(document))]);
  const segmentIds = experiments.flatMap((e) => e.population.segmentId ?? []);
  const segments = segmentIds.length
    ? await db.selectFrom('segment').select(['id', 'key']).where('id', 'in', segmentIds).execute()
    : [];
  return experiments.map((e) => ({
    ...e,
    segmentKey:
      e.population.segmentId === null
        ? null
        : (segments.find((s) => s.id === e.population.segmentId)?.key ?? e.population.segmentId),
  }));
};
