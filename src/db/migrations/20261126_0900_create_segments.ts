import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// A segment is a dynamic filter tree or a static list; its members are materialised in
// segment_member (replaced by each refresh of a dynamic segment), so campaigns, rules and
// analytics read membership by index instead of evaluating the tree each time.

const statements = [
  `
    create table segment (
        id text primary key,
        key text not null unique,
        name text not null,
        kind text not null check (kind in ('dynamic', 'static')),
        definition jsonb,
        member_count integer not null default 0,
        refreshed_at timestamptz,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        archived_at timestamptz,
        check ((kind = 'dynamic') = (definition is not null))
    )
  `,
  `
    create table segment_member (
        segment_id text not null references segment (id),
        customer_id text not null references customer (id),
        added_at timestamptz not null,
        primary key (segment_id, customer_id)
    )
  `,
  `create index segment_member_customer_idx on segment_member (customer_id)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
