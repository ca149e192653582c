import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogue } from '../src/db/citus/catalogue.js';
import { lockingOffencesIn } from '../src/db/citus/locking-queries.js';
import { TABLE_PLACEMENT, TRIGGERS_ON_SHARDS } from '../src/db/citus/placement.js';
import { readinessOffences } from '../src/db/citus/readiness.js';
import { citusScript } from '../src/db/citus/script.js';
import type { Database } from '../src/db/dialect.js';
import { registerCitusCommands } from '../src/cli/citus.command.js';
import { openTestDatabase } from './support/database.js';
import { runCli } from './support/run-cli.js';

/**
 * The schema and the queries keep to the rules of a Citus cluster sharded by customer
 * (docs/scale.md): a new table, key or query that breaks one fails this test, naming it.
 */
const ROOT = resolve(import.meta.dirname, '..');

const sourceFiles = () =>
  (readdirSync(resolve(ROOT, 'src'), { recursive: true }) as string[])
    .map((file) => `src/${file.replaceAll('\\', '/')}`)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('/migrations/'));

describe('Citus readiness', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('the migrated schema breaks no distribution rule', async () => {
    const tables = await readCatalogue(database.db as never);
    const offences = readinessOffences({
      tables,
      placement: TABLE_PLACEMENT,
      triggersOnShards: TRIGGERS_ON_SHARDS,
    });
    expect(offences).toEqual([]);
  });

  it('docs/scale.md shows the distribution script of this schema', async () => {
    const tables = await readCatalogue(database.db as never);
    const docs = readFileSync(resolve(ROOT, 'docs/scale.md'), 'utf8');
    const shown =
      /<!-- citus-script:start -->\n```sql\n([\s\S]*?)\n```\n<!-- citus-script:end -->/.exec(docs);
    expect(shown?.[1]).toBe(citusScript(tables, TABLE_PLACEMENT));
  });

  it('the CLI says the schema keeps every rule, lists a broken one (exit code 1) and prints the script', async () => {
    const open = async () => ({ ...database, close: async () => undefined });
    const register = (program: Parameters<typeof registerCitusCommands>[0]) =>
      registerCitusCommands(program, open);
    const check = async () => {
      const { stdout } = await runCli(['citus:check'], register);
      const exitCode = process.exitCode;
      process.exitCode = undefined;
      return { lines: stdout.trim().split('\n'), exitCode };
    };
    expect(await check()).toEqual({
      lines: ['The schema keeps every rule for Citus.'],
      exitCode: undefined,
    });
    // A table nobody placed, keyed by what could repeat across customers.
    await sql`create table citus_probe (email text primary key)`.execute(database.db);
    try {
      expect(await check()).toEqual({
        lines: [
          'citus_probe: has no placement (src/db/citus/placement.ts)',
          '1 rule broken (docs/scale.md says what each means).',
        ],
        exitCode: 1,
      });
    } finally {
      await sql`drop table citus_probe`.execute(database.db);
    }
    const script = await runCli(['citus:script'], register);
    expect(script.stdout).toContain("SELECT create_distributed_table('customer', 'id');");
  });

  it('no query locks or changes customer rows without naming the one customer', () => {
    const offences = sourceFiles().flatMap((file) =>
      lockingOffencesIn(file, readFileSync(resolve(ROOT, file), 'utf8'), TABLE_PLACEMENT).map(
        (o) => `${o.file}: ${o.what} on ${o.table}`,
      ),
    );
    expect([...new Set(offences)]).toEqual([]);
  });
});
