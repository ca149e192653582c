import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import {
  checkReferences,
  dependantsOf,
  referencedIds,
  referencesOf,
} from './segment-references.js';
import type { SegmentDefinition, SegmentNode } from './segments.js';

const def = (filter: SegmentNode): SegmentDefinition => ({ schemaVersion: 1, filter });
const spend: SegmentNode = { field: 'totalSpendMinor', gte: 100 };
const named = (id: string, filter: SegmentNode | null, archived = false) => ({
  id,
  key: id.replace('seg_', ''),
  definition: filter ? def(filter) : null,
  archivedAt: archived ? new Date('2026-01-01T00:00:00Z') : null,
});

/** a → b → c (c a static list), d names a and b (a diamond over b), old is archived. */
const graph = new Map(
  [
    named('seg_a', { all: [spend, { field: 'segment', in: ['seg_b'] }] }),
    named('seg_b', { field: 'segment', notIn: ['seg_c'] }),
    named('seg_c', null),
    named('seg_d', { any: [{ field: 'segment', in: ['seg_a', 'seg_b'] }] }),
    named('seg_old', { field: 'segment', in: ['seg_a'] }, true),
  ].map((s) => [s.id, s]),
);

const refusal = (run: () => void) => {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, issues: error.issues };
  }
  return null;
};

describe('segment references', () => {
  it('lists each id with its path in the request body, and the distinct ids', () => {
    const definition = def({
      all: [
        { field: 'segment', in: ['seg_a', 'seg_b'] },
        { not: { field: 'segment', notIn: ['seg_a'] } },
      ],
    });
    expect(referencesOf(definition)).toEqual([
      { id: 'seg_a', path: 'definition.filter.all.0.in.0' },
      { id: 'seg_b', path: 'definition.filter.all.0.in.1' },
      { id: 'seg_a', path: 'definition.filter.all.1.not.notIn.0' },
    ]);
    expect(referencedIds(definition)).toEqual(['seg_a', 'seg_b']);
    expect(referencedIds(null)).toEqual([]);
  });

  it('accepts live segments, static lists and diamonds that do not lead back', () => {
    const d = def({ field: 'segment', in: ['seg_a', 'seg_b', 'seg_c'] });
    expect(refusal(() => checkReferences(graph, d, null))).toBeNull();
    expect(refusal(() => checkReferences(graph, d, graph.get('seg_d')!))).toBeNull();
  });

  it('refuses unknown ids first, then archived ones, each at its path', () => {
    const both = def({ field: 'segment', in: ['seg_old', 'seg_x'] });
    expect(refusal(() => checkReferences(graph, both, null))).toEqual({
      code: 'segment_reference_not_found',
      issues: [{ path: 'definition.filter.in.1', message: 'no segment seg_x' }],
    });
    const old = def({ field: 'segment', notIn: ['seg_old'] });
    expect(refusal(() => checkReferences(graph, old, null))).toEqual({
      code: 'segment_reference_archived',
      issues: [{ path: 'definition.filter.notIn.0', message: 'segment seg_old is archived' }],
    });
  });

  it('refuses itself and any chain leading back, naming the chain by key', () => {
    const self = def({ field: 'segment', in: ['seg_b'] });
    expect(refusal(() => checkReferences(graph, self, graph.get('seg_b')!))).toEqual({
      code: 'segment_reference_cycle',
      issues: [{ path: 'definition.filter.in.0', message: 'b cannot contain itself (seg_b)' }],
    });
    // b naming d: d → a → b.
    const back = def({ all: [spend, { field: 'segment', in: ['seg_c', 'seg_d'] }] });
    expect(refusal(() => checkReferences(graph, back, graph.get('seg_b')!))).toEqual({
      code: 'segment_reference_cycle',
      issues: [
        {
          path: 'definition.filter.all.1.in.1',
          message: 'seg_d leads back to this segment: b → d → a → b',
        },
      ],
    });
    // A new segment cannot be named yet, so naming d closes no cycle.
    expect(refusal(() => checkReferences(graph, back, null))).toBeNull();
  });

  it('names the live dependants of a segment, not the archived ones', () => {
    expect(dependantsOf(graph.values(), 'seg_a')).toEqual([{ id: 'seg_d', key: 'd' }]);
    expect(dependantsOf(graph.values(), 'seg_b')).toEqual([
      { id: 'seg_a', key: 'a' },
      { id: 'seg_d', key: 'd' },
    ]);
    expect(dependantsOf(graph.values(), 'seg_d')).toEqual([]);
  });
});
