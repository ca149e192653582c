import { DomainError } from '../shared/errors.js';

export const segmentNotFound = (id: string) =>
  new DomainError('not_found', 'segment_not_found', `No segment ${id}`, { id });

export const segmentKeyTaken = (key: string) =>
  new DomainError('conflict', 'segment_key_taken', `A segment with key ${key} exists`, { key }, [
    { path: 'key', message: `${key} is taken` },
  ]);

export const segmentArchived = (id: string) =>
  new DomainError('conflict', 'segment_archived', `Segment ${id} is archived`, { id });

/** Refresh applies to dynamic segments; uploads to static ones. */
export const wrongSegmentKind = (id: string, expected: 'dynamic' | 'static', path = 'id') =>
  new DomainError(
    'invalid',
    'segment_kind_mismatch',
    `Segment ${id} is not ${expected}: only a ${expected} segment can do this`,
    { id, expected },
    [{ path, message: `not a ${expected} segment` }],
  );

export const badCsv = (line: number, message: string) =>
  new DomainError(
    'invalid',
    'invalid_csv',
    `The CSV is invalid at line ${line}: ${message}`,
    {
      line,
    },
    [{ path: `body.line.${line}`, message }],
  );
