import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// One row per member and expiry instant that was announced as points.expiring, so the daily
// notice announces each lot's expiry once however often it runs.

const statements = [
  `
    create table expiry_notice (
        customer_id text not null references customer (id),
        expires_at timestamptz not null,
        points bigint not null check (points > 0),
        notified_at timestamptz not null,
        primary key (customer_id, expires_at)
    )
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
