import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules live in eslint.config.js; these probes show they bite where they should.
const eslint = new ESLint();

const violations = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
};

describe('layer rules', () => {
  it.each([
    ['src/http/probe.ts', "import { customerRepository } from '../db/customers.repository.js';"],
    ['src/jobs/probe.ts', "import type { DB } from '../db/schema.js';"],
    ['src/cli/import/probe.ts', "import { insertRows } from '../../db/batch/insert-rows.js';"],
  ])('%s may not import src/db directly', async (file, code) => {
    expect(await violations(file, `${code}\nexport const probe = 1;\n`)).toEqual([
      expect.stringContaining('through src/app'),
    ]);
  });

  it.each([
    "import { openDatabase } from '../db/dialect.js';",
    "import { migrateToLatest } from '../db/migrate.js';",
    "import { runUnitOfWork } from '../app/run-unit-of-work.js';",
  ])('an adapter may open and migrate the database and call src/app: %s', async (code) => {
    expect(await violations('src/http/probe.ts', `${code}\nexport const probe = 1;\n`)).toEqual([]);
  });

  it.each([
    "import { loadConfig } from '../../config.js';",
    "import { reactions } from '../../app/reactions.js';",
    "import { runUnitOfWork } from '../../app/run-unit-of-work.js';",
    "import { customerRepository } from '../../db/customers.repository.js';",
  ])('the core imports no adapter, src/app or config: %s', async (code) => {
    expect(
      await violations('src/core/orders/probe.ts', `${code}\nexport const probe = 1;\n`),
    ).toHaveLength(1);
  });

  it('the database adapter does not call up into src/app', async () => {
    const code =
      "import { runUnitOfWork } from '../app/run-unit-of-work.js';\nexport const p = 1;\n";
    expect(await violations('src/db/probe.ts', code)).toHaveLength(1);
  });
});
