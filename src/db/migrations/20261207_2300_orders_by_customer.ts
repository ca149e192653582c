import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// Orders, their lines and returns become customer tables in the Citus sense (docs/scale.md):
// every key starts with customer_id and every foreign key between them pairs it. Orders and
// returns keep an index on their id alone, for the API's lookups by id; lines are read by their
// orders' customer and id, so they need none. The order's external id stays unique across all
// customers for now (a lookup table is the next step).

const FOREIGN_KEYS = [
  {
    table: 'order_line',
    name: 'order_line_order_id_fkey',
    before: '(order_id) references sales_order (id)',
    after: '(customer_id, order_id) references sales_order (customer_id, id)',
  },
  {
    table: 'order_return',
    name: 'order_return_order_id_fkey',
    before: '(order_id) references sales_order (id)',
    after: '(customer_id, order_id) references sales_order (customer_id, id)',
  },
  {
    table: 'order_return_line',
    name: 'order_return_line_return_id_fkey',
    before: '(return_id) references order_return (id)',
    after: '(customer_id, return_id) references order_return (customer_id, id)',
  },
  {
    table: 'order_return_line',
    name: 'order_return_line_order_id_line_no_fkey',
    before: '(order_id, line_no) references order_line (order_id, line_no)',
    after:
      '(customer_id, order_id, line_no) references order_line (customer_id, order_id, line_no)',
  },
];

const KEYS = [
  { table: 'sales_order', before: '(id)', after: '(customer_id, id)', byId: true },
  { table: 'order_line', before: '(order_id, line_no)', after: '(customer_id, order_id, line_no)' },
  { table: 'order_return', before: '(id)', after: '(customer_id, id)', byId: true },
  {
    table: 'order_return_line',
    before: '(return_id, line_no)',
    after: '(customer_id, return_id, line_no)',
  },
];

const rekey = (direction: 'before' | 'after') => [
  ...FOREIGN_KEYS.map((k) => `alter table ${k.table} drop constraint ${k.name}`),
  ...KEYS.flatMap((k) => [
    `alter table ${k.table} drop constraint ${k.table}_pkey`,
    `alter table ${k.table} add primary key ${k[direction]}`,
    ...(k.byId
      ? [
          direction === 'after'
            ? `create index ${k.table}_id_idx on ${k.table} (id)`
            : `drop index ${k.table}_id_idx`,
        ]
      : []),
  ]),
  `drop index order_return_external_id_key`,
  `create unique index order_return_external_id_key on order_return
     (${direction === 'after' ? 'customer_id, ' : ''}order_id, external_id) where external_id is not null`,
  ...FOREIGN_KEYS.map(
    (k) => `alter table ${k.table} add constraint ${k.name} foreign key ${k[direction]}`,
  ),
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of rekey('after')) await sql.raw(statement).execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of rekey('before')) await sql.raw(statement).execute(db);
};
