import { sql, type Kysely } from 'kysely';
import { PostgresDialect, serializeFromMetadata, type DatabaseMetadata } from 'kysely-codegen';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/dialect.js';
import { openTestDatabase } from './support/database.js';
import { readSchemaShapes, type ColumnShape, type SchemaShapes } from './support/schema-shapes.js';

/**
 * The hand-written Kysely schema (src/db/schema.ts) against the database the migrations build, on
 * both PGlite and PostgreSQL. kysely-codegen introspects the freshly migrated database and writes
 * its own `DB` interface; the TypeScript compiler reads both, and every table and column must
 * agree on: existence, nullability, a select type ours narrows but never contradicts, and whether
 * an insert may leave the column out (a default or identity <=> `Generated<>`).
 *
 * Not seen here: CHECK constraints (ours may narrow `text` to a union of literals; the database
 * decides which literals), the shape of JSON columns (zod checks stored JSON at the edges), foreign
 * keys, indexes, triggers, and the update types.
 */

/** What our dialect setup (src/db/dialect.ts) hands back: int8 and numeric as numbers, date as text. */
const codegenDialect = () => new PostgresDialect({ dateParser: 'string', numericParser: 'number' });
const TYPE_MAPPING = { int8: 'number' };

const isNull = (t: ts.Type) => (t.flags & ts.TypeFlags.Null) !== 0;
const isUndefined = (t: ts.Type) => (t.flags & ts.TypeFlags.Undefined) !== 0;
const isOpaque = (t: ts.Type) => (t.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) !== 0;
const isAny = (t: ts.Type) => (t.flags & ts.TypeFlags.Any) !== 0;

/** Kysely's rule: an insert may leave a column out when its insert type admits null or undefined. */
const optionalOnInsert = (shape: ColumnShape) =>
  shape.insert.some((t) => isNull(t) || isUndefined(t) || isOpaque(t));

interface ColumnFacts {
  dataType: string;
  isNullable: boolean;
  /** A default or an identity: an insert may leave the column out. */
  hasDefault: boolean;
  identityAlways: boolean;
}

const compareColumn = (
  { checker }: SchemaShapes,
  name: string,
  ours: ColumnShape,
  reference: ColumnShape,
  facts: ColumnFacts,
): string[] => {
  const problems: string[] = [];
  const show = (types: ts.Type[]) => types.map((t) => checker.typeToString(t)).join(' | ');
  const column = `${name} (${facts.dataType}${facts.isNullable ? ', nullable' : ', not null'})`;

  const oursNullable = ours.select.some(isNull);
  if (facts.isNullable && !oursNullable && !ours.select.some(isOpaque)) {
    problems.push(`${column}: the database allows null, DB reads it as ${show(ours.select)}`);
  }
  if (!facts.isNullable && oursNullable) {
    problems.push(`${column}: the database forbids null, DB reads it as ${show(ours.select)}`);
  }

  const isJson = facts.dataType === 'json' || facts.dataType === 'jsonb';
  const wanted = reference.select.filter((t) => !isNull(t));
  const contradicts = ours.select
    .filter((t) => !isNull(t))
    .some((t) => isAny(t) || !wanted.some((w) => checker.isTypeAssignableTo(t, w)));
  if (!isJson && contradicts) {
    problems.push(
      `${column}: DB reads it as ${show(ours.select)}, the database gives ${show(wanted)}`,
    );
  }

  if (facts.identityAlways) {
    if (ours.insert.length > 0) {
      problems.push(`${column}: generated always as identity, so DB must say GeneratedAlways<>`);
    }
    return problems;
  }
  const oursOptional = optionalOnInsert(ours);
  if (facts.hasDefault && !oursOptional) {
    problems.push(`${column}: has a database default or identity, so DB must say Generated<>`);
  }
  if (!facts.hasDefault && !facts.isNullable && oursOptional) {
    problems.push(`${column}: DB lets an insert leave it out, the database has no default for it`);
  }
  return problems;
};

const compareSchemas = (
  shapes: SchemaShapes,
  metadata: DatabaseMetadata,
  identityAlways: Set<string>,
): string[] => {
  const problems: string[] = [];
  for (const table of new Set([...shapes.ours.keys(), ...shapes.reference.keys()])) {
    const ours = shapes.ours.get(table);
    const reference = shapes.reference.get(table);
    if (!ours || !reference) {
      problems.push(
        `${table}: table ${ours ? 'is in DB but not in the database' : 'missing from DB'}`,
      );
      continue;
    }
    const columnsMetadata = metadata.tables.find((t) => t.name === table)?.columns ?? [];
    for (const column of new Set([...ours.keys(), ...reference.keys()])) {
      const name = `${table}.${column}`;
      const oursColumn = ours.get(column);
      const referenceColumn = reference.get(column);
      const meta = columnsMetadata.find((c) => c.name === column);
      if (!oursColumn || !referenceColumn || !meta) {
        problems.push(
          `${name}: column ${oursColumn ? 'is in DB but not in the database' : 'missing from DB'}`,
        );
        continue;
      }
      const facts = {
        dataType: meta.isArray ? `${meta.dataType}[]` : meta.dataType,
        isNullable: meta.isNullable,
        hasDefault: meta.hasDefaultValue || meta.isAutoIncrementing,
        identityAlways: identityAlways.has(name),
      };
      problems.push(...compareColumn(shapes, name, oursColumn, referenceColumn, facts));
    }
  }
  return problems;
};

describe('the Kysely schema', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase({ poolSize: 2 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('matches the migrated database: tables, columns, nullability, types and defaults', async () => {
    const dialect = codegenDialect();
    // Codegen reads the catalogue, not our tables, so it takes the connection untyped.
    const untyped: Kysely<any> = database.db;
    const metadata = await dialect.introspector.introspect({
      db: untyped,
      includePattern: 'public.*',
    });
    const referenceText = serializeFromMetadata({ metadata, dialect, typeMapping: TYPE_MAPPING });
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and identity_generation = 'ALWAYS'
    `.execute(database.db);
    const identityAlways = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));

    const shapes = readSchemaShapes(referenceText);

    expect(shapes.reference.size).toBe(metadata.tables.length);
    expect(shapes.reference.size).toBeGreaterThan(0);
    expect(compareSchemas(shapes, metadata, identityAlways)).toEqual([]);
  });
});
