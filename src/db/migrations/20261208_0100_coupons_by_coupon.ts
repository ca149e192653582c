import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Coupons leave the customer tables (docs/scale.md): a batch code has no customer until someone
// redeems it, and an anonymous redemption never has one, so neither can be sharded by customer.
// On Citus, `coupon` anchors a colocation group of its own, distributed by its id, and
// `coupon_redemption` joins it, distributed by coupon_id: a redemption's key and its foreign key
// to the coupon pair those columns, so checkout's lock on the coupon and the redemption it writes
// sit on one shard.
//
// A code is unique across all coupons, which a table distributed by id cannot enforce, so the
// codes move to the lookup table `coupon_code` (distributed by code), written in the coupon's own
// transaction; the unique index on coupon (code) goes. Keys that now cross groups go too, and
// their writers' transactions guard them instead: coupon → customer, coupon_redemption →
// customer (the service finds the customer first; customers are never deleted), reward_redemption
// → coupon and coupon_issue → coupon (the coupon is inserted in the same transaction).
// `coupon_issue` stays a customer table: it is keyed by (customer_id, source_key), since every
// source key names a customer's own order or activity and every read knows the customer.

const DROPPED_FOREIGN_KEYS = [
  {
    table: 'coupon',
    name: 'coupon_customer_id_fkey',
    key: '(customer_id) references customer (id)',
  },
  {
    table: 'coupon_redemption',
    name: 'coupon_redemption_customer_id_fkey',
    key: '(customer_id) references customer (id)',
  },
  {
    table: 'reward_redemption',
    name: 'reward_redemption_coupon_id_fkey',
    key: '(coupon_id) references coupon (id)',
  },
  {
    table: 'coupon_issue',
    name: 'coupon_issue_coupon_id_fkey',
    key: '(coupon_id) references coupon (id)',
  },
];

const statements = [
  ...DROPPED_FOREIGN_KEYS.map((k) => `alter table ${k.table} drop constraint ${k.name}`),
  `
    create table coupon_code (
        code text primary key,
        coupon_id text not null
    )
  `,
  `insert into coupon_code (code, coupon_id) select code, id from coupon`,
  `drop index coupon_code_key`,
  `alter table coupon_redemption drop constraint coupon_redemption_pkey`,
  `alter table coupon_redemption add primary key (coupon_id, id)`,
  `alter table coupon_issue drop constraint coupon_issue_pkey`,
  `alter table coupon_issue add primary key (customer_id, source_key)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

const undo = [
  `alter table coupon_issue drop constraint coupon_issue_pkey`,
  `alter table coupon_issue add primary key (source_key)`,
  `alter table coupon_redemption drop constraint coupon_redemption_pkey`,
  `alter table coupon_redemption add primary key (id)`,
  `create unique index coupon_code_key on coupon (code)`,
  `drop table coupon_code`,
  ...DROPPED_FOREIGN_KEYS.map(
    (k) => `alter table ${k.table} add constraint ${k.name} foreign key ${k.key}`,
  ),
];

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of undo) await sql.raw(statement).execute(db);
};
