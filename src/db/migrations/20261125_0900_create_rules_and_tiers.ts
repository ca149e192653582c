import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Rules are versioned documents: the live row points at its current version, and every version
// ever saved stays in rule_version. rule_award says which rules (or tier bonus) produced the
// points of each earn entry; it has no foreign key to ledger_entry because group commits insert
// entries after the awards, in the same transaction.

const statements = [
  `
    create table rule (
        id text primary key,
        name text not null,
        trigger text not null,
        status text not null check (status in ('draft', 'active', 'archived')),
        version integer not null check (version > 0),
        document jsonb not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
    )
  `,
  `create index rule_status_idx on rule (status, trigger)`,
  `
    create table rule_version (
        rule_id text not null references rule (id),
        version integer not null check (version > 0),
        status text not null,
        document jsonb not null,
        actor text,
        created_at timestamptz not null,
        primary key (rule_id, version)
    )
  `,
  `
    create table rule_award (
        entry_id text not null,
        customer_id text not null,
        rule_id text,
        rule_version integer,
        tier_code text,
        points bigint not null check (points > 0),
        order_id text,
        activity_id text,
        awarded_at timestamptz not null,
        check ((rule_id is null) = (rule_version is null)),
        check (rule_id is not null or tier_code is not null)
    )
  `,
  `create index rule_award_cap_idx on rule_award (customer_id, rule_id, awarded_at)`,
  `create index rule_award_rule_idx on rule_award (rule_id, awarded_at)`,
  `create index rule_award_entry_idx on rule_award (entry_id)`,
  `
    create table loyalty_activity (
        id text primary key,
        customer_id text not null references customer (id),
        trigger text not null,
        name text,
        idempotency_key text not null unique,
        payload jsonb not null,
        occurred_at timestamptz not null,
        created_at timestamptz not null
    )
  `,
  `create index loyalty_activity_customer_idx on loyalty_activity (customer_id, occurred_at)`,
  `
    create table tier_definition (
        code text primary key,
        name text not null,
        rank integer not null unique check (rank > 0),
        threshold bigint not null check (threshold >= 0),
        earn_multiplier_percent integer not null default 100
            check (earn_multiplier_percent between 100 and 10000),
        benefits jsonb not null,
        created_at timestamptz not null,
        updated_at timestamptz not null
    )
  `,
  `
    create table member_tier (
        customer_id text primary key references customer (id),
        tier_code text not null references tier_definition (code),
        since timestamptz not null,
        review_at timestamptz,
        updated_at timestamptz not null
    )
  `,
  `create index member_tier_review_idx on member_tier (review_at)`,
  `
    create trigger rule_version_append_only before update or delete on rule_version
        for each row execute function regulars_forbid_change()
  `,
  `
    create trigger rule_award_append_only before update or delete on rule_award
        for each row execute function regulars_forbid_change()
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
