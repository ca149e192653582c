import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// The last customer tables whose keys did not lead with the customer (docs/scale.md), but the
// coupons':
//
// - referral names two customers and belongs to the referred friend (one live referral each): it
//   is distributed by referred_id, which leads its keys. Its foreign key to the referrer cannot
//   sit on the friend's shard, so it goes; the referrer is read (and locked) in the transaction
//   that attributes or converts the referral, which is what guards it now, and the check that a
//   refused attempt is the only referral without a referrer stays.
// - referral_code keeps one code per member (keyed by customer_id); that a code is unique across
//   all members moves to referral_code_owner, a lookup table distributed by the code and written
//   in the same transaction as the code.
// - review's external id stays unique across all customers in the same way: review_external_key,
//   a lookup table by external id, written in the review's transaction.
// - rule_award had no primary key (a tier bonus has no rule, an entry may hold several awards):
//   an identity column numbers the rows, after the customer.
// - The idempotency keys of ledger_entry, loyalty_activity and reward_redemption become unique per
//   customer: they name one customer's order, activity or award, and the HTTP Idempotency-Key of
//   a client is claimed (per API key) in idempotency_record before a request reaches them. The
//   constraints keep their names, which the code recognises a clash by.

const statements = [
  `alter table referral drop constraint referral_referrer_id_fkey`,
  `alter table referral drop constraint referral_pkey`,
  `alter table referral add primary key (referred_id, id)`,
  `create index referral_id_idx on referral (id)`,

  `
    create table referral_code_owner (
        code text primary key,
        customer_id text not null
    )
  `,
  `insert into referral_code_owner (code, customer_id) select code, customer_id from referral_code`,
  `alter table referral_code drop constraint referral_code_code_key`,

  `
    create table review_external_key (
        external_id text primary key,
        customer_id text not null,
        review_id text not null
    )
  `,
  `insert into review_external_key (external_id, customer_id, review_id)
     select external_id, customer_id, id from review`,
  `drop index review_external_id_key`,

  `alter table rule_award add column seq bigint generated always as identity`,
  `alter table rule_award add primary key (customer_id, seq)`,

  `alter table ledger_entry drop constraint ledger_entry_idempotency_key_key`,
  `alter table ledger_entry add constraint ledger_entry_idempotency_key_key
     unique (customer_id, idempotency_key)`,
  `alter table loyalty_activity drop constraint loyalty_activity_idempotency_key_key`,
  `alter table loyalty_activity add constraint loyalty_activity_idempotency_key_key
     unique (customer_id, idempotency_key)`,
  `drop index reward_redemption_key`,
  `create unique index reward_redemption_key on reward_redemption (customer_id, idempotency_key)`,
];

// Back to global keys: fails (and changes nothing, being one transaction) if two customers have
// come to share a key or a referral's referrer has been erased since.
const undo = [
  `drop index reward_redemption_key`,
  `create unique index reward_redemption_key on reward_redemption (idempotency_key)`,
  `alter table loyalty_activity drop constraint loyalty_activity_idempotency_key_key`,
  `alter table loyalty_activity add constraint loyalty_activity_idempotency_key_key
     unique (idempotency_key)`,
  `alter table ledger_entry drop constraint ledger_entry_idempotency_key_key`,
  `alter table ledger_entry add constraint ledger_entry_idempotency_key_key
     unique (idempotency_key)`,

  `alter table rule_award drop constraint rule_award_pkey`,
  `alter table rule_award drop column seq`,

  `create unique index review_external_id_key on review (external_id)`,
  `drop table review_external_key`,

  `alter table referral_code add constraint referral_code_code_key unique (code)`,
  `drop table referral_code_owner`,

  `drop index referral_id_idx`,
  `alter table referral drop constraint referral_pkey`,
  `alter table referral add primary key (id)`,
  `alter table referral add constraint referral_referrer_id_fkey
     foreign key (referrer_id) references customer (id)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of undo) await sql.raw(statement).execute(db);
};
