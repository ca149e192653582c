import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// A customer's e-mail, the external ids other systems give a customer, and an order's external id
// are unique across all customers. On a Citus cluster sharded by customer a unique index holds
// only within a shard, so each of these values moves to a lookup table keyed by the value and
// holding its owner (Citus' co-located lookup pattern; docs/scale.md): the table is distributed
// by the value, and its primary key is the uniqueness. The repositories write the lookup in the
// owner's transaction; no foreign key joins it to customer data (they live on other shards).
//
// customer_external_id stays the customer's own table (hydrating a customer reads it by customer
// on every request) and gains a lookup beside it rather than becoming one. The prefix index on
// customer (email) and the index on customer_external_id (external_id) stay, for the customer
// list's search; sales_order's external id index goes: orders are found by it through the
// lookup, and ingestion keeps the same number of indexes to write.

const TABLES = [
  `create table customer_email (
       email text not null,
       customer_id text not null,
       constraint customer_email_key primary key (email)
   )`,
  `create table customer_external_id_owner (
       external_id text not null,
       source text not null,
       customer_id text not null,
       constraint customer_external_id_key primary key (external_id, source)
   )`,
  `create table sales_order_external (
       external_id text not null,
       customer_id text not null,
       order_id text not null,
       constraint sales_order_external_id_key primary key (external_id)
   )`,
];

// The unique indexes go first: each lookup's primary key takes over its name, so a duplicate is
// refused under the same constraint name as before (the API's conflict mapping reads it).
const DROP_UNIQUE = [
  `drop index customer_email_key`,
  `drop index customer_external_id_key`,
  `drop index sales_order_external_id_key`,
];

const FILL = [
  `insert into customer_email (email, customer_id)
     select email, id from customer where email is not null`,
  `insert into customer_external_id_owner (external_id, source, customer_id)
     select external_id, source, customer_id from customer_external_id`,
  `insert into sales_order_external (external_id, customer_id, order_id)
     select external_id, customer_id, id from sales_order`,
];

const UNIQUE_INDEXES = [
  `create unique index customer_email_key on customer (email) where email is not null`,
  `create unique index customer_external_id_key on customer_external_id (source, external_id)`,
  `create unique index sales_order_external_id_key on sales_order (external_id)`,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of [...DROP_UNIQUE, ...TABLES, ...FILL]) {
    await sql.raw(statement).execute(db);
  }
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of [
    `drop table sales_order_external`,
    `drop table customer_external_id_owner`,
    `drop table customer_email`,
    ...UNIQUE_INDEXES,
  ]) {
    await sql.raw(statement).execute(db);
  }
};
