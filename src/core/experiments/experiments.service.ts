import { randomBytes } from 'node:crypto';
import type { Rule } from '../rules/rules.js';
import type { Clock } from '../shared/clock.js';
import type { FieldIssue } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { validateVariants, variantFor } from './assignment.js';
import {
  CHANGEABLE_WHILE_RUNNING,
  CreateExperimentSchema,
  UpdateExperimentSchema,
  changedFields,
  documentIssues,
  type CreateExperimentInput,
  type UpdateExperimentInput,
} from './experiment-changes.js';
import { sharedReach } from './experiment-overlap.js';
import {
  experimentInvalid,
  experimentKeyTaken,
  experimentNotDraft,
  experimentNotFound,
  experimentNotRunning,
  experimentOverlap,
  experimentReferenceInvalid,
  experimentStopped,
  type ExperimentConflict,
} from './experiments.errors.js';
import type {
  Experiment,
  ExperimentStatus,
  ExperimentStore,
  ExposureSource,
  Population,
} from './experiments.js';

/** The other modules' records an experiment names, as far as checking the names needs. */
export interface ExperimentReferences {
  segment(id: string): Promise<{ archived: boolean } | null>;
  campaignExists(id: string): Promise<boolean>;
  templateExists(key: string): Promise<boolean>;
  reward(id: string): Promise<{ archived: boolean } | null>;
}

/** The database's part in keeping running experiments apart. */
export interface ExperimentCoordination {
  /**
   * Until the caller's transaction ends, no other change of an experiment's status or document
   * runs: a start's overlap check then sees every experiment that started before it.
   */
  lockLifecycle(): Promise<void>;
  /** True when at least one customer is a member of both segments. */
  segmentsShareMember(a: string, b: string): Promise<boolean>;
  /** The segments the customer is a member of. */
  segmentIdsOf(customerId: string): Promise<string[]>;
}

export interface ExperimentDeps {
  experiments: ExperimentStore;
  references: ExperimentReferences;
  coordination: ExperimentCoordination;
  /** Read fresh (not from a cache): the overlap check must see the rules as they are. */
  activeRules(): Promise<Rule[]>;
  clock: Clock;
}

/** An experiment with how many customers each arm has exposed so far (every arm, zeros too). */
export type ExperimentWithExposures = Experiment & { exposures: Record<string, number> };

export interface CustomerExperiment {
  experimentId: string;
  key: string;
  name: string;
  status: ExperimentStatus;
  variant: string;
  /** Null: in a running open experiment's population, not yet touched by a treatment. */
  exposedAt: Date | null;
  source: ExposureSource | null;
}

const SALT_BYTES = 16;

const withExposures = async (
  deps: Pick<ExperimentDeps, 'experiments'>,
  experiment: Experiment,
): Promise<ExperimentWithExposures> => {
  const counts = await deps.experiments.exposureCounts(experiment.id);
  const exposures = Object.fromEntries(experiment.variants.map((v) => [v.key, counts[v.key] ?? 0]));
  return { ...experiment, exposures };
};

const found = async (deps: Pick<ExperimentDeps, 'experiments'>, id: string) => {
  const experiment = await deps.experiments.byId(id);
  if (!experiment) throw experimentNotFound(id);
  return experiment;
};

const zodIssues = (issues: { path: PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.') || 'body', message: i.message }));

/** Arms, planned dates and what arms change, checked as one document. */
const assertDocument = (experiment: Experiment) => {
  validateVariants(experiment.variants);
  const issues = documentIssues(experiment);
  if (issues.length > 0) throw experimentInvalid(issues);
};

/** Every segment, campaign, template and reward the experiment names exists and is not archived. */
const assertReferences = async (deps: ExperimentDeps, experiment: Experiment) => {
  const issues: FieldIssue[] = [];
  const { segmentId } = experiment.population;
  if (segmentId !== null) {
    const segment = await deps.references.segment(segmentId);
    if (!segment) issues.push({ path: 'population.segmentId', message: `no segment ${segmentId}` });
    else if (segment.archived) {
      issues.push({ path: 'population.segmentId', message: `segment ${segmentId} is archived` });
    }
  }
  for (const [i, id] of experiment.targets.campaignIds.entries()) {
    if (!(await deps.references.campaignExists(id))) {
      issues.push({ path: `targets.campaignIds.${i}`, message: `no campaign ${id}` });
    }
  }
  for (const [i, variant] of experiment.variants.entries()) {
    const { templateKey } = variant;
    if (templateKey !== null && !(await deps.references.templateExists(templateKey))) {
      issues.push({ path: `variants.${i}.templateKey`, message: `no template ${templateKey}` });
    }
    for (const [j, id] of variant.rewardIds.entries()) {
      const reward = await deps.references.reward(id);
      const problem = !reward
        ? `no reward ${id}`
        : reward.archived
          ? `reward ${id} is archived`
          : null;
      if (problem) issues.push({ path: `variants.${i}.rewardIds.${j}`, message: problem });
    }
  }
  if (issues.length > 0) throw experimentReferenceInvalid(issues);
};

export const getExperiment = async (deps: Pick<ExperimentDeps, 'experiments'>, id: string) =>
  withExposures(deps, await found(deps, id));

export const listExperiments = async (
  deps: Pick<ExperimentDeps, 'experiments'>,
  status?: ExperimentStatus,
) => {
  const experiments = await deps.experiments.list(status ? { status } : {});
  return Promise.all(experiments.map((e) => withExposures(deps, e)));
};

/** A draft: nobody is exposed, nothing is treated, until it starts. */
export const createExperiment = async (
  deps: ExperimentDeps,
  input: CreateExperimentInput,
): Promise<ExperimentWithExposures> => {
  const parsed = CreateExperimentSchema.safeParse(input);
  if (!parsed.success) throw experimentInvalid(zodIssues(parsed.error.issues));
  const body = parsed.data;
  const now = deps.clock.now();
  const experiment: Experiment = {
    ...body,
    id: newId('experiment'),
    status: 'draft',
    salt: randomBytes(SALT_BYTES).toString('hex'),
    plannedStartAt: body.plannedStartAt ? new Date(body.plannedStartAt) : null,
    plannedEndAt: body.plannedEndAt ? new Date(body.plannedEndAt) : null,
    startedAt: null,
    stoppedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  assertDocument(experiment);
  if (await deps.experiments.byKey(experiment.key)) throw experimentKeyTaken(experiment.key);
  await assertReferences(deps, experiment);
  await deps.experiments.insert(experiment);
  return withExposures(deps, experiment);
};

/**
 * A draft may change anything but its key; a running experiment its name, hypothesis and planned
 * end; a stopped one nothing. Fields sent with their current value are not changes.
 */
export const updateExperiment = async (
  deps: ExperimentDeps,
  id: string,
  input: UpdateExperimentInput,
): Promise<ExperimentWithExposures> => {
  const parsed = UpdateExperimentSchema.safeParse(input);
  if (!parsed.success) throw experimentInvalid(zodIssues(parsed.error.issues));
  await deps.coordination.lockLifecycle();
  const experiment = await found(deps, id);
  const changes = parsed.data;
  const changed = changedFields(experiment, changes);
  if (changed.length === 0) return withExposures(deps, experiment);
  if (experiment.status === 'stopped') throw experimentStopped(id, changed);
  if (experiment.status === 'running') {
    const frozen = changed.filter(
      (f) => !(CHANGEABLE_WHILE_RUNNING as readonly string[]).includes(f),
    );
    if (frozen.length > 0) throw experimentNotDraft(id, experiment.status, frozen);
  }
  const date = (value: string | null | undefined, current: Date | null) =>
    value === undefined ? current : value === null ? null : new Date(value);
  const updated: Experiment = {
    ...experiment,
    ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    plannedStartAt: date(changes.plannedStartAt, experiment.plannedStartAt),
    plannedEndAt: date(changes.plannedEndAt, experiment.plannedEndAt),
    updatedAt: deps.clock.now(),
  };
  assertDocument(updated);
  if (updated.status === 'draft') await assertReferences(deps, updated);
  await deps.experiments.update(updated);
  return withExposures(deps, updated);
};

const populationsOverlap = async (deps: ExperimentDeps, a: Population, b: Population) => {
  if (a.segmentId === null || b.segmentId === null || a.segmentId === b.segmentId) return true;
  return deps.coordination.segmentsShareMember(a.segmentId, b.segmentId);
};

/** The running experiments the draft would confound: same customers, same means, neither orthogonal. */
const conflictsOf = async (deps: ExperimentDeps, draft: Experiment) => {
  if (draft.orthogonal) return [];
  const running = await deps.experiments.list({ status: 'running' });
  const rules = await deps.activeRules();
  const conflicts: ExperimentConflict[] = [];
  for (const other of running) {
    if (other.orthogonal || other.id === draft.id) continue;
    const shared = sharedReach(draft, other, rules);
    if (shared.length === 0) continue;
    if (!(await populationsOverlap(deps, draft.population, other.population))) continue;
    conflicts.push({ key: other.key, id: other.id, shared });
  }
  return conflicts;
};

/**
 * Starts a draft: its references are checked again (a segment may have been archived since), an
 * overlapping running experiment refuses it, and the population as it is now is exposed with
 * source `start`, each customer in the arm `variantFor` gives. Call inside a transaction: the
 * status change and the exposures commit together.
 */
export const startExperiment = async (
  deps: ExperimentDeps,
  id: string,
): Promise<ExperimentWithExposures> => {
  await deps.coordination.lockLifecycle();
  const experiment = await found(deps, id);
  if (experiment.status !== 'draft') throw experimentNotDraft(id, experiment.status, []);
  assertDocument(experiment);
  await assertReferences(deps, experiment);
  const conflicts = await conflictsOf(deps, experiment);
  if (conflicts.length > 0) throw experimentOverlap(experiment.key, conflicts);
  const now = deps.clock.now();
  const running: Experiment = { ...experiment, status: 'running', startedAt: now, updatedAt: now };
  await deps.experiments.update(running);
  await deps.experiments.exposePopulation(running, now);
  return withExposures(deps, running);
};

/** Ends the treatments (everyone gets the default again); exposures stay for the results. */
export const stopExperiment = async (
  deps: ExperimentDeps,
  id: string,
): Promise<ExperimentWithExposures> => {
  await deps.coordination.lockLifecycle();
  const experiment = await found(deps, id);
  if (experiment.status !== 'running') throw experimentNotRunning(id, experiment.status);
  const now = deps.clock.now();
  const stopped: Experiment = { ...experiment, status: 'stopped', stoppedAt: now, updatedAt: now };
  await deps.experiments.update(stopped);
  return withExposures(deps, stopped);
};

/** In an open population while it runs: a member of its segment (or anyone not erased). */
const inOpenPopulation = (
  experiment: Experiment,
  customer: { erasedAt: Date | null },
  segmentIds: string[],
) =>
  experiment.population.entry === 'open' &&
  customer.erasedAt === null &&
  (experiment.population.segmentId === null ||
    segmentIds.includes(experiment.population.segmentId));

/**
 * The running experiments the customer is in (exposed, or in an open population and not yet
 * touched: their arm is shown as assigned, unexposed), then the stopped ones they were exposed to.
 */
export const customerExperiments = async (
  deps: Pick<ExperimentDeps, 'experiments' | 'coordination'>,
  customer: { id: string; erasedAt: Date | null },
): Promise<CustomerExperiment[]> => {
  const exposures = new Map(
    (await deps.experiments.exposuresOf(customer.id)).map((x) => [x.experimentId, x]),
  );
  const running = await deps.experiments.list({ status: 'running' });
  const segmentIds = await deps.coordination.segmentIdsOf(customer.id);
  const out: CustomerExperiment[] = [];
  const entry = (e: Experiment, variant: string) => ({
    experimentId: e.id,
    key: e.key,
    name: e.name,
    status: e.status,
    variant,
  });
  for (const experiment of running) {
    const exposure = exposures.get(experiment.id);
    if (exposure) {
      out.push({
        ...entry(experiment, exposure.variant),
        exposedAt: exposure.exposedAt,
        source: exposure.source,
      });
    } else if (inOpenPopulation(experiment, customer, segmentIds)) {
      const arm = variantFor(experiment.salt, customer.id, experiment.variants).key;
      out.push({ ...entry(experiment, arm), exposedAt: null, source: null });
    }
  }
  const runningIds = new Set(running.map((e) => e.id));
  for (const exposure of exposures.values()) {
    if (runningIds.has(exposure.experimentId)) continue;
    const experiment = await found(deps, exposure.experimentId);
    out.push({
      ...entry(experiment, exposure.variant),
      exposedAt: exposure.exposedAt,
      source: exposure.source,
    });
  }
  return out;
};
