import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// E-mail: templates with one version per locale; `message` is the outbox and the send log at once
// (a row per customer and dedupe key, written in the transaction that asked for it, rendered and
// sent by a sweeper that claims due rows with a lease); `messaging_config` keeps the settings and
// journeys as JSON documents; a campaign is expanded from a segment's members into messages.

const statements = [
  `
    create table message_template (
        id text primary key,
        key text not null unique,
        kind text not null check (kind in ('marketing', 'transactional')),
        default_locale text not null,
        description text,
        created_at timestamptz not null,
        updated_at timestamptz not null
    )
  `,
  `
    create table message_template_version (
        template_id text not null references message_template (id) on delete cascade,
        locale text not null,
        subject text not null,
        html text not null,
        text text not null,
        primary key (template_id, locale)
    )
  `,
  `
    create table message (
        id text primary key,
        customer_id text not null references customer (id),
        template_key text not null,
        kind text not null check (kind in ('marketing', 'transactional')),
        locale text,
        campaign_id text,
        journey text,
        to_address text,
        subject text,
        html text,
        text text,
        unsubscribe_url text,
        data jsonb not null,
        status text not null check (status in ('queued', 'sent', 'failed', 'suppressed', 'outbox')),
        reason text,
        dedupe_key text not null,
        scheduled_at timestamptz not null,
        lease_until timestamptz,
        sent_at timestamptz,
        attempts integer not null default 0 check (attempts >= 0),
        smtp_message_id text,
        last_error text,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        unique (customer_id, dedupe_key),
        check ((status = 'sent') = (sent_at is not null))
    )
  `,
  `create index message_due_idx on message (scheduled_at, id) where status in ('queued', 'outbox')`,
  `create index message_customer_idx on message (customer_id, created_at desc, id desc)`,
  `create index message_status_idx on message (status, created_at desc, id desc)`,
  `create index message_campaign_idx on message (campaign_id) where campaign_id is not null`,
  `
    create table messaging_config (
        name text primary key,
        value jsonb not null,
        updated_at timestamptz not null
    )
  `,
  `
    create table campaign (
        id text primary key,
        template_key text not null,
        segment_id text not null,
        status text not null check (status in ('scheduled', 'expanding', 'done')),
        scheduled_at timestamptz not null,
        lease_until timestamptz,
        audience integer not null default 0,
        created_at timestamptz not null,
        completed_at timestamptz
    )
  `,
  `create index campaign_due_idx on campaign (scheduled_at, id) where status <> 'done'`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};
