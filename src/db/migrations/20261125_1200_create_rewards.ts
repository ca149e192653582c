import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// The rewards catalogue and coupons. A coupon row carries its own copy of the benefit (jsonb) so
// catalogue edits never change coupons already issued; uses are counted on the coupon row (the
// check keeps them within what it allows) and each use is a coupon_redemption, unique per
// (coupon, order). coupon_issue records what each rule firing gave, or why it gave nothing.

const statements = [
  `
    create table reward (
        id text primary key,
        name text not null,
        description text,
        kind text not null
            check (kind in ('percent_discount', 'fixed_discount', 'free_product', 'sample', 'gift')),
        percent_off integer check (percent_off between 1 and 100),
        value_minor bigint check (value_minor > 0),
        currency text,
        sku text,
        points_cost bigint not null check (points_cost >= 0),
        stock integer check (stock >= 0),
        per_member_limit integer check (per_member_limit > 0),
        valid_from timestamptz,
        valid_until timestamptz,
        tier_codes jsonb,
        coupon_validity_days integer check (coupon_validity_days > 0),
        uses_per_coupon integer not null check (uses_per_coupon > 0),
        min_basket_minor bigint check (min_basket_minor >= 0),
        active boolean not null,
        archived_at timestamptz,
        issued_count integer not null default 0 check (issued_count >= 0),
        created_at timestamptz not null,
        updated_at timestamptz not null,
        check ((kind = 'percent_discount') = (percent_off is not null)),
        check ((kind = 'fixed_discount') = (value_minor is not null and currency is not null)),
        check ((kind in ('free_product', 'sample')) = (sku is not null)),
        check (kind <> 'gift' or description is not null),
        check (valid_from is null or valid_until is null or valid_from < valid_until),
        check (archived_at is null or not active)
    )
  `,
  `create index reward_listed_idx on reward (created_at) where archived_at is null`,
  `
    create table coupon_batch (
        id text primary key,
        name text not null,
        kind text not null check (kind in ('percent_discount', 'fixed_discount', 'free_product')),
        benefit jsonb not null,
        currency text not null,
        min_basket_minor bigint check (min_basket_minor >= 0),
        valid_from timestamptz,
        valid_until timestamptz,
        uses_per_code integer not null check (uses_per_code > 0),
        one_per_customer boolean not null,
        created_at timestamptz not null,
        check (valid_from is null or valid_until is null or valid_from < valid_until)
    )
  `,
  `
    create table coupon (
        id text primary key,
        code text not null,
        customer_id text references customer (id),
        reward_id text references reward (id),
        batch_id text references coupon_batch (id),
        kind text not null,
        benefit jsonb not null,
        currency text not null,
        min_basket_minor bigint check (min_basket_minor >= 0),
        valid_from timestamptz,
        valid_until timestamptz,
        uses_allowed integer not null check (uses_allowed > 0),
        uses_count integer not null default 0
            check (uses_count >= 0 and uses_count <= uses_allowed),
        status text not null check (status in ('active', 'void')),
        voided_at timestamptz,
        void_reason text,
        created_at timestamptz not null,
        check (reward_id is null or batch_id is null),
        check ((status = 'void') = (voided_at is not null))
    )
  `,
  `create unique index coupon_code_key on coupon (code)`,
  `create index coupon_customer_idx on coupon (customer_id, created_at) where customer_id is not null`,
  `create index coupon_batch_idx on coupon (batch_id) where batch_id is not null`,
  `create index coupon_reward_idx on coupon (reward_id) where reward_id is not null`,
  `
    create table reward_redemption (
        id text primary key,
        reward_id text not null references reward (id),
        customer_id text not null references customer (id),
        coupon_id text not null references coupon (id),
        points_spent bigint not null check (points_spent >= 0),
        entry_id text,
        idempotency_key text not null,
        actor text,
        created_at timestamptz not null
    )
  `,
  `create unique index reward_redemption_key on reward_redemption (idempotency_key)`,
  `create index reward_redemption_member_idx on reward_redemption (customer_id, reward_id)`,
  `
    create table coupon_redemption (
        id text primary key,
        coupon_id text not null references coupon (id),
        batch_id text,
        customer_id text references customer (id),
        order_external_id text not null,
        discount_minor bigint not null check (discount_minor >= 0),
        currency text not null,
        status text not null check (status in ('redeemed', 'released')),
        redeemed_at timestamptz not null,
        released_at timestamptz,
        check ((status = 'released') = (released_at is not null))
    )
  `,
  `create unique index coupon_redemption_order_key on coupon_redemption (coupon_id, order_external_id)`,
  `
    create index coupon_redemption_batch_customer_idx on coupon_redemption (batch_id, customer_id)
        where batch_id is not null and status = 'redeemed'
  `,
  `
    create table coupon_issue (
        source_key text primary key,
        customer_id text not null references customer (id),
        kind text not null check (kind in ('reward', 'coupon')),
        ref text not null,
        coupon_id text references coupon (id),
        skipped_reason text,
        created_at timestamptz not null,
        check ((coupon_id is null) <> (skipped_reason is null))
    )
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
