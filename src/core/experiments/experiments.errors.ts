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
