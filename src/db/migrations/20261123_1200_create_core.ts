import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Every table holding customer data carries customer_id, the distribution key for Citus.

const statements = [
  `
    create table programme_settings (
        id text primary key default 'default' check (id = 'default'),
        settings jsonb not null,
        updated_at timestamptz not null default now()
    )
  `,
  `
    create table api_key (
        id text primary key,
        name text not null,
        role text not null check (role in ('admin', 'pos')),
        key_hash text not null unique,
        created_at timestamptz not null,
        revoked_at timestamptz
    )
  `,
  `
    create table customer (
        id text primary key,
        email text,
        phone text,
        first_name text,
        last_name text,
        birthday date,
        locale text,
        attributes jsonb not null default '{}',
        created_at timestamptz not null,
        updated_at timestamptz not null
    )
  `,
  `
    create unique index customer_email_key on customer (email) where email is not null
  `,
  `
    create index customer_email_prefix_idx on customer (email text_pattern_ops)
  `,
  `
    create index customer_phone_idx on customer (phone)
  `,
  `
    create index customer_first_name_idx on customer (lower(first_name) text_pattern_ops)
  `,
  `
    create index customer_last_name_idx on customer (lower(last_name) text_pattern_ops)
  `,
  `
    create index customer_created_idx on customer (created_at, id)
  `,
  `
    create table customer_external_id (
        customer_id text not null references customer (id),
        source text not null,
        external_id text not null,
        created_at timestamptz not null,
        primary key (customer_id, source, external_id)
    )
  `,
  `
    create unique index customer_external_id_key on customer_external_id (source, external_id)
  `,
  `
    create index customer_external_id_value_idx on customer_external_id (external_id)
  `,
  `
    create table customer_consent (
        customer_id text not null references customer (id),
        seq bigint generated always as identity,
        channel text not null check (channel in ('email', 'sms')),
        granted boolean not null,
        source text not null,
        given_at timestamptz not null,
        recorded_at timestamptz not null,
        primary key (customer_id, seq)
    )
  `,
  `
    create table sales_order (
        id text primary key,
        external_id text not null,
        customer_id text not null references customer (id),
        currency char(3) not null,
        channel text not null check (channel in ('web', 'pos', 'app', 'other')),
        store_id text,
        placed_at timestamptz not null,
        total_minor bigint not null check (total_minor >= 0),
        points_earned bigint not null check (points_earned >= 0),
        created_at timestamptz not null
    )
  `,
  `
    create unique index sales_order_external_id_key on sales_order (external_id)
  `,
  `
    create index sales_order_customer_idx on sales_order (customer_id, placed_at)
  `,
  `
    create index sales_order_placed_idx on sales_order (placed_at)
  `,
  `
    create table order_line (
        order_id text not null references sales_order (id),
        customer_id text not null,
        line_no integer not null check (line_no > 0),
        sku text not null,
        name text,
        category text,
        quantity integer not null check (quantity > 0),
        unit_price_minor bigint not null check (unit_price_minor >= 0),
        primary key (order_id, line_no)
    )
  `,
  `
    create table order_return (
        id text primary key,
        order_id text not null references sales_order (id),
        customer_id text not null,
        external_id text,
        reason text,
        amount_minor bigint not null check (amount_minor >= 0),
        points_reversed bigint not null check (points_reversed >= 0),
        points_unrecovered bigint not null check (points_unrecovered >= 0),
        created_at timestamptz not null
    )
  `,
  `
    create unique index order_return_external_id_key on order_return (order_id, external_id)
        where external_id is not null
  `,
  `
    create table order_return_line (
        return_id text not null references order_return (id),
        customer_id text not null,
        order_id text not null,
        line_no integer not null,
        quantity integer not null check (quantity > 0),
        amount_minor bigint not null check (amount_minor >= 0),
        primary key (return_id, line_no),
        foreign key (order_id, line_no) references order_line (order_id, line_no)
    )
  `,
  `
    create table ledger_account (
        id text primary key,
        customer_id text,
        kind text not null check (kind in ('member_points', 'member_pending', 'system')),
        debits_posted bigint not null default 0,
        credits_posted bigint not null default 0,
        created_at timestamptz not null default now(),
        check (kind = 'system' or debits_posted <= credits_posted)
    )
  `,
  `
    insert into ledger_account (id, kind) values
        ('sys:issued', 'system'), ('sys:redeemed', 'system'),
        ('sys:expired', 'system'), ('sys:adjusted', 'system')
  `,
  `
    create table ledger_entry (
        id text primary key,
        customer_id text not null,
        debit_account_id text not null references ledger_account (id),
        credit_account_id text not null references ledger_account (id),
        points bigint not null check (points > 0),
        code text not null,
        idempotency_key text not null unique,
        order_id text,
        return_id text,
        pending_entry_id text references ledger_entry (id),
        release_at timestamptz,
        reason text,
        actor text,
        effective_at timestamptz not null,
        created_at timestamptz not null default now(),
        check (debit_account_id <> credit_account_id)
    )
  `,
  `
    create index ledger_entry_customer_idx on ledger_entry (customer_id, id)
  `,
  `
    create index ledger_entry_order_idx on ledger_entry (order_id) where order_id is not null
  `,
  `
    create index ledger_entry_pending_ref_idx on ledger_entry (pending_entry_id)
        where pending_entry_id is not null
  `,
  `
    create index ledger_entry_pending_idx on ledger_entry (release_at)
        where code = 'earn.order.pending'
  `,
  `
    create table points_lot (
        id text primary key,
        customer_id text not null,
        entry_id text not null references ledger_entry (id),
        points bigint not null check (points > 0),
        expires_at timestamptz,
        created_at timestamptz not null
    )
  `,
  `
    create index points_lot_customer_idx on points_lot (customer_id)
  `,
  `
    create index points_lot_expiry_idx on points_lot (expires_at) where expires_at is not null
  `,
  `
    create table lot_consumption (
        lot_id text not null references points_lot (id),
        entry_id text not null references ledger_entry (id),
        customer_id text not null,
        points bigint not null check (points > 0),
        primary key (lot_id, entry_id)
    )
  `,
  `
    create table idempotency_record (
        principal text not null,
        key text not null,
        method text not null,
        path text not null,
        request_hash text not null,
        status integer not null,
        response_body text not null,
        created_at timestamptz not null default now(),
        primary key (principal, key)
    )
  `,
  `
    -- The ledger is append-only: corrections are new entries, never edits.
    create function regulars_forbid_change() returns trigger language plpgsql as $$
    begin
        raise exception '% is append-only', tg_table_name using errcode = 'P0001';
    end $$
  `,
  `
    create trigger ledger_entry_append_only before update or delete on ledger_entry
        for each row execute function regulars_forbid_change()
  `,
  `
    create trigger points_lot_append_only before update or delete on points_lot
        for each row execute function regulars_forbid_change()
  `,
  `
    create trigger lot_consumption_append_only before update or delete on lot_consumption
        for each row execute function regulars_forbid_change()
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    drop table if exists idempotency_record, lot_consumption, points_lot, ledger_entry,
      ledger_account, order_return_line, order_return, order_line, sales_order, customer_consent,
      customer_external_id, customer, api_key, programme_settings cascade
  `.execute(db);
  await sql`drop function if exists regulars_forbid_change()`.execute(db);
};
