import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Failed password sign-ins, by e-mail, so guessing a dashboard user's password is throttled in every
// server process alike. Rows older than the throttle window are deleted as new ones arrive.

const statements = [
  `
    create table sign_in_failure (
        email text not null,
        failed_at timestamptz not null
    )
  `,
  `create index sign_in_failure_email_at on sign_in_failure (email, failed_at)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
