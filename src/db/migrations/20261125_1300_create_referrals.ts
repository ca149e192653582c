import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// referral_settings is a singleton (id = 1) holding the programme's referral terms, seeded with
// the defaults. referral_code gives each member one code. referral records one attribution of a
// referred customer (the friend) to a referrer: a friend has at most one live referral (the
// partial unique index); refused attempts are kept for the record and block nothing. The
// referrer is null only when a refused attempt named an unknown code.

const statements = [
  `
    create table referral_settings (
        id smallint primary key default 1 check (id = 1),
        enabled boolean not null,
        referrer_points integer not null check (referrer_points >= 0),
        friend_points integer not null check (friend_points >= 0),
        min_order_minor bigint not null check (min_order_minor >= 0),
        max_conversions_per_referrer integer check (max_conversions_per_referrer > 0),
        link_base_url text,
        updated_at timestamptz not null
    )
  `,
  `
    insert into referral_settings
        (id, enabled, referrer_points, friend_points, min_order_minor,
         max_conversions_per_referrer, link_base_url, updated_at)
    values (1, true, 500, 250, 2000, 25, null, now())
  `,
  `
    create table referral_code (
        customer_id text primary key references customer (id),
        code text not null unique,
        created_at timestamptz not null
    )
  `,
  `
    create table referral (
        id text primary key,
        code text not null,
        referrer_id text references customer (id),
        referred_id text not null references customer (id),
        status text not null check (status in ('pending', 'converted', 'reversed', 'refused')),
        reason text,
        source text not null check (source in ('signup', 'api')),
        order_id text,
        min_order_minor bigint,
        referrer_points integer not null default 0 check (referrer_points >= 0),
        friend_points integer not null default 0 check (friend_points >= 0),
        referrer_points_unrecovered integer not null default 0,
        friend_points_unrecovered integer not null default 0,
        return_id text,
        created_at timestamptz not null,
        converted_at timestamptz,
        reversed_at timestamptz,
        check (status = 'refused' or referrer_id is not null),
        check (referrer_id is null or referrer_id <> referred_id)
    )
  `,
  `create unique index referral_live_referred_key on referral (referred_id) where status <> 'refused'`,
  `create index referral_referrer_idx on referral (referrer_id, status, converted_at)`,
  `create index referral_order_idx on referral (order_id) where order_id is not null`,
  `create index referral_status_idx on referral (status, id)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
