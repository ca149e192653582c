import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// The ledger's tables become customer tables in the Citus sense (docs/scale.md): every key starts
// with customer_id and every foreign key between them pairs it.
//
// The system accounts (issued, redeemed, expired, adjusted) belong to no customer, so they move
// out of ledger_account into ledger_system_account, a programme table. An entry can no longer
// name its accounts through one foreign key (one side is a member's account, the other a system
// one), so a check says which accounts it may move instead: one of the entry's own customer's
// two accounts, or a system account. That is stricter than the foreign key was: an entry cannot
// move another member's points. That the member's account row exists is the writers' part: they
// create it first, and they fail if a running total they add to is missing.

const SYSTEM_ACCOUNTS = `('sys:issued', 'sys:redeemed', 'sys:expired', 'sys:adjusted')`;

const accountCheck = (side: 'debit' | 'credit') => `
  alter table ledger_entry add constraint ledger_entry_${side}_account_check check (
    ${side}_account_id in ${SYSTEM_ACCOUNTS}
    or ${side}_account_id in (customer_id || ':points', customer_id || ':pending')
  )
`;

const statements = [
  `
    create table ledger_system_account (
        id text primary key,
        created_at timestamptz not null default now()
    )
  `,
  `insert into ledger_system_account (id, created_at)
     select id, created_at from ledger_account where kind = 'system'`,
  `alter table ledger_entry drop constraint ledger_entry_debit_account_id_fkey`,
  `alter table ledger_entry drop constraint ledger_entry_credit_account_id_fkey`,
  `alter table ledger_entry drop constraint ledger_entry_pending_entry_id_fkey`,
  `alter table points_lot drop constraint points_lot_entry_id_fkey`,
  `alter table lot_consumption drop constraint lot_consumption_lot_id_fkey`,
  `alter table lot_consumption drop constraint lot_consumption_entry_id_fkey`,

  `delete from ledger_account where kind = 'system'`,
  `alter table ledger_account drop constraint ledger_account_check`,
  `alter table ledger_account drop constraint ledger_account_kind_check`,
  `alter table ledger_account add constraint ledger_account_kind_check
     check (kind in ('member_points', 'member_pending'))`,
  `alter table ledger_account add constraint ledger_account_check
     check (debits_posted <= credits_posted)`,
  `alter table ledger_account alter column customer_id set not null`,
  `alter table ledger_account drop constraint ledger_account_pkey`,
  `alter table ledger_account add primary key (customer_id, id)`,

  `alter table ledger_entry drop constraint ledger_entry_pkey`,
  `alter table ledger_entry add primary key (customer_id, id)`,
  `drop index ledger_entry_customer_idx`,
  accountCheck('debit'),
  accountCheck('credit'),

  `alter table points_lot drop constraint points_lot_pkey`,
  `alter table points_lot add primary key (customer_id, id)`,
  `drop index points_lot_customer_idx`,

  `alter table lot_consumption drop constraint lot_consumption_pkey`,
  `alter table lot_consumption add primary key (customer_id, lot_id, entry_id)`,

  `alter table ledger_entry add constraint ledger_entry_pending_entry_id_fkey
     foreign key (customer_id, pending_entry_id) references ledger_entry (customer_id, id)`,
  `alter table points_lot add constraint points_lot_entry_id_fkey
     foreign key (customer_id, entry_id) references ledger_entry (customer_id, id)`,
  `alter table lot_consumption add constraint lot_consumption_lot_id_fkey
     foreign key (customer_id, lot_id) references points_lot (customer_id, id)`,
  `alter table lot_consumption add constraint lot_consumption_entry_id_fkey
     foreign key (customer_id, entry_id) references ledger_entry (customer_id, id)`,
];

const undo = [
  `alter table lot_consumption drop constraint lot_consumption_entry_id_fkey`,
  `alter table lot_consumption drop constraint lot_consumption_lot_id_fkey`,
  `alter table points_lot drop constraint points_lot_entry_id_fkey`,
  `alter table ledger_entry drop constraint ledger_entry_pending_entry_id_fkey`,
  `alter table lot_consumption drop constraint lot_consumption_pkey`,
  `alter table lot_consumption add primary key (lot_id, entry_id)`,
  `create index points_lot_customer_idx on points_lot (customer_id)`,
  `alter table points_lot drop constraint points_lot_pkey`,
  `alter table points_lot add primary key (id)`,
  `alter table ledger_entry drop constraint ledger_entry_debit_account_check`,
  `alter table ledger_entry drop constraint ledger_entry_credit_account_check`,
  `create index ledger_entry_customer_idx on ledger_entry (customer_id, id)`,
  `alter table ledger_entry drop constraint ledger_entry_pkey`,
  `alter table ledger_entry add primary key (id)`,
  `alter table ledger_account drop constraint ledger_account_pkey`,
  `alter table ledger_account add primary key (id)`,
  `alter table ledger_account alter column customer_id drop not null`,
  `alter table ledger_account drop constraint ledger_account_check`,
  `alter table ledger_account drop constraint ledger_account_kind_check`,
  `alter table ledger_account add constraint ledger_account_kind_check
     check (kind in ('member_points', 'member_pending', 'system'))`,
  `alter table ledger_account add constraint ledger_account_check
     check (kind = 'system' or debits_posted <= credits_posted)`,
  `insert into ledger_account (id, kind, created_at)
     select id, 'system', created_at from ledger_system_account`,
  `drop table ledger_system_account`,
  `alter table ledger_entry add constraint ledger_entry_debit_account_id_fkey
     foreign key (debit_account_id) references ledger_account (id)`,
  `alter table ledger_entry add constraint ledger_entry_credit_account_id_fkey
     foreign key (credit_account_id) references ledger_account (id)`,
  `alter table ledger_entry add constraint ledger_entry_pending_entry_id_fkey
     foreign key (pending_entry_id) references ledger_entry (id)`,
  `alter table points_lot add constraint points_lot_entry_id_fkey
     foreign key (entry_id) references ledger_entry (id)`,
  `alter table lot_consumption add constraint lot_consumption_lot_id_fkey
     foreign key (lot_id) references points_lot (id)`,
  `alter table lot_consumption add constraint lot_consumption_entry_id_fkey
     foreign key (entry_id) references ledger_entry (id)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of undo) await sql.raw(statement).execute(db);
};
