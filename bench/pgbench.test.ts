import { describe, expect, it } from 'vitest';
import { CEILING_SCRIPT, parsePgbenchOutput } from './pgbench.js';

// pgbench 15's summary, as it prints it.
const PGBENCH_15 = `pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: /tmp/regulars-pgbench-x/order-and-entry.sql
scaling factor: 1
query mode: simple
number of clients: 10
number of threads: 2
maximum number of tries: 1
duration: 5 s
number of transactions actually processed: 21450
number of failed transactions: 3 (0.014%)
latency average = 2.331 ms
initial connection time = 14.203 ms
tps = 4290.118842 (without initial connection time)
`;

describe('pgbench output', () => {
  it('reads tps, transactions and failures from the summary', () => {
    expect(parsePgbenchOutput(PGBENCH_15)).toEqual({
      tps: 4290.118842,
      transactions: 21450,
      failed: 3,
    });
  });

  it('counts no failures where an older pgbench prints no failed line', () => {
    const older = PGBENCH_15.replace(/^number of failed.*\n/m, '');
    expect(parsePgbenchOutput(older).failed).toBe(0);
  });

  it('throws with the output when there is no tps line (pgbench failed)', () => {
    const broken =
      'pgbench: error: connection to server failed: FATAL: database "x" does not exist';
    expect(() => parsePgbenchOutput(broken)).toThrow(/no tps figure[\s\S]*does not exist/);
    expect(() => parsePgbenchOutput(PGBENCH_15.replace(/^tps.*$/m, ''))).toThrow(/no tps/);
  });
});

describe('the ceiling transaction', () => {
  it('writes an order-like row and a ledger-like row inside one transaction', () => {
    const statements = CEILING_SCRIPT.split('\n').filter((l) => l && !l.startsWith('\\'));
    expect(statements[0]).toBe('BEGIN;');
    expect(statements.slice(1, -1).map((s) => s.split(' (')[0])).toEqual([
      'INSERT INTO bench_order',
      'INSERT INTO bench_entry',
    ]);
    expect(statements[statements.length - 1]).toBe('COMMIT;');
  });
});
