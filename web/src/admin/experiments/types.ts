import type { Schemas } from '../../shared/api';
import { everyValue } from '../../shared/every-value';

/**
 * The experiment as the API gives it (docs/experiments.md): dates are ISO instants, `exposures`
 * counts the customers exposed per arm key; the salt is never sent.
 */
export type Experiment = Schemas['Experiment'];
export type ExperimentStatus = Experiment['status'];
export const EXPERIMENT_STATUSES = everyValue<ExperimentStatus>()(['draft', 'running', 'stopped']);
