import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Dashboard users (people; machines keep using API keys) and browser sessions. A session stands for
// exactly one API key or one user; only the hash of its cookie token is stored.

const statements = [
  `
    create table app_user (
        id text primary key,
        email text not null,
        name text not null,
        role text not null check (role in ('admin', 'pos')),
        password_hash text not null,
        created_at timestamptz not null,
        disabled_at timestamptz
    )
  `,
  `create unique index app_user_email on app_user (lower(email))`,
  `
    create table admin_session (
        token_hash text primary key,
        api_key_id text references api_key (id),
        user_id text references app_user (id),
        csrf_token text not null,
        created_at timestamptz not null,
        expires_at timestamptz not null,
        revoked_at timestamptz,
        check ((api_key_id is null) <> (user_id is null))
    )
  `,
  `create index admin_session_user on admin_session (user_id) where user_id is not null`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
