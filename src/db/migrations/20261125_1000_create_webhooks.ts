import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Webhooks follow the Standard Webhooks model: a subscription (endpoint) has a signing secret; an
// event becomes one message (its id is the `webhook-id` every attempt and replay sends) and one
// delivery per subscription; every attempt of a delivery is logged. The outbox rows are written in
// the transaction that emitted the event. A delivery is due when next_attempt_at is null (never
// tried) or has passed; while an attempt is in flight it holds the claim's lease end.

const statements = [
  `
    create table webhook_subscription (
        id text primary key,
        url text not null,
        description text,
        event_types jsonb not null,
        secret text not null,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        active boolean not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz,
        check (deleted_at is null or not active),
        check ((previous_secret is null) = (previous_secret_expires_at is null))
    )
  `,
  `
    create table webhook_message (
        id text primary key,
        event_type text not null,
        customer_id text,
        payload text not null,
        created_at timestamptz not null
    )
  `,
  `create index webhook_message_customer_idx on webhook_message (customer_id, created_at)`,
  `
    create table webhook_delivery (
        id text primary key,
        subscription_id text not null references webhook_subscription (id),
        message_id text not null references webhook_message (id),
        customer_id text,
        status text not null check (status in ('pending', 'succeeded', 'failed', 'cancelled')),
        attempt_count integer not null default 0 check (attempt_count >= 0),
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        completed_at timestamptz,
        replay_of text references webhook_delivery (id),
        created_at timestamptz not null,
        check ((status = 'pending') = (completed_at is null))
    )
  `,
  `
    create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at nulls first, id)
        where status = 'pending'
  `,
  `
    create index webhook_delivery_subscription_idx
        on webhook_delivery (subscription_id, created_at desc, id desc)
  `,
  `create index webhook_delivery_message_idx on webhook_delivery (message_id)`,
  `
    create table webhook_attempt (
        delivery_id text not null references webhook_delivery (id),
        attempt integer not null check (attempt > 0),
        attempted_at timestamptz not null,
        status_code integer,
        response_excerpt text,
        error text,
        duration_ms integer not null check (duration_ms >= 0),
        primary key (delivery_id, attempt)
    )
  `,
  `
    create trigger webhook_attempt_append_only before update or delete on webhook_attempt
        for each row execute function regulars_forbid_change()
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
