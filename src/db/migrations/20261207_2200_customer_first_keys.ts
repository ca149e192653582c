import { sql, type Kysely } from 'kysely';

// Frozen in time: this file imports no application code, so later changes cannot rewrite history.
// On a Citus cluster sharded by customer, a unique key is enforced only within a shard, so every
// key of a customer table must begin with customer_id, and a foreign key between two customer
// tables must pair their customer_id columns (docs/scale.md). This migration does that for the
// tables whose keys need no other change: the key gains or leads with customer_id, and a plain
// index keeps lookups by the old key as fast as before.

interface Rekey {
  table: string;
  /** The primary key's columns after customer_id. */
  key: string[];
  /** An index on what the old key led with, for lookups that do not know the customer. */
  lookup: string[];
  /** The primary key before; customer_id alone is indexed by what `drop` names. */
  before: string[];
  /** Indexes on customer_id that the new key makes redundant. */
  drop?: string[];
}

const REKEYED: Rekey[] = [
  {
    table: 'experiment_exposure',
    key: ['experiment_id'],
    lookup: ['experiment_id', 'customer_id'],
    before: ['experiment_id', 'customer_id'],
    drop: ['experiment_exposure_customer_idx'],
  },
  {
    table: 'segment_member',
    key: ['segment_id'],
    lookup: ['segment_id', 'customer_id'],
    before: ['segment_id', 'customer_id'],
    drop: ['segment_member_customer_idx'],
  },
  { table: 'complaint', key: ['id'], lookup: ['id'], before: ['id'] },
  {
    table: 'complaint_event',
    key: ['complaint_id', 'seq'],
    lookup: ['complaint_id', 'seq'],
    before: ['complaint_id', 'seq'],
  },
  { table: 'member_card', key: ['id'], lookup: ['id'], before: ['id'] },
  { table: 'review', key: ['id'], lookup: ['id'], before: ['id'] },
  { table: 'loyalty_activity', key: ['id'], lookup: ['id'], before: ['id'] },
  { table: 'message', key: ['id'], lookup: ['id'], before: ['id'] },
  { table: 'reward_redemption', key: ['id'], lookup: ['id'], before: ['id'] },
  { table: 'survey_response', key: ['id'], lookup: ['id'], before: ['id'] },
  {
    table: 'survey_answer',
    key: ['response_id', 'question_id'],
    lookup: ['response_id'],
    before: ['response_id', 'question_id'],
  },
];

// Foreign keys that hang on a primary key above: dropped first, then paired on customer_id.
const REPAIRED_FOREIGN_KEYS = [
  {
    table: 'complaint_event',
    name: 'complaint_event_complaint_id_fkey',
    column: 'complaint_id',
    references: 'complaint',
  },
  {
    table: 'survey_answer',
    name: 'survey_answer_response_id_fkey',
    column: 'response_id',
    references: 'survey_response',
  },
];

const list = (columns: string[]) => columns.join(', ');

const statements = [
  ...REPAIRED_FOREIGN_KEYS.map((k) => `alter table ${k.table} drop constraint ${k.name}`),
  ...REKEYED.flatMap(({ table, key, lookup, drop = [] }) => [
    `alter table ${table} drop constraint ${table}_pkey`,
    `alter table ${table} add primary key (customer_id, ${list(key)})`,
    `create index ${table}_${lookup[0]}_idx on ${table} (${list(lookup)})`,
    ...drop.map((index) => `drop index ${index}`),
  ]),
  `drop index survey_response_once_key`,
  `create unique index survey_response_once_key on survey_response (customer_id, survey_id)`,
  ...REPAIRED_FOREIGN_KEYS.map(
    (k) =>
      `alter table ${k.table} add constraint ${k.name} foreign key (customer_id, ${k.column}) references ${k.references} (customer_id, id)`,
  ),
];

export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of statements) await sql.raw(statement).execute(db);
};

const undo = [
  ...REPAIRED_FOREIGN_KEYS.map((k) => `alter table ${k.table} drop constraint ${k.name}`),
  `drop index survey_response_once_key`,
  `create unique index survey_response_once_key on survey_response (survey_id, customer_id)`,
  ...REKEYED.flatMap(({ table, lookup, before, drop = [] }) => [
    `alter table ${table} drop constraint ${table}_pkey`,
    `alter table ${table} add primary key (${list(before)})`,
    `drop index ${table}_${lookup[0]}_idx`,
    ...drop.map((index) => `create index ${index} on ${table} (customer_id)`),
  ]),
  ...REPAIRED_FOREIGN_KEYS.map(
    (k) =>
      `alter table ${k.table} add constraint ${k.name} foreign key (${k.column}) references ${k.references} (id)`,
  ),
];

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of undo) await sql.raw(statement).execute(db);
};
