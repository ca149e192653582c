import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Suggestions are derived data: the recommendations refresh replaces them wholesale, so they are
// deleted and rewritten, never the source of truth. recommendation_popular holds the shop's best
// sellers of the same refresh, for customers without history.

const statements = [
  `
    create table recommendation (
        customer_id text not null references customer (id),
        rank integer not null check (rank >= 1),
        sku text not null,
        name text,
        category text,
        score double precision not null,
        reason text not null check (reason in ('bought_with', 'popular_in_category', 'popular')),
        reason_sku text,
        reason_name text,
        reason_category text,
        as_of timestamptz not null,
        computed_at timestamptz not null,
        primary key (customer_id, rank)
    )
  `,
  `
    create table recommendation_popular (
        rank integer primary key check (rank >= 1),
        sku text not null unique,
        name text,
        category text,
        buyers integer not null,
        score double precision not null,
        as_of timestamptz not null,
        computed_at timestamptz not null
    )
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
