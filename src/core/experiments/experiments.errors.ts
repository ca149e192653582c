import { DomainError, type FieldIssue } from '../shared/errors.js';

/** Bad figures handed to a statistic; `path` names the arm and field, e.g. `control.n`. */
export const invalidStatisticInput = (path: string, message: string) =>
  new DomainError('invalid', 'experiment_statistic_invalid', `${path}: ${message}`, {}, [
    { path, message },
  ]);

/** A variance needs two observations; one customer in an arm says nothing about spread. */
export const sampleTooSmall = (path: string, n: number) =>
  new DomainError(
    'invalid',
    'experiment_sample_too_small',
    `${path}: at least 2 observations are needed, got ${n}`,
    { n },
    [{ path, message: `at least 2 observations are needed, got ${n}` }],
  );

const listed = (issues: FieldIssue[]) => issues.map((i) => `${i.path}: ${i.message}`).join('; ');

/** An experiment's arms that cannot be used; each issue names the field, e.g. `variants.1.weight`. */
export const variantsInvalid = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'experiment_variants_invalid',
    `The experiment's variants are invalid: ${listed(issues)}`,
    {},
    issues,
  );

/** Counts for the sample-ratio check that do not match the arms or are not counts. */
export const exposuresInvalid = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'experiment_exposures_invalid',
    `The exposure counts are invalid: ${listed(issues)}`,
    {},
    issues,
  );

/** A power or duration question that has no answer (a rate outside (0, 1), no customers, …). */
export const powerInputInvalid = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'experiment_power_input_invalid',
    `The power calculation's input is invalid: ${listed(issues)}`,
    {},
    issues,
  );

export const experimentNotFound = (id: string) =>
  new DomainError('not_found', 'experiment_not_found', `No experiment ${id}`, { id });

export const experimentKeyTaken = (key: string) =>
  new DomainError(
    'conflict',
    'experiment_key_taken',
    `An experiment with key ${key} exists`,
    { key },
    [{ path: 'key', message: `${key} is taken` }],
  );

/** A document that breaks a rule the schema cannot state alone (dates in order, …). */
export const experimentInvalid = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'experiment_invalid',
    `The experiment is invalid: ${listed(issues)}`,
    {},
    issues,
  );

/** Population, arms, targets and metrics are fixed once it runs: customers' arms depend on them. */
export const experimentNotDraft = (id: string, status: string, fields: string[]) =>
  new DomainError(
    'conflict',
    'experiment_not_draft',
    fields.length > 0
      ? `Experiment ${id} is ${status}: ${fields.join(', ')} may change only while it is a draft`
      : `Experiment ${id} is ${status}, not a draft`,
    { id, status, fields },
    fields.map((path) => ({ path, message: `may change only while the experiment is a draft` })),
  );

export const experimentNotRunning = (id: string, status: string) =>
  new DomainError(
    'conflict',
    'experiment_not_running',
    `Experiment ${id} is ${status}, not running`,
    {
      id,
      status,
    },
  );

/** A stopped experiment is a record of what happened: nothing about it changes any more. */
export const experimentStopped = (id: string, fields: string[]) =>
  new DomainError(
    'conflict',
    'experiment_stopped',
    `Experiment ${id} is stopped: nothing may change (${fields.join(', ')})`,
    { id, fields },
    fields.map((path) => ({ path, message: 'the experiment is stopped' })),
  );

export interface ExperimentConflict {
  /** The running experiment's key and id. */
  key: string;
  id: string;
  /** What both reach, e.g. `campaign cmp_1`, `journey birthday`, `trigger order.placed`. */
  shared: string[];
}

/** Two experiments treating the same customers through the same means confound each other. */
export const experimentOverlap = (key: string, conflicts: ExperimentConflict[]) =>
  new DomainError(
    'conflict',
    'experiment_overlap',
    `Experiment ${key} overlaps running ${conflicts
      .map((c) => `${c.key} (shares ${c.shared.join(', ')})`)
      .join('; ')}: their populations share customers; mark either orthogonal to run both`,
    { key, conflicts },
  );

/** The experiment names segments, campaigns, templates or rewards that do not exist (or are archived). */
export const experimentReferenceInvalid = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'experiment_reference_invalid',
    `The experiment refers to what it cannot use: ${listed(issues)}`,
    { paths: issues.map((i) => i.path) },
    issues,
  );
