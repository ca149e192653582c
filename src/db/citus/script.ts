import type { CatalogueTable } from './catalogue.js';
import { CUSTOMER_GROUP, OWN_GROUP, type Placement } from './placement.js';

/**
 * The SQL that turns a migrated Regulars database into a Citus one, in the order Citus needs:
 * foreign keys dropped, reference tables copied to every worker, customer tables distributed
 * and co-located with `customer` (any other colocation group with its own anchor, each lookup
 * table alone), foreign keys added back. Coordinator tables are left as they
 * are. It is printed from the live catalogue (`regulars citus:script`), so it matches the schema
 * it runs on, and docs/scale.md shows it for the schema of this version.
 */
export const citusScript = (
  tables: CatalogueTable[],
  placement: Readonly<Record<string, Placement>>,
): string => {
  const placed = (kind: Placement['kind']) =>
    tables.filter((t) => placement[t.name]?.kind === kind).map((t) => t.name);
  const keys = tables.flatMap((t) => t.foreignKeys.map((k) => ({ table: t.name, ...k })));
  const outOfCoordinator = (name: string) => placement[name]?.kind !== 'coordinator';
  // Keys among coordinator tables stay; every other one is dropped and added back afterwards.
  const moved = keys.filter((k) => outOfCoordinator(k.table) || outOfCoordinator(k.references));
  const distributed = tables.flatMap((t) => {
    const place = placement[t.name];
    return place?.kind === 'distributed' ? [{ name: t.name, ...place }] : [];
  });
  const groups = [...new Set(distributed.map((t) => t.colocation))]
    .filter((g) => g !== OWN_GROUP)
    .sort((a, b) => Number(b === CUSTOMER_GROUP) - Number(a === CUSTOMER_GROUP));
  // A group's first table is its anchor (the table named after the group where there is one).
  const distribute = [
    ...groups.flatMap((group) => {
      const members = distributed.filter((t) => t.colocation === group);
      const anchor = members.find((t) => t.name === group) ?? members[0]!;
      return [
        group === CUSTOMER_GROUP
          ? `SELECT create_distributed_table('${anchor.name}', '${anchor.column}');`
          : `SELECT create_distributed_table('${anchor.name}', '${anchor.column}', colocate_with => 'none');`,
        ...members
          .filter((t) => t !== anchor)
          .map(
            (t) =>
              `SELECT create_distributed_table('${t.name}', '${t.column}', colocate_with => '${anchor.name}');`,
          ),
      ];
    }),
    ...distributed
      .filter((t) => t.colocation === OWN_GROUP)
      .map(
        (t) =>
          `SELECT create_distributed_table('${t.name}', '${t.column}', colocate_with => 'none');`,
      ),
  ];
  return [
    '-- Run on the coordinator, after `regulars migrate`, as a superuser.',
    '-- Triggers on distributed tables (the append-only guards) run on the shards.',
    "DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET citus.enable_unsafe_triggers = on', current_database()); END $$;",
    'SET citus.enable_unsafe_triggers = on;',
    'BEGIN;',
    "SET LOCAL citus.multi_shard_modify_mode TO 'sequential';",
    ...moved.map((k) => `ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name};`),
    ...placed('reference').map((name) => `SELECT create_reference_table('${name}');`),
    ...distribute,
    ...moved.map((k) => `ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.definition};`),
    'COMMIT;',
  ].join('\n');
};
