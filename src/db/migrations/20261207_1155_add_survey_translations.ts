import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// A survey's title, introduction, questions and choice labels per locale ({"de": {"title": …,
// "questions": {"q1": {"prompt": …}}}}), empty until an admin translates them.

export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql
    .raw(`alter table survey add column translations jsonb not null default '{}'::jsonb`)
    .execute(db);
};
