import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Tier and reward texts are written in the programme's language; members of other languages read
// them from a per-locale map ({"de": {"name": …}}), empty until an admin translates them.

const statements = [
  `alter table reward add column translations jsonb not null default '{}'::jsonb`,
  `alter table tier_definition add column translations jsonb not null default '{}'::jsonb`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
