import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { checkReferences, dependantsOf, referencedIds } from './segment-references.js';
import {
  segmentArchived,
  segmentInUse,
  segmentKeyTaken,
  segmentNotFound,
  wrongSegmentKind,
} from './segments.errors.js';
import type {
  CreateSegmentInput,
  RefreshResult,
  Segment,
  SegmentDefinition,
  SegmentMember,
  SegmentPreview,
  SegmentScope,
  UpdateSegmentInput,
} from './segments.js';
import {
  MAX_REPORTED_UNMATCHED,
  readMemberCsv,
  refsFromIds,
  type MemberRef,
  type UnmatchedRow,
  type UploadReport,
} from './static-list.js';

export const PREVIEW_SAMPLE_SIZE = 10;

export interface MembersPage {
  members: SegmentMember[];
  nextCursor: string | null;
}

/** The segments' storage, and the database's evaluation of a definition (one SQL query each). */
export interface SegmentStore {
  insert(segment: Segment): Promise<void>;
  update(segment: Segment): Promise<void>;
  byId(id: string): Promise<Segment | null>;
  byKey(key: string): Promise<Segment | null>;
  list(options: { includeArchived: boolean }): Promise<Segment[]>;
  preview(
    definition: SegmentDefinition,
    scope: SegmentScope,
    sample: number,
  ): Promise<SegmentPreview>;
  /** Replaces a dynamic segment's members with the definition's customers; updates the count. */
  refresh(segment: Segment, scope: SegmentScope): Promise<RefreshResult>;
  members(segmentId: string, page: { limit: number; cursor: string | null }): Promise<MembersPage>;
  segmentsOf(customerId: string): Promise<Segment[]>;
  /** The customer each reference names, by the reference's line (absent: nobody). */
  resolve(refs: MemberRef[]): Promise<Map<number, string>>;
  /** Adds the customers (replace: and removes everyone else); updates the count. */
  setMembers(
    segmentId: string,
    customerIds: string[],
    options: { replace: boolean; now: Date },
  ): Promise<{ added: number; removed: number }>;
}

export interface SegmentDeps {
  segments: SegmentStore;
  clock: Clock;
  programme: { currency: string; timeZone: string };
}

const scopeOf = (deps: SegmentDeps): SegmentScope => ({
  currency: deps.programme.currency,
  timeZone: deps.programme.timeZone,
  now: deps.clock.now(),
});

export const getSegment = async (deps: Pick<SegmentDeps, 'segments'>, id: string) => {
  const segment = await deps.segments.byId(id);
  if (!segment) throw segmentNotFound(id);
  return segment;
};

const activeSegment = async (deps: Pick<SegmentDeps, 'segments'>, id: string) => {
  const segment = await getSegment(deps, id);
  if (segment.archivedAt) throw segmentArchived(id);
  return segment;
};

/** Every segment (archived too) by id: reference checks read the whole graph, which is small. */
const segmentGraph = async (deps: Pick<SegmentDeps, 'segments'>) =>
  new Map((await deps.segments.list({ includeArchived: true })).map((s) => [s.id, s]));

/** Refuses a definition naming unknown or archived segments, or leading back to `self`. */
const assertReferences = async (
  deps: Pick<SegmentDeps, 'segments'>,
  definition: SegmentDefinition,
  self: Segment | null,
) => {
  if (referencedIds(definition).length === 0) return;
  checkReferences(await segmentGraph(deps), definition, self);
};

export const listSegments = (deps: Pick<SegmentDeps, 'segments'>, includeArchived = false) =>
  deps.segments.list({ includeArchived });

export const createSegment = async (
  deps: SegmentDeps,
  input: CreateSegmentInput,
): Promise<Segment> => {
  if (await deps.segments.byKey(input.key)) throw segmentKeyTaken(input.key);
  if (input.definition) await assertReferences(deps, input.definition, null);
  const now = deps.clock.now();
  const segment: Segment = {
    id: newId('segment'),
    key: input.key,
    name: input.name,
    kind: input.kind,
    definition: input.kind === 'dynamic' ? input.definition! : null,
    memberCount: 0,
    refreshedAt: null,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  await deps.segments.insert(segment);
  return segment;
};

/** Renames, or changes a dynamic segment's definition (members change at its next refresh). */
export const updateSegment = async (
  deps: SegmentDeps,
  id: string,
  input: UpdateSegmentInput,
): Promise<Segment> => {
  const segment = await activeSegment(deps, id);
  if (input.definition && segment.kind !== 'dynamic')
    throw wrongSegmentKind(id, 'dynamic', 'definition');
  if (input.definition) await assertReferences(deps, input.definition, segment);
  const updated: Segment = {
    ...segment,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.definition ? { definition: input.definition } : {}),
    updatedAt: deps.clock.now(),
  };
  await deps.segments.update(updated);
  return updated;
};

/**
 * Archived segments keep their members for history but leave rules, analytics and refreshes. A
 * segment other live definitions name is refused (409 naming them) rather than archived under
 * them: they would otherwise change members at their next refresh without anyone deciding it.
 */
export const archiveSegment = async (deps: SegmentDeps, id: string): Promise<Segment> => {
  const segment = await getSegment(deps, id);
  if (segment.archivedAt) return segment;
  const dependants = dependantsOf((await segmentGraph(deps)).values(), id);
  if (dependants.length > 0) throw segmentInUse(id, dependants);
  const now = deps.clock.now();
  const archived = { ...segment, archivedAt: now, updatedAt: now };
  await deps.segments.update(archived);
  return archived;
};

export const previewSegment = async (deps: SegmentDeps, definition: SegmentDefinition) => {
  await assertReferences(deps, definition, null);
  return deps.segments.preview(definition, scopeOf(deps), PREVIEW_SAMPLE_SIZE);
};

export const refreshSegment = async (
  deps: SegmentDeps,
  id: string,
): Promise<{ segment: Segment; result: RefreshResult }> => {
  const segment = await activeSegment(deps, id);
  if (segment.kind !== 'dynamic') throw wrongSegmentKind(id, 'dynamic');
  const result = await deps.segments.refresh(segment, scopeOf(deps));
  return { segment: (await deps.segments.byId(id))!, result };
};

export const segmentMembers = async (
  deps: Pick<SegmentDeps, 'segments'>,
  id: string,
  page: { limit: number; cursor: string | null },
) => {
  await getSegment(deps, id);
  return deps.segments.members(id, page);
};

export const customerSegments = (deps: Pick<SegmentDeps, 'segments'>, customerId: string) =>
  deps.segments.segmentsOf(customerId);

export type UploadBody = { csv: string } | { customerIds: string[] };

/**
 * Adds the customers a CSV or a list of ids names to a static segment (or, with replace, makes
 * them its only members). Every row is accounted for: matched, or reported with its line.
 */
export const uploadMembers = async (
  deps: SegmentDeps,
  id: string,
  body: UploadBody,
  replace: boolean,
): Promise<UploadReport> => {
  const segment = await activeSegment(deps, id);
  if (segment.kind !== 'static') throw wrongSegmentKind(id, 'static');
  const { refs, invalid } =
    'csv' in body ? readMemberCsv(body.csv) : { refs: refsFromIds(body.customerIds), invalid: [] };
  const found = await deps.segments.resolve(refs);
  const unmatched: UnmatchedRow[] = [...invalid];
  for (const ref of refs) {
    if (found.has(ref.line)) continue;
    const value = ref.by === 'externalId' ? `${ref.source}:${ref.value}` : ref.value;
    unmatched.push({ line: ref.line, value, reason: `no customer with this ${ref.by}` });
  }
  unmatched.sort((a, b) => a.line - b.line);
  const ids = [...new Set(found.values())];
  const { added, removed } = await deps.segments.setMembers(segment.id, ids, {
    replace,
    now: deps.clock.now(),
  });
  return {
    rows: refs.length + invalid.length,
    matched: found.size,
    added,
    alreadyMembers: ids.length - added,
    removed,
    unmatchedCount: unmatched.length,
    unmatched: unmatched.slice(0, MAX_REPORTED_UNMATCHED),
  };
};
