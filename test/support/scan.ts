import { sql } from 'kysely';
import type { TestApp } from './app.js';

/** Every text, varchar, json and jsonb column of every table, in every schema (pgboss too). */
const textColumns = async (t: TestApp) => {
  const { rows } = await sql<{ schema: string; table: string; column: string }>`
    select c.table_schema as schema, c.table_name as table, c.column_name as column
      from information_schema.columns c
      join information_schema.tables tb
        on tb.table_schema = c.table_schema and tb.table_name = c.table_name
     where c.table_schema not in ('pg_catalog', 'information_schema')
       and tb.table_type = 'BASE TABLE'
       and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')
  `.execute(t.database.db);
  return rows;
};

/** Where any of the needles (case-insensitive) still appears: "schema.table.column: needle". */
export const scanTextColumns = async (t: TestApp, needles: string[]) => {
  const found: string[] = [];
  for (const { schema, table, column } of await textColumns(t)) {
    for (const needle of needles) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(`${schema}.${table}`)}
         where strpos(lower(${sql.ref(column)}::text), ${needle.toLowerCase()}) > 0
      `.execute(t.database.db);
      if (Number(rows[0]!.n) > 0) found.push(`${schema}.${table}.${column}: ${needle}`);
    }
  }
  return found;
};
