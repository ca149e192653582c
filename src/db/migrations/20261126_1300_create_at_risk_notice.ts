import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// When each customer was last announced as at risk: a customer who stays at risk is announced
// once, and again only after a quiet period (they may have come back and slipped away again).

const statements = [
  `
    create table at_risk_notice (
        customer_id text primary key references customer (id),
        notified_at timestamptz not null
    )
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
