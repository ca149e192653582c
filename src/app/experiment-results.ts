/**
 * An experiment's results and the power estimate before start: the database's sums handed to the
 * pure analysis in src/core/experiments. Adapters (HTTP, CLI) call these, not the queries.
 */
import type { Kysely } from 'kysely';
import type { Experiment } from '../core/experiments/experiments.js';
import { powerPlan, type PowerPlan, type PowerPlanInput } from '../core/experiments/power-plan.js';
import { experimentResults, type ExperimentResults } from '../core/experiments/results.js';
import {
  experimentNotFound,
  experimentNotStarted,
  populationSegmentUnknown,
} from '../core/experiments/results.errors.js';
import type { ProgrammeSettings } from '../core/programme/programme.js';
import { currencyExponent } from '../core/shared/money.js';
import {
  activeSegmentExists,
  populationBaseline,
} from '../db/experiments/experiment-baseline.queries.js';
import { experimentMetricCells } from '../db/experiments/experiment-metrics.queries.js';
import { experimentRepository } from '../db/experiments/experiments.repository.js';
import type { DB } from '../db/schema.js';

type Programme = Pick<ProgrammeSettings, 'currency' | 'pointValueMilliMinor'>;

/** The experiment by id, or by key when `by` says so; not found is an error. */
export const experimentNamed = async (
  db: Kysely<DB>,
  idOrKey: string,
  by: 'id' | 'key' = 'id',
): Promise<Experiment> => {
  const store = experimentRepository(db);
  const found = by === 'id' ? await store.byId(idOrKey) : await store.byKey(idOrKey);
  if (!found) throw experimentNotFound(idOrKey);
  return found;
};

/** The results document as of `asOf` (default: now); a draft has none. */
export const resultsOf = async (
  db: Kysely<DB>,
  programme: Programme,
  experiment: Experiment,
  asOf: Date,
): Promise<ExperimentResults & { experiment: ExperimentHeading }> => {
  if (experiment.status === 'draft') throw experimentNotStarted(experiment.key);
  const cells = await experimentMetricCells(db, {
    experimentId: experiment.id,
    asOf,
    metrics: experiment.metrics,
    currency: programme.currency,
    pointValueMilliMinor: programme.pointValueMilliMinor,
  });
  const results = experimentResults({
    variants: experiment.variants,
    metrics: experiment.metrics,
    asOf,
    currency: programme.currency,
    currencyExponent: currencyExponent(programme.currency),
    cells,
  });
  const { id, key, name, status } = experiment;
  return { experiment: { id, key, name, status }, ...results };
};

export type ExperimentHeading = Pick<Experiment, 'id' | 'key' | 'name' | 'status'>;

export interface PowerRequest extends Omit<PowerPlanInput, 'baseline'> {
  segmentId: string | null;
}

/** Baseline from the population's last horizon, then the plan. */
export const powerFor = async (
  db: Kysely<DB>,
  programme: Programme,
  request: PowerRequest,
  asOf: Date,
): Promise<PowerPlan> => {
  if (request.segmentId !== null) {
    if (!(await activeSegmentExists(db, request.segmentId))) {
      throw populationSegmentUnknown(request.segmentId);
    }
  }
  const baseline = await populationBaseline(db, {
    segmentId: request.segmentId,
    asOf,
    horizonDays: request.horizonDays,
    currency: programme.currency,
  });
  return powerPlan({ ...request, baseline });
};
