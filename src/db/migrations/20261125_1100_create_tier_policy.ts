import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// tier_policy is a singleton (one programme): how members qualify for the tiers of
// tier_definition. tier_change is the append-only history of every member's tier moves, with the
// metric value and window each decision was made on; it names tiers by code without a foreign
// key, so the history outlives a tier that is later removed. member_tier.review_at is always the
// end of the member's qualification period plus the policy's grace days.

const statements = [
  `
    create table tier_policy (
        id boolean primary key default true check (id),
        metric text not null check (metric in ('points', 'spend', 'orders')),
        window_kind text not null check (window_kind in ('rolling', 'calendarYear')),
        window_days integer check (window_days between 1 and 3660),
        grace_days integer not null check (grace_days between 0 and 3660),
        updated_at timestamptz not null,
        check ((window_kind = 'rolling') = (window_days is not null))
    )
  `,
  `
    create table tier_change (
        customer_id text not null references customer (id),
        seq bigint generated always as identity,
        from_tier text,
        to_tier text,
        reason text not null,
        metric text not null,
        metric_value bigint not null,
        window_start timestamptz not null,
        window_end timestamptz not null,
        review_at timestamptz,
        changed_at timestamptz not null,
        primary key (customer_id, seq),
        check (from_tier is distinct from to_tier)
    )
  `,
  `create index tier_change_changed_idx on tier_change (changed_at)`,
  `create index member_tier_tier_idx on member_tier (tier_code, customer_id)`,
  `
    create trigger tier_change_append_only before update or delete on tier_change
        for each row execute function regulars_forbid_change()
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
