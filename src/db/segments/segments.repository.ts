import { sql, type Kysely, type Selectable } from 'kysely';
import type { MembersPage, SegmentStore } from '../../core/segments/segments.service.js';
import {
  SegmentDefinitionSchema,
  type RefreshResult,
  type Segment,
  type SegmentDefinition,
  type SegmentPreview,
  type SegmentScope,
} from '../../core/segments/segments.js';
import type { MemberRef } from '../../core/segments/static-list.js';
import type { DB, SegmentTable } from '../schema.js';
import { referencedIds } from '../../core/segments/segment-references.js';
import { segmentCustomers, type SegmentReferences } from './segment-filter.sql.js';

// Values per statement when resolving or inserting lists (well under PostgreSQL's 65,535 params).
const CHUNK = 5_000;

const chunks = <T>(xs: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
};

const toSegment = (row: Selectable<SegmentTable>): Segment => {
  // Stored JSON is checked on the way out; a tree no longer valid reads as none.
  const definition =
    row.definition === null ? null : SegmentDefinitionSchema.safeParse(row.definition);
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind,
    definition: definition?.success ? definition.data : null,
    memberCount: Number(row.member_count),
    refreshedAt: row.refreshed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
};

const toRow = (s: Segment) => ({
  id: s.id,
  key: s.key,
  name: s.name,
  kind: s.kind,
  definition: s.definition === null ? null : JSON.stringify(s.definition),
  member_count: s.memberCount,
  refreshed_at: s.refreshedAt,
  created_at: s.createdAt,
  updated_at: s.updatedAt,
  archived_at: s.archivedAt,
});

/**
 * Every segment a definition reaches through its segment leaves, theirs, and so on: one query per
 * level of naming, so a definition that names none costs nothing.
 */
export const segmentReferences = async (
  db: Kysely<DB>,
  definition: SegmentDefinition,
): Promise<SegmentReferences> => {
  const found = new Map<string, Segment>();
  let next = referencedIds(definition);
  while (next.length > 0) {
    const rows = await db.selectFrom('segment').selectAll().where('id', 'in', next).execute();
    for (const row of rows) found.set(row.id, toSegment(row));
    const named = rows.flatMap((r) => referencedIds(found.get(r.id)!.definition));
    next = [...new Set(named)].filter((id) => !found.has(id));
  }
  return found;
};

/** Evaluates a definition: its size and the first customers by id, in one statement. */
export const previewDefinition = async (
  db: Kysely<DB>,
  definition: SegmentDefinition,
  scope: SegmentScope,
  sample: number,
): Promise<SegmentPreview> => {
  const references = await segmentReferences(db, definition);
  const customers = () => segmentCustomers(definition, scope, references);
  const { rows } = await sql<{
    id: string;
    email: string | null;
    first_name: string | null;
    last_name: string | null;
    size: string | number;
  }>`
    with m as materialized (${customers()})
    select c.id, c.email, c.first_name, c.last_name, (select count(*) from m) as size
      from (select id from m order by id limit ${sample}) s
      join customer c on c.id = s.id
     order by c.id
  `.execute(db);
  const size =
    rows.length > 0
      ? Number(rows[0]!.size)
      : Number(
          (
            await sql<{
              n: string;
            }>`select count(*) as n from (${customers()}) m`.execute(db)
          ).rows[0]!.n,
        );
  return {
    size,
    sample: rows.map((r) => ({
      id: r.id,
      email: r.email,
      firstName: r.first_name,
      lastName: r.last_name,
    })),
  };
};

/**
 * Replaces a dynamic segment's members with its definition's customers in one statement (the
 * tree evaluated once): inserts the new, deletes the gone, leaves the rest (their added_at too).
 */
const refreshMembers = async (
  db: Kysely<DB>,
  segment: Segment,
  scope: SegmentScope,
): Promise<RefreshResult> => {
  const references = await segmentReferences(db, segment.definition!);
  const { rows } = await sql<{ size: string; added: string; removed: string }>`
    with m as materialized (${segmentCustomers(segment.definition!, scope, references)}),
    removed as (
      delete from segment_member sm
       where sm.segment_id = ${segment.id}
         and not exists (select 1 from m where m.id = sm.customer_id)
      returning 1),
    added as (
      insert into segment_member (segment_id, customer_id, added_at)
      select ${segment.id}, m.id, ${scope.now} from m
      on conflict (segment_id, customer_id) do nothing
      returning 1)
    select (select count(*) from m) as size, (select count(*) from added) as added,
           (select count(*) from removed) as removed
  `.execute(db);
  const r = rows[0]!;
  const result = { size: Number(r.size), added: Number(r.added), removed: Number(r.removed) };
  await db
    .updateTable('segment')
    .set({ member_count: result.size, refreshed_at: scope.now })
    .where('id', '=', segment.id)
    .execute();
  return result;
};

const recount = async (db: Kysely<DB>, segmentId: string, now: Date) => {
  await db
    .updateTable('segment')
    .set({
      member_count: sql<number>`(select count(*) from segment_member where segment_id = ${segmentId})`,
      refreshed_at: now,
    })
    .where('id', '=', segmentId)
    .execute();
};

const resolveRefs = async (db: Kysely<DB>, refs: MemberRef[]): Promise<Map<number, string>> => {
  const found = new Map<number, string>();
  const byId = refs.filter((r) => r.by === 'customerId');
  for (const part of chunks([...new Set(byId.map((r) => r.value))])) {
    const rows = await db.selectFrom('customer').select('id').where('id', 'in', part).execute();
    const ids = new Set(rows.map((r) => r.id));
    for (const r of byId) if (ids.has(r.value)) found.set(r.line, r.value);
  }
  const byEmail = refs.filter((r) => r.by === 'email');
  for (const part of chunks([...new Set(byEmail.map((r) => r.value))])) {
    const rows = await db
      .selectFrom('customer')
      .select(['id', sql<string>`lower(email)`.as('email')])
      .where(sql<string>`lower(email)`, 'in', part)
      .execute();
    const ids = new Map(rows.map((r) => [r.email, r.id]));
    for (const r of byEmail) if (ids.has(r.value)) found.set(r.line, ids.get(r.value)!);
  }
  const byExternal = refs.filter((r) => r.by === 'externalId');
  for (const part of chunks(byExternal)) {
    const rows = await db
      .selectFrom('customer_external_id_owner')
      .select(['customer_id', 'source', 'external_id'])
      .where(({ or, and, eb }) =>
        or(part.map((r) => and([eb('source', '=', r.source), eb('external_id', '=', r.value)]))),
      )
      .execute();
    const ids = new Map(rows.map((r) => [`${r.source}\u0000${r.external_id}`, r.customer_id]));
    for (const r of part) {
      const id = ids.get(`${r.source}\u0000${r.value}`);
      if (id) found.set(r.line, id);
    }
  }
  return found;
};

const setMembers: (db: Kysely<DB>) => SegmentStore['setMembers'] =
  (db) =>
  async (segmentId, customerIds, { replace, now }) => {
    let added = 0;
    let removed = 0;
    if (replace) {
      const keep = new Set(customerIds);
      const current = await db
        .selectFrom('segment_member')
        .select('customer_id')
        .where('segment_id', '=', segmentId)
        .execute();
      const gone = current.map((r) => r.customer_id).filter((id) => !keep.has(id));
      for (const part of chunks(gone)) {
        const res = await db
          .deleteFrom('segment_member')
          .where('segment_id', '=', segmentId)
          .where('customer_id', 'in', part)
          .executeTakeFirst();
        removed += Number(res.numDeletedRows);
      }
    }
    for (const part of chunks(customerIds)) {
      const res = await db
        .insertInto('segment_member')
        .values(part.map((id) => ({ segment_id: segmentId, customer_id: id, added_at: now })))
        .onConflict((oc) => oc.columns(['segment_id', 'customer_id']).doNothing())
        .executeTakeFirst();
      added += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    await recount(db, segmentId, now);
    return { added, removed };
  };

const membersPage = async (
  db: Kysely<DB>,
  segmentId: string,
  page: { limit: number; cursor: string | null },
): Promise<MembersPage> => {
  let query = db
    .selectFrom('segment_member as m')
    .innerJoin('customer as c', 'c.id', 'm.customer_id')
    .select((eb) => [
      'm.customer_id',
      'm.added_at',
      'c.first_name',
      'c.last_name',
      'c.email',
      // The customer's first external id, for members known only by the shop's id.
      eb
        .selectFrom('customer_external_id as x')
        .select(sql<string>`x.source || chr(31) || x.external_id`.as('ext'))
        .whereRef('x.customer_id', '=', 'm.customer_id')
        .orderBy('x.source')
        .orderBy('x.external_id')
        .limit(1)
        .as('external'),
    ])
    .where('m.segment_id', '=', segmentId)
    .orderBy('m.customer_id')
    .limit(page.limit + 1);
  if (page.cursor) query = query.where('m.customer_id', '>', page.cursor);
  const rows = await query.execute();
  const members = rows.slice(0, page.limit).map((r) => {
    const [source, id] = r.external?.split('\u001f') ?? [];
    return {
      customerId: r.customer_id,
      addedAt: r.added_at,
      name: [r.first_name, r.last_name].filter(Boolean).join(' ') || null,
      email: r.email,
      externalId: source !== undefined && id !== undefined ? { source, id } : null,
    };
  });
  return {
    members,
    nextCursor: rows.length > page.limit ? members.at(-1)!.customerId : null,
  };
};

/** The segments store over a connection or a transaction. */
export const segmentRepository = (db: Kysely<DB>): SegmentStore => ({
  insert: async (segment) => {
    await db.insertInto('segment').values(toRow(segment)).execute();
  },
  update: async (segment) => {
    const { id: _id, created_at: _created, ...fields } = toRow(segment);
    await db.updateTable('segment').set(fields).where('id', '=', segment.id).execute();
  },
  byId: async (id) => {
    const row = await db.selectFrom('segment').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSegment(row) : null;
  },
  byKey: async (key) => {
    const row = await db
      .selectFrom('segment')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? toSegment(row) : null;
  },
  list: async ({ includeArchived }) => {
    let query = db.selectFrom('segment').selectAll().orderBy('key');
    if (!includeArchived) query = query.where('archived_at', 'is', null);
    return (await query.execute()).map(toSegment);
  },
  preview: (definition, scope, sample) => previewDefinition(db, definition, scope, sample),
  refresh: (segment, scope) => refreshMembers(db, segment, scope),
  members: (segmentId, page) => membersPage(db, segmentId, page),
  segmentsOf: async (customerId) =>
    (
      await db
        .selectFrom('segment_member as m')
        .innerJoin('segment as s', 's.id', 'm.segment_id')
        .selectAll('s')
        .where('m.customer_id', '=', customerId)
        .where('s.archived_at', 'is', null)
        .orderBy('s.key')
        .execute()
    ).map(toSegment),
  resolve: (refs) => resolveRefs(db, refs),
  setMembers: setMembers(db),
});

/** Ids of the dynamic segments a scheduled refresh goes through. */
export const dynamicSegmentIds = async (db: Kysely<DB>): Promise<string[]> =>
  (
    await db
      .selectFrom('segment')
      .select('id')
      .where('kind', '=', 'dynamic')
      .where('archived_at', 'is', null)
      .orderBy('id')
      .execute()
  ).map((r) => r.id);
