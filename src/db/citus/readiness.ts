import type { CatalogueTable } from './catalogue.js';
import { OWN_GROUP, type Placement } from './placement.js';

/**
 * The rules a schema must keep to be distributed by customer on Citus, checked against the
 * catalogue. Each broken rule reads "table: what is wrong", so the list is the work to do.
 *
 * - A distributed table has its distribution column, never null, first in its primary key and
 *   in every unique index (Citus enforces uniqueness only within a shard).
 * - A foreign key between distributed tables joins two tables of one colocation group and pairs
 *   their distribution columns, so both rows sit on the same shard. A lookup table (a group of
 *   its own) has no foreign key to or from a distributed table: it is written in the owner's
 *   transaction instead.
 * - Reference and coordinator tables refer to no distributed table; nothing refers to a
 *   coordinator table but the coordinator's own.
 * - A trigger on a distributed table runs on the shards; it is allowed only where it is listed
 *   (with why it is safe) in the trigger list that docs/scale.md gives.
 */
export interface ReadinessInput {
  tables: CatalogueTable[];
  placement: Readonly<Record<string, Placement>>;
  triggersOnShards: Readonly<Record<string, string>>;
}

const keyList = (columns: string[]) => `(${columns.join(', ')})`;

type Distributed = Extract<Placement, { kind: 'distributed' }>;

const sameGroup = (a: Distributed, b: Distributed) =>
  a.colocation !== OWN_GROUP && a.colocation === b.colocation;

const distributedTableOffences = (
  table: CatalogueTable,
  placement: Distributed,
  input: ReadinessInput,
): string[] => {
  const { column } = placement;
  const offences: string[] = [];
  const say = (what: string) => offences.push(`${table.name}: ${what}`);
  if (!table.nullable.has(column)) say(`has no ${column} column to distribute by`);
  else if (table.nullable.get(column)) say(`${column} may be null`);
  if (!table.primaryKey) say('has no primary key');
  else if (table.primaryKey[0] !== column)
    say(`primary key ${keyList(table.primaryKey)} does not start with ${column}`);
  for (const index of table.uniqueIndexes) {
    if (index.columns[0] !== column)
      say(`unique index ${index.name} ${keyList(index.columns)} does not start with ${column}`);
  }
  for (const key of table.foreignKeys) {
    const target = input.placement[key.references];
    const arrow = `foreign key ${key.name} ${keyList(key.columns)} → ${key.references}`;
    if (target?.kind === 'coordinator') say(`${arrow}: refers to a coordinator table`);
    if (target?.kind !== 'distributed') continue;
    if (!sameGroup(placement, target)) {
      say(`${arrow}: refers to a table of another colocation group`);
      continue;
    }
    const paired = key.columns.some(
      (own, i) => own === column && key.referencedColumns[i] === target.column,
    );
    if (!paired)
      say(
        `${arrow}${keyList(key.referencedColumns)}: does not pair ${column} with ${target.column}`,
      );
  }
  for (const trigger of table.triggers) {
    if (!(`${table.name}.${trigger}` in input.triggersOnShards))
      say(`trigger ${trigger} would run on the shards and is not in the documented list`);
  }
  return offences;
};

const undistributedTableOffences = (
  table: CatalogueTable,
  placement: Placement,
  input: ReadinessInput,
): string[] =>
  table.foreignKeys.flatMap((key) => {
    const target = input.placement[key.references];
    const arrow = `${table.name}: foreign key ${key.name} ${keyList(key.columns)} → ${key.references}`;
    if (target?.kind === 'distributed')
      return [`${arrow}: a ${placement.kind} table refers to a distributed one`];
    if (target?.kind === 'coordinator' && placement.kind === 'reference')
      return [`${arrow}: a reference table refers to a coordinator table`];
    return [];
  });

export const readinessOffences = (input: ReadinessInput): string[] => {
  const present = new Set(input.tables.map((t) => t.name));
  const offences = Object.keys(input.placement)
    .filter((name) => !present.has(name))
    .map((name) => `${name}: placed for Citus but not in the schema`);
  for (const table of input.tables) {
    const placement = input.placement[table.name];
    if (!placement) offences.push(`${table.name}: has no placement (src/db/citus/placement.ts)`);
    else if (placement.kind === 'distributed')
      offences.push(...distributedTableOffences(table, placement, input));
    else offences.push(...undistributedTableOffences(table, placement, input));
  }
  return offences;
};
