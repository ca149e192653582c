import { DomainError } from '../shared/errors.js';

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
