import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Each order carries the amount returned against it so far, so analytics that net returns off
// orders read one column instead of joining every order with the returns (at ten million orders
// that join cost two of the experiment results' seconds). A trigger keeps it: every path that
// records a return (the API, the batch, the import) goes through an insert into order_return, and
// returns are never updated or deleted. The update names the customer too, so it stays on one
// shard when orders are distributed by customer.

const statements = [
  `alter table sales_order add column returned_minor bigint not null default 0
     check (returned_minor >= 0)`,
  `
    update sales_order o
       set returned_minor = r.amount
      from (select order_id, sum(amount_minor) as amount from order_return group by order_id) r
     where r.order_id = o.id
  `,
  `
    create function regulars_count_returned() returns trigger language plpgsql as $$
    begin
      update sales_order
         set returned_minor = returned_minor + new.amount_minor
       where id = new.order_id and customer_id = new.customer_id;
      return null;
    end
    $$
  `,
  `
    create trigger order_return_counts_returned after insert on order_return
        for each row execute function regulars_count_returned()
  `,
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop trigger order_return_counts_returned on order_return`.execute(db);
  await sql`drop function regulars_count_returned()`.execute(db);
  await sql`alter table sales_order drop column returned_minor`.execute(db);
};
