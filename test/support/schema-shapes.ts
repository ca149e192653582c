import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Kysely `DB` interfaces read through the TypeScript compiler, so two of them (ours and one that
 * kysely-codegen wrote from a database) can be compared column by column, the way Kysely itself
 * resolves them: a column is its `ColumnType<Select, Insert, Update>` or one plain type for all.
 */

export interface ColumnShape {
  /** The select type's members, a union spread out (`string | null` is [string, null]). */
  select: ts.Type[];
  /** The insert type's members; empty when no insert is allowed (`never`). */
  insert: ts.Type[];
}

export type TableShapes = Map<string, Map<string, ColumnShape>>;

export interface SchemaShapes {
  checker: ts.TypeChecker;
  ours: TableShapes;
  reference: TableShapes;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Never written to disk: the compiler host serves it from memory, beside the tests. */
const REFERENCE_PATH = resolve(repoRoot, 'test/kysely-codegen-reference.ts');

const members = (type: ts.Type): ts.Type[] => {
  if (type.flags & ts.TypeFlags.Never) return [];
  return type.isUnion() ? type.types : [type];
};

const columnShape = (checker: ts.TypeChecker, type: ts.Type): ColumnShape => {
  const shape: ColumnShape = { select: [], insert: [] };
  // Kysely's SelectType/InsertType distribute over a union, so `ColumnType<…> | null` is allowed.
  for (const member of members(type)) {
    const select = member.getProperty('__select__');
    const insert = member.getProperty('__insert__');
    if (select && insert) {
      shape.select.push(...members(checker.getTypeOfSymbol(select)));
      shape.insert.push(...members(checker.getTypeOfSymbol(insert)));
    } else {
      shape.select.push(member);
      shape.insert.push(member);
    }
  }
  return shape;
};

const readDb = (checker: ts.TypeChecker, file: ts.SourceFile): TableShapes => {
  const moduleSymbol = checker.getSymbolAtLocation(file);
  const db = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'DB');
  if (!db) throw new Error(`${file.fileName} exports no DB interface`);
  const tables: TableShapes = new Map();
  for (const table of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(db))) {
    const columns = new Map<string, ColumnShape>();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbol(table))) {
      columns.set(column.name, columnShape(checker, checker.getTypeOfSymbol(column)));
    }
    tables.set(table.name, columns);
  }
  return tables;
};

/**
 * Compiles src/db/schema.ts together with the reference text (which imports from 'kysely', so it
 * is placed inside the repository for module resolution) and reads both `DB` interfaces.
 */
export const readSchemaShapes = (referenceText: string): SchemaShapes => {
  const oursPath = resolve(repoRoot, 'src/db/schema.ts');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => name === REFERENCE_PATH || fileExists.call(host, name);
  host.readFile = (name) => (name === REFERENCE_PATH ? referenceText : readFile.call(host, name));
  host.getSourceFile = (name, language, ...rest) =>
    name === REFERENCE_PATH
      ? ts.createSourceFile(name, referenceText, language)
      : getSourceFile.call(host, name, language, ...rest);
  const program = ts.createProgram([oursPath, REFERENCE_PATH], options, host);
  const errors = ts.getPreEmitDiagnostics(program);
  if (errors.length > 0) {
    throw new Error(ts.formatDiagnostics(errors, { ...host, getNewLine: () => '\n' }));
  }
  const checker = program.getTypeChecker();
  const source = (path: string) => {
    const file = program.getSourceFile(path);
    if (!file) throw new Error(`not compiled: ${path}`);
    return file;
  };
  return {
    checker,
    ours: readDb(checker, source(oursPath)),
    reference: readDb(checker, source(REFERENCE_PATH)),
  };
};
