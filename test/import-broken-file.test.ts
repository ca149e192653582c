import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportStoppedError, importOrders, type ImportSummary } from '../src/cli/import/index.js';
import { systemClock } from '../src/core/shared/clock.js';
import type { Database } from '../src/db/dialect.js';
import type { DB } from '../src/db/schema.js';
import { createScratchPostgres, openTestDatabase, testDatabaseKind } from './support/database.js';

/**
 * A broken file never loses rows silently and never half-imports an order: the import stops at
 * the break with the line, commits the orders completed before it, leaves the open order out
 * whole, and counts every line read as taken or rejected. The fixed file then imports the rest.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAP =
  'externalId=order_id,customerExternalId=cust,sku=sku,quantity=qty,unitPrice=price,placedAt=date';
const HEADER = 'order_id,cust,sku,qty,price,date';
const ORDERS = 40;

/** 40 orders of two lines each: order k (1-based) is on lines 2k and 2k + 1 (line 1 is the header). */
const goodLines = (prefix: string): string[] => {
  const lines = [HEADER];
  for (let k = 1; k <= ORDERS; k += 1) {
    const id = `${prefix}-${String(k).padStart(2, '0')}`;
    const day = `2026-01-${String(1 + (k % 28)).padStart(2, '0')}`;
    lines.push(`${id},c${k % 7},MUG,1,2.00,${day}`, `${id},c${k % 7},TEA,2,1.50,${day}`);
  }
  return lines;
};

/** The file with line `lineNumber` (1-based) replaced: the second line of order 5 is line 11. */
const breakLine = (lineNumber: number, broken: string) => (prefix: string) => {
  const lines = goodLines(prefix);
  lines[lineNumber - 1] = `${prefix}${broken}`;
  return `${lines.join('\n')}\n`;
};
const goodFile = (prefix: string) => `${goodLines(prefix).join('\n')}\n`;

const BROKEN_LINE = 11;
const CASES = {
  'unclosed quote': breakLine(BROKEN_LINE, '-05,c5,"TEA,2,1.50,2026-01-06'),
  'NUL byte': breakLine(BROKEN_LINE, '-05,c5,T\u0000EA,2,1.50,2026-01-06'),
  'wrong column count': breakLine(BROKEN_LINE, '-05,c5,TEA,2,1.50,2026-01-06,extra'),
} as const;
const MESSAGES: Record<keyof typeof CASES, RegExp> = {
  'unclosed quote': /line 11: a quote is never closed; the rest of the file would be one field/,
  'NUL byte': /line 11: a NUL byte; this is not a text CSV file/,
  'wrong column count': /line 11: 7 column\(s\) where the header has 6/,
};
const REASONS: Record<keyof typeof CASES, string> = {
  'unclosed quote': 'quote not closed',
  'NUL byte': 'NUL byte (binary data, not a text CSV)',
  'wrong column count': 'wrong number of columns',
};
const LEFT_OUT = 'order left out: the file broke off before its end';

/** Two thirds of the gzipped good file: gunzip fails at its end, part-way through a line. */
const cutGzip = (prefix: string): Buffer => {
  const whole = gzipSync(goodFile(prefix));
  return whole.subarray(0, Math.floor((whole.length * 2) / 3));
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempFile = (name: string, content: string | Buffer): string => {
  const dir = mkdtempSync(join(tmpdir(), 'regulars-broken-'));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const orderIds = async (db: Kysely<DB>, prefix: string): Promise<string[]> =>
  (
    await db
      .selectFrom('sales_order')
      .select('external_id')
      .where('external_id', 'like', `${prefix}-%`)
      .orderBy('external_id')
      .execute()
  ).map((o) => o.external_id);

const lineCount = async (db: Kysely<DB>, prefix: string): Promise<number> =>
  Number(
    (
      await db
        .selectFrom('order_line')
        .innerJoin('sales_order', 'sales_order.id', 'order_line.order_id')
        .where('sales_order.external_id', 'like', `${prefix}-%`)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const firstOrders = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

const stoppedSummary = async (work: Promise<unknown>): Promise<ImportSummary> => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportStoppedError);
  return (error as ImportStoppedError).summary;
};

describe('a broken file stops the import at its line, with what was committed', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const run = (file: string) =>
    importOrders(
      { db: database.db, clock: systemClock },
      { file, format: 'csv', map: MAP, currency: 'GBP', source: 'shop', batchSize: 2 },
    );

  for (const [name, content] of Object.entries(CASES) as [
    keyof typeof CASES,
    (prefix: string) => string,
  ][]) {
    it(`${name}: stops at line 11, keeps orders 1–4, leaves order 5 out whole; the fixed file adds the rest once`, async () => {
      const prefix = name.replace(/\W/g, '');
      const file = tempFile('orders.csv', content(prefix));
      const error = await run(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportStoppedError);
      const { summary, message } = error as ImportStoppedError;
      expect(message).toMatch(MESSAGES[name]);
      expect(message).toMatch(/The import stopped there: 4 new order\(s\) committed/);
      expect(summary).toMatchObject({
        linesRead: 10,
        linesTaken: 8,
        orders: { new: 4, alreadyPresent: 0 },
        stopped: { line: BROKEN_LINE },
      });
      expect(summary.rejected.byReason).toEqual({ [REASONS[name]]: 1, [LEFT_OUT]: 1 });
      expect(summary.rejected.firstLines).toEqual({ [REASONS[name]]: [11], [LEFT_OUT]: [10] });
      expect(summary.linesTaken + summary.rejected.total).toBe(summary.linesRead);
      expect(await orderIds(database.db, prefix)).toEqual(firstOrders(prefix, 4));

      const fixed = await run(tempFile('orders.csv', goodFile(prefix)));
      expect(fixed).toMatchObject({
        linesRead: 80,
        linesTaken: 80,
        orders: { new: 36, alreadyPresent: 4 },
        stopped: null,
      });
      expect(await orderIds(database.db, prefix)).toEqual(firstOrders(prefix, 40));
      expect(await lineCount(database.db, prefix)).toBe(80);
    });
  }

  it('a cut-off .gz: stops after the last whole line, commits the orders before it, then the whole file adds the rest', async () => {
    const prefix = 'GZ';
    const summary = await stoppedSummary(run(tempFile('orders.csv.gz', cutGzip(prefix))));
    const last = summary.stopped!.line;
    expect(summary.stopped!.problem).toMatch(
      new RegExp(
        `^after line ${last}: the .gz file is cut off or damaged \\(unexpected end of file\\)`,
      ),
    );
    // Order k ends on line 2k + 1; the order open at the cut (the one of the last whole line) is left out.
    const open = Math.floor(last / 2);
    expect(summary.orders.new).toBe(open - 1);
    expect(summary.linesRead).toBe(last - 1);
    expect(summary.linesTaken + summary.rejected.total).toBe(summary.linesRead);
    expect(summary.rejected.byReason).toEqual({ [LEFT_OUT]: last - 2 * open + 1 });
    expect(await orderIds(database.db, prefix)).toEqual(firstOrders(prefix, open - 1));

    const whole = await run(tempFile('orders.csv.gz', gzipSync(goodFile(prefix))));
    expect(whole.orders).toEqual({ new: ORDERS - open + 1, alreadyPresent: open - 1 });
    expect(await orderIds(database.db, prefix)).toEqual(firstOrders(prefix, 40));
    expect(await lineCount(database.db, prefix)).toBe(80);
  });
});

describe('a quote that swallows lines in a relaxed format', () => {
  it('online-retail: a quoted field running over lines stops the import at the line it opens on', async () => {
    const database = await openTestDatabase();
    try {
      const lines = [
        'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      ];
      for (let i = 0; i < 10; i += 1) {
        lines.push(
          `6000${i},SKU${i},THING ${i},2,2010-12-01 08:26:00,2.55,1785${i}.0,United Kingdom`,
        );
      }
      // Online Retail is read with relaxed quotes: a later quote closes the runaway field.
      lines[3] = '60002,SKU2,"THING 2,2,2010-12-01 08:26:00,2.55,17852.0,United Kingdom';
      lines[7] = '60006,SKU6,THING "6" X,2,2010-12-01 08:26:00,2.55,17856.0,United Kingdom';
      const summary = await stoppedSummary(
        importOrders(
          { db: database.db, clock: systemClock },
          { file: tempFile('retail.csv', `${lines.join('\n')}\n`), format: 'online-retail' },
        ),
      );
      expect(summary.stopped).toEqual({
        line: 4,
        problem:
          'line 4: a quoted field runs on to line 8, swallowing 4 line(s): a quote that is not closed',
      });
      expect(summary).toMatchObject({ linesRead: 3, linesTaken: 1, orders: { new: 1 } });
      expect(summary.rejected.firstLines).toEqual({
        'quoted field over several lines (a quote not closed?)': [4],
        [LEFT_OUT]: [3],
      });
    } finally {
      await database.close();
    }
  });
});

describe('the import command on a broken file', () => {
  let env: NodeJS.ProcessEnv;
  let cleanUp: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const base = { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR };
    if (testDatabaseKind() === 'postgres') {
      const scratch = await createScratchPostgres();
      env = { ...base, DATABASE_URL: scratch.url };
      cleanUp = () => scratch.drop();
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'regulars-broken-data-'));
      dirs.push(dataDir);
      env = { ...base, REGULARS_DATA_DIR: dataDir };
    }
  });
  afterAll(() => cleanUp());

  const importFile = (file: string) =>
    new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'import',
          'orders',
          file,
          '--format',
          'csv',
          '--currency',
          'GBP',
          '--map',
          MAP,
        ],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (exitCode) => resolve({ exitCode, stdout, stderr }));
    });

  it('exits 65 with one line naming the line and the summary of what was committed, no stack trace', async () => {
    const quote = await importFile(tempFile('orders.csv', CASES['unclosed quote']('CLI')));
    expect(quote.exitCode).toBe(65);
    const errorLines = quote.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(
      /^error: \S+orders\.csv line 11: a quote is never closed; .* 4 new order\(s\) committed .* run the same import again/,
    );
    expect(quote.stderr).not.toMatch(/\n\s+at /);
    expect(quote.stdout).toMatch(/up to line 11 where the file broke off/);
    expect(quote.stdout).toMatch(/lines read\s+10\n\s+lines taken\s+8\n/);
    expect(quote.stdout).toMatch(/1\s+quote not closed \(line 11\)/);
    expect(quote.stdout).toMatch(
      /1\s+order left out: the file broke off before its end \(line 10\)/,
    );

    const cut = await importFile(tempFile('orders.csv.gz', cutGzip('CLI')));
    expect(cut.exitCode).toBe(65);
    expect(cut.stderr).toMatch(/the \.gz file is cut off or damaged \(unexpected end of file\)/);
    expect(cut.stderr).not.toMatch(/\n\s+at /);

    const fixed = await importFile(tempFile('orders.csv', goodFile('CLI')));
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/orders\s+\d+ new, \d+ already present/);
    const [, fresh, present] = /orders\s+(\d+) new, (\d+) already present/.exec(fixed.stdout)!;
    expect(Number(fresh) + Number(present)).toBe(ORDERS);
    expect(Number(present)).toBeGreaterThanOrEqual(4);
  }, 300_000);
});
