import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// A password sign-in is counted before its password is checked, so each counted attempt gets an id:
// an attempt whose password turns out right is removed again by that id.

const statements = [
  `alter table sign_in_failure add column id bigint generated always as identity primary key`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
