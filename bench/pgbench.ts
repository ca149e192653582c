import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withScratchPostgresUrl } from './scratch-database.js';

/**
 * The ceiling an order-ingesting API can be held against: how many transactions of two INSERTs
 * (an order-like row and a ledger-like row) pgbench commits per second on the same PostgreSQL
 * server. The API does more per order (validation, idempotency, lines, lots), so it cannot reach
 * this; the ratio says how much of the database's own write rate it keeps.
 */

export const CEILING_TABLES = `
  create table bench_order (
    id bigserial primary key,
    external_id text not null unique,
    customer_id bigint not null,
    currency char(3) not null,
    total_minor bigint not null,
    placed_at timestamptz not null,
    created_at timestamptz not null default now()
  );
  create table bench_entry (
    id bigserial primary key,
    order_id bigint not null references bench_order (id),
    customer_id bigint not null,
    points bigint not null,
    code text not null,
    created_at timestamptz not null default now()
  );
`;

/** One order and its earning entry, as one transaction; the id ties the entry to the order. */
export const CEILING_SCRIPT = `\\set cid random(1, 100000)
\\set total random(100, 100000)
BEGIN;
INSERT INTO bench_order (external_id, customer_id, currency, total_minor, placed_at) VALUES (gen_random_uuid()::text, :cid, 'GBP', :total, now());
INSERT INTO bench_entry (order_id, customer_id, points, code) VALUES (currval('bench_order_id_seq'), :cid, :total / 100, 'earn.order');
COMMIT;
`;

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  clients: number;
  threads: number;
  seconds: number;
}

const numberAfter = (output: string, pattern: RegExp): number | null => {
  const match = pattern.exec(output);
  return match ? Number(match[1]) : null;
};

/** The figures of pgbench's summary; throws with the output when it has no tps line. */
export const parsePgbenchOutput = (
  output: string,
): Pick<PgbenchResult, 'tps' | 'transactions' | 'failed'> => {
  const tps = numberAfter(output, /^tps = ([\d.]+) \(without initial connection time\)/m);
  const transactions = numberAfter(output, /^number of transactions actually processed: (\d+)/m);
  if (tps === null || transactions === null) {
    throw new Error(`pgbench printed no tps figure:\n${output.slice(-2_000)}`);
  }
  // Versions before 15 print no failed line: nothing retried, nothing counted as failed.
  const failed = numberAfter(output, /^number of failed transactions: (\d+)/m) ?? 0;
  return { tps, transactions, failed };
};

const run = (command: string, args: string[]) =>
  new Promise<string>((resolveRun, reject) => {
    execFile(command, args, { maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      else resolveRun(`${stdout}\n${stderr}`);
    });
  });

/** pgbench on a scratch database of the bench server, with the tables created first. */
export const measureCeiling = (options: {
  clients: number;
  seconds: number;
}): Promise<PgbenchResult> =>
  withScratchPostgresUrl('regulars_pgbench', async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(CEILING_TABLES);
    } finally {
      await client.end();
    }
    const dir = await mkdtemp(join(tmpdir(), 'regulars-pgbench-'));
    try {
      const script = join(dir, 'order-and-entry.sql');
      await writeFile(script, CEILING_SCRIPT);
      const threads = Math.min(2, options.clients);
      const output = await run('pgbench', [
        '-n',
        '-f',
        script,
        '-c',
        String(options.clients),
        '-j',
        String(threads),
        '-T',
        String(options.seconds),
        url,
      ]);
      return {
        ...parsePgbenchOutput(output),
        clients: options.clients,
        threads,
        seconds: options.seconds,
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
