import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// A complaint case can be given to a dashboard user and is resolved with a note. The history
// records each assignment (an `assigned` event naming the user, or none when unassigned); the
// note of a resolution is the body of its status event.

const statements = [
  `alter table complaint add column assignee_id text references app_user (id)`,
  `alter table complaint add column resolution_note text`,
  `create index complaint_assignee_idx on complaint (assignee_id, opened_at)`,
  `alter table complaint_event add column assignee_id text references app_user (id)`,
  `alter table complaint_event drop constraint complaint_event_kind_check`,
  `alter table complaint_event add constraint complaint_event_kind_check
     check (kind in ('opened', 'reply', 'status', 'assigned'))`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
