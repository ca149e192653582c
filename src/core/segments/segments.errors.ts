import { DomainError, type FieldIssue } from '../shared/errors.js';

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

/** A definition names segments (`{field: 'segment'}`) that it may not: each fault with its path. */
export const badSegmentReferences = (
  code: 'segment_reference_not_found' | 'segment_reference_archived' | 'segment_reference_cycle',
  issues: FieldIssue[],
) =>
  new DomainError(
    'invalid',
    code,
    `The definition refers to segments it cannot use: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { paths: issues.map((i) => i.path) },
    issues,
  );

/** Archiving a segment that live definitions read would change their members silently. */
export const segmentInUse = (id: string, dependants: { id: string; key: string }[]) =>
  new DomainError(
    'conflict',
    'segment_in_use',
    `Segment ${id} is used by ${dependants.map((d) => `${d.key} (${d.id})`).join(', ')}: remove it from their definitions first`,
    { id, dependants },
  );
