import type { FieldIssue } from '../shared/errors.js';
import { badSegmentReferences } from './segments.errors.js';
import { walkNodes, type Segment, type SegmentDefinition } from './segments.js';

/**
 * A definition may name other segments (`{field: 'segment', in | notIn: [ids]}`). These are the
 * rules that keep such a graph evaluable: every segment named exists and is live, and no segment
 * reaches itself through the ones it names (the SQL compiler relies on that to terminate).
 */

export interface SegmentReference {
  id: string;
  /** Where the id sits in a request body, e.g. `definition.filter.all.1.in.0`. */
  path: string;
}

export const referencesOf = (definition: SegmentDefinition): SegmentReference[] => {
  const out: SegmentReference[] = [];
  walkNodes(definition.filter, (node, path) => {
    if (!('field' in node) || node.field !== 'segment') return;
    const key = node.in ? 'in' : 'notIn';
    (node.in ?? node.notIn ?? []).forEach((id, i) =>
      out.push({ id, path: ['definition', 'filter', ...path, key, i].join('.') }),
    );
  });
  return out;
};

/** The distinct segment ids a definition names, in order of first mention. */
export const referencedIds = (definition: SegmentDefinition | null): string[] =>
  definition ? [...new Set(referencesOf(definition).map((r) => r.id))] : [];

type Known = Pick<Segment, 'id' | 'key' | 'definition' | 'archivedAt'>;

/** The ids from `from` to `target` through stored definitions, or null when it is not reached. */
const chainTo = (all: ReadonlyMap<string, Known>, from: string, target: string) => {
  const seen = new Set<string>();
  const walk = (id: string, trail: string[]): string[] | null => {
    if (id === target) return [...trail, id];
    if (seen.has(id)) return null;
    seen.add(id);
    for (const next of referencedIds(all.get(id)?.definition ?? null)) {
      const found = walk(next, [...trail, id]);
      if (found) return found;
    }
    return null;
  };
  return walk(from, []);
};

/**
 * The references of a definition that may not be saved (or previewed) as `self` (null: a segment
 * not yet created, which nothing can name, so it closes no cycle). Unknown ids are reported first,
 * then archived ones, then cycles, each naming the path of the id in the definition.
 */
export const checkReferences = (
  all: ReadonlyMap<string, Known>,
  definition: SegmentDefinition,
  self: Pick<Segment, 'id' | 'key'> | null,
): void => {
  const unknown: FieldIssue[] = [];
  const archived: FieldIssue[] = [];
  const cycles: FieldIssue[] = [];
  const keyOf = (id: string) => (id === self?.id ? self.key : (all.get(id)?.key ?? id));
  for (const { id, path } of referencesOf(definition)) {
    const segment = all.get(id);
    if (id === self?.id)
      cycles.push({ path, message: `${self.key} cannot contain itself (${id})` });
    else if (!segment) unknown.push({ path, message: `no segment ${id}` });
    else if (segment.archivedAt) archived.push({ path, message: `segment ${id} is archived` });
    else if (self) {
      const chain = chainTo(all, id, self.id);
      if (chain)
        cycles.push({
          path,
          message: `${id} leads back to this segment: ${[self.id, ...chain].map(keyOf).join(' → ')}`,
        });
    }
  }
  if (unknown.length > 0) throw badSegmentReferences('segment_reference_not_found', unknown);
  if (archived.length > 0) throw badSegmentReferences('segment_reference_archived', archived);
  if (cycles.length > 0) throw badSegmentReferences('segment_reference_cycle', cycles);
};

/** The live segments whose definitions name `id`, by key. */
export const dependantsOf = (all: Iterable<Known>, id: string) =>
  [...all]
    .filter((s) => s.id !== id && !s.archivedAt && referencedIds(s.definition).includes(id))
    .map((s) => ({ id: s.id, key: s.key }))
    .sort((a, b) => a.key.localeCompare(b.key));
