import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// GDPR erasure and the admin audit log (docs/privacy.md):
// - customer.erased_at marks a customer whose personal data was erased; the row stays, keyed by its
//   pseudonymous id, so the ledger, orders and analytics keep their totals.
// - The ledger stays append-only, with one exception: an erasure may replace the free-text reason
//   of an entry with '[erased]'. Every other column, the amount first, must stay as it was.
// - audit_log: who did which admin action, when, on what; written in the action's transaction.

const statements = [
  `alter table customer add column erased_at timestamptz`,
  `
    create function regulars_ledger_entry_guard() returns trigger language plpgsql as $$
    begin
        if tg_op = 'UPDATE' and new.reason = '[erased]'
           and (to_jsonb(new) - 'reason') = (to_jsonb(old) - 'reason') then
            return new;
        end if;
        raise exception '% is append-only', tg_table_name using errcode = 'P0001';
    end $$
  `,
  `drop trigger ledger_entry_append_only on ledger_entry`,
  `
    create trigger ledger_entry_append_only before update or delete on ledger_entry
        for each row execute function regulars_ledger_entry_guard()
  `,
  `
    create table audit_log (
        id text primary key,
        at timestamptz not null,
        actor_key_id text,
        actor_user_id text,
        actor_label text not null,
        action text not null,
        target_type text not null,
        target_id text,
        summary jsonb not null default '{}'::jsonb
    )
  `,
  `create index audit_log_at_idx on audit_log (at desc, id desc)`,
  `create index audit_log_action_idx on audit_log (action, at desc)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop table if exists audit_log`.execute(db);
  await sql`drop trigger ledger_entry_append_only on ledger_entry`.execute(db);
  await sql`
    create trigger ledger_entry_append_only before update or delete on ledger_entry
        for each row execute function regulars_forbid_change()
  `.execute(db);
  await sql`drop function if exists regulars_ledger_entry_guard()`.execute(db);
  await sql`alter table customer drop column if exists erased_at`.execute(db);
};
