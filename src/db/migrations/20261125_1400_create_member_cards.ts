import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// A member has at most one active card (the partial unique index); rotation revokes it and
// inserts the next. QR tokens sign the card id, never the customer id. app_secret keeps secrets
// the server generates for itself on first use (the card signing key), so they survive restarts.

const statements = [
  `
    create table member_card (
        id text primary key,
        customer_id text not null references customer (id),
        issued_at timestamptz not null,
        revoked_at timestamptz,
        check (revoked_at is null or revoked_at >= issued_at)
    )
  `,
  `
    create unique index member_card_active_key on member_card (customer_id)
        where revoked_at is null
  `,
  `
    create table app_secret (
        name text primary key,
        value text not null,
        created_at timestamptz not null
    )
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
