import { DomainError } from '../shared/errors.js';

export const experimentNotFound = (id: string) =>
  new DomainError('not_found', 'experiment_not_found', `No experiment ${id}`, { id });

/** A draft has no exposures and no arms fixed yet: there is nothing to measure. */
export const experimentNotStarted = (key: string) =>
  new DomainError(
    'conflict',
    'experiment_not_started',
    `Experiment ${key} is a draft: start it before asking for its results`,
    { key },
  );

/** The population names a segment that does not exist (or is archived). */
export const populationSegmentUnknown = (segmentId: string) =>
  new DomainError(
    'invalid',
    'experiment_segment_unknown',
    `Segment ${segmentId} does not exist or is archived`,
    { segmentId },
    [{ path: 'population.segmentId', message: `no active segment ${segmentId}` }],
  );
