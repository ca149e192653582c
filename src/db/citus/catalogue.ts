import { sql, type Kysely } from 'kysely';

/**
 * What the readiness rules need to know of the schema, read from pg_catalog after migrations:
 * tables with their columns, keys, foreign keys and triggers (in the schema the session works in: public, or a brand's).
 */
export interface CatalogueTable {
  name: string;
  /** Column name → whether it may be null. */
  nullable: Map<string, boolean>;
  primaryKey: string[] | null;
  /** Unique indexes other than the primary key; an expression key part reads as its SQL. */
  uniqueIndexes: { name: string; columns: string[] }[];
  foreignKeys: {
    name: string;
    columns: string[];
    references: string;
    referencedColumns: string[];
    /** As pg_get_constraintdef gives it: `FOREIGN KEY (…) REFERENCES …`. */
    definition: string;
  }[];
  triggers: string[];
}

interface ColumnRow {
  table: string;
  column: string;
  nullable: boolean;
}
interface IndexRow {
  table: string;
  name: string;
  primary: boolean;
  columns: string[];
}
interface ForeignKeyRow {
  table: string;
  name: string;
  columns: string[];
  references: string;
  referenced_columns: string[];
  definition: string;
}
interface TriggerRow {
  table: string;
  name: string;
}

const columnsOf = (db: Kysely<unknown>) =>
  sql<ColumnRow>`
    select c.relname as table, a.attname as column, not a.attnotnull as nullable
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
  `.execute(db);

// Key parts in index order; pg_get_indexdef(oid, k, true) gives a column's name or an expression.
const indexesOf = (db: Kysely<unknown>) =>
  sql<IndexRow>`
    select c.relname as table, ic.relname as name, i.indisprimary as primary,
           array(select pg_get_indexdef(i.indexrelid, k, true)
                   from generate_series(1, i.indnkeyatts) as k order by k) as columns
      from pg_index i
      join pg_class c on c.oid = i.indrelid
      join pg_class ic on ic.oid = i.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and (i.indisunique or i.indisprimary)
  `.execute(db);

const foreignKeysOf = (db: Kysely<unknown>) =>
  sql<ForeignKeyRow>`
    select c.relname as table, k.conname as name, r.relname as references,
           pg_get_constraintdef(k.oid) as definition,
           array(select a.attname::text from unnest(k.conkey) with ordinality as u(attnum, pos)
                   join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
                  order by u.pos) as columns,
           array(select a.attname::text from unnest(k.confkey) with ordinality as u(attnum, pos)
                   join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
                  order by u.pos) as referenced_columns
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and k.contype = 'f'
  `.execute(db);

const triggersOf = (db: Kysely<unknown>) =>
  sql<TriggerRow>`
    select c.relname as table, t.tgname as name
      from pg_trigger t
      join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and not t.tgisinternal
  `.execute(db);

export const readCatalogue = async (db: Kysely<unknown>): Promise<CatalogueTable[]> => {
  const [columns, indexes, foreignKeys, triggers] = await Promise.all([
    columnsOf(db),
    indexesOf(db),
    foreignKeysOf(db),
    triggersOf(db),
  ]);
  const tables = new Map<string, CatalogueTable>();
  const tableOf = (name: string) => {
    let table = tables.get(name);
    if (!table) {
      table = {
        name,
        nullable: new Map(),
        primaryKey: null,
        uniqueIndexes: [],
        foreignKeys: [],
        triggers: [],
      };
      tables.set(name, table);
    }
    return table;
  };
  for (const row of columns.rows) tableOf(row.table).nullable.set(row.column, row.nullable);
  for (const row of indexes.rows) {
    const table = tableOf(row.table);
    if (row.primary) table.primaryKey = row.columns;
    else table.uniqueIndexes.push({ name: row.name, columns: row.columns });
  }
  for (const row of foreignKeys.rows) {
    tableOf(row.table).foreignKeys.push({
      name: row.name,
      columns: row.columns,
      references: row.references,
      referencedColumns: row.referenced_columns,
      definition: row.definition,
    });
  }
  for (const row of triggers.rows) tableOf(row.table).triggers.push(row.name);
  // Sorted by name throughout: the catalogue's own order differs between PostgreSQL and PGlite.
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  for (const table of tables.values()) {
    table.uniqueIndexes.sort(byName);
    table.foreignKeys.sort(byName);
    table.triggers.sort();
  }
  return [...tables.values()].sort(byName);
};
