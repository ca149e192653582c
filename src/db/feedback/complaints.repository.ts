import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Complaint,
  ComplaintAssignees,
  ComplaintEvent,
  ComplaintRepository,
  ComplaintStatus,
  ReplyAuthor,
} from '../../core/feedback/feedback.js';
import type { ComplaintEventTable, ComplaintTable, DB } from '../schema.js';

const toComplaint = (r: Selectable<ComplaintTable>): Complaint => ({
  id: r.id,
  customerId: r.customer_id,
  subject: r.subject,
  body: r.body,
  channel: r.channel,
  status: r.status,
  openedAt: r.opened_at,
  firstResponseAt: r.first_response_at,
  resolvedAt: r.resolved_at,
  updatedAt: r.updated_at,
  assigneeId: r.assignee_id,
  resolutionNote: r.resolution_note,
});

const toEvent = (r: Selectable<ComplaintEventTable>): ComplaintEvent => {
  if (r.kind === 'opened') return { seq: r.seq, kind: 'opened', at: r.at, body: r.body ?? '' };
  if (r.kind === 'reply')
    return { seq: r.seq, kind: 'reply', at: r.at, by: r.author as ReplyAuthor, body: r.body ?? '' };
  if (r.kind === 'assigned')
    return { seq: r.seq, kind: 'assigned', at: r.at, assigneeId: r.assignee_id };
  return {
    seq: r.seq,
    kind: 'status',
    at: r.at,
    from: r.from_status as ComplaintStatus,
    to: r.to_status as ComplaintStatus,
    ...(r.body === null ? {} : { note: r.body }),
  };
};

interface StatsRow {
  cases: number;
  answered: number;
  resolved: number;
  due: number;
  within: number;
  median_first_s: number | null;
  median_resolution_s: number | null;
}

const hours = (seconds: number | null) =>
  seconds === null ? null : Math.round((Number(seconds) / 3600) * 100) / 100;

/** Complaints and their append-only history (complaint_event rows are only ever inserted). */
export const complaintRepository = (db: Kysely<DB>): ComplaintRepository => ({
  insert: async (c) => {
    await db
      .insertInto('complaint')
      .values({
        id: c.id,
        customer_id: c.customerId,
        subject: c.subject,
        body: c.body,
        channel: c.channel,
        status: c.status,
        opened_at: c.openedAt,
        first_response_at: c.firstResponseAt,
        resolved_at: c.resolvedAt,
        updated_at: c.updatedAt,
        assignee_id: c.assigneeId,
        resolution_note: c.resolutionNote,
      })
      .execute();
  },
  lock: async (id) => {
    // Whose complaint it is first, so the lock names the customer (one shard on Citus).
    const owner = await db
      .selectFrom('complaint')
      .select('customer_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!owner) return null;
    const row = await db
      .selectFrom('complaint')
      .selectAll()
      .where('customer_id', '=', owner.customer_id)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return row ? toComplaint(row) : null;
  },
  findById: async (id) => {
    const row = await db
      .selectFrom('complaint')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toComplaint(row) : null;
  },
  update: async (c) => {
    await db
      .updateTable('complaint')
      .set({
        status: c.status,
        first_response_at: c.firstResponseAt,
        resolved_at: c.resolvedAt,
        updated_at: c.updatedAt,
        assignee_id: c.assigneeId,
        resolution_note: c.resolutionNote,
      })
      .where('customer_id', '=', c.customerId)
      .where('id', '=', c.id)
      .execute();
  },
  appendEvent: async (c, e) => {
    await db
      .insertInto('complaint_event')
      .values({
        complaint_id: c.id,
        seq: e.seq,
        customer_id: c.customerId,
        kind: e.kind,
        author: e.kind === 'reply' ? e.by : null,
        // A status event's body is its note (a resolution's), if any.
        body: e.kind === 'status' ? (e.note ?? null) : e.kind === 'assigned' ? null : e.body,
        assignee_id: e.kind === 'assigned' ? e.assigneeId : null,
        from_status: e.kind === 'status' ? e.from : null,
        to_status: e.kind === 'status' ? e.to : null,
        at: e.at,
      })
      .execute();
  },
  events: async (id) =>
    (
      await db
        .selectFrom('complaint_event')
        .selectAll()
        .where('complaint_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map(toEvent),
  lastSeq: async (id) => {
    const row = await db
      .selectFrom('complaint_event')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('complaint_id', '=', id)
      .executeTakeFirst();
    return Number(row?.seq ?? 0);
  },
  list: async ({ status, customerId, assigneeId, overdue, limit }) => {
    let matching = db.selectFrom('complaint');
    if (status) matching = matching.where('status', '=', status);
    if (customerId) matching = matching.where('customer_id', '=', customerId);
    if (assigneeId === null) matching = matching.where('assignee_id', 'is', null);
    else if (assigneeId) matching = matching.where('assignee_id', '=', assigneeId);
    if (overdue)
      matching = matching
        .where('first_response_at', 'is', null)
        .where('status', '<>', 'resolved')
        .where(
          sql<boolean>`opened_at + make_interval(secs => ${overdue.targetHours * 3600}::float8) < ${overdue.now}::timestamptz`,
        );
    // The window count runs over every matching row before LIMIT, in the same statement; the
    // limit is at least 1, so a page without rows means that nothing matches.
    const rows = await matching
      .selectAll()
      .select(sql<string>`count(*) over ()`.as('total'))
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return {
      complaints: rows.map(({ total: _total, ...row }) => toComplaint(row)),
      total: Number(rows[0]?.total ?? 0),
    };
  },
  stats: async ({ from, to, targetHours, now }) => {
    const target = sql`make_interval(secs => ${targetHours * 3600}::float8)`;
    const { rows } = await sql<StatsRow>`
      select count(*)::int as cases,
             count(first_response_at)::int as answered,
             count(resolved_at)::int as resolved,
             count(*) filter (where first_response_at is not null
                                 or opened_at + ${target} <= ${now}::timestamptz)::int as due,
             count(*) filter (where first_response_at <= opened_at + ${target})::int as within,
             percentile_cont(0.5) within group (
               order by extract(epoch from first_response_at - opened_at)::float8
             ) as median_first_s,
             percentile_cont(0.5) within group (
               order by extract(epoch from resolved_at - opened_at)::float8
             ) as median_resolution_s
        from complaint
       where opened_at >= ${from}::timestamptz and opened_at < ${to}::timestamptz
    `.execute(db);
    const r = rows[0]!;
    return {
      cases: r.cases,
      answered: r.answered,
      resolved: r.resolved,
      due: r.due,
      answeredWithinTarget: r.within,
      withinTargetPct: r.due === 0 ? null : Math.round((r.within * 1000) / r.due) / 10,
      medianFirstResponseHours: hours(r.median_first_s),
      medianResolutionHours: hours(r.median_resolution_s),
    };
  },
});

/** Dashboard users a case may be given to: those not disabled. */
export const complaintAssignees = (db: Kysely<DB>): ComplaintAssignees => ({
  isActiveUser: async (userId) =>
    (await db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', userId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst()) !== undefined,
});
