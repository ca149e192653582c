import { describe, expect, it } from 'vitest';
import { lockingOffencesIn } from './locking-queries.js';
import type { Placement } from './placement.js';

const placement: Record<string, Placement> = {
  customer: { kind: 'distributed', column: 'id', colocation: 'customer' },
  ledger_account: { kind: 'distributed', column: 'customer_id', colocation: 'customer' },
  rule: { kind: 'reference' },
};

const offences = (source: string) =>
  lockingOffencesIn('probe.ts', source, placement).map((o) => `${o.line}: ${o.what} on ${o.table}`);

describe('the lint for locking queries on customer tables', () => {
  it('flags a locking select, an update and an upsert that do not name the customer', () => {
    const source = [
      "await db.selectFrom('ledger_account').select(['id', 'customer_id']).where('id', '=', a).forUpdate().execute();",
      "await db.updateTable('ledger_account').set({ kind: 'x' }).where('id', '=', a).execute();",
      "await db.insertInto('ledger_account').values(row).onConflict((oc) => oc.column('id').doNothing()).execute();",
      'await sql`update ledger_account as a set debits_posted = 1 from v where a.id = v.id`.execute(db);',
      'await sql`select id from ledger_account where kind = 1 for update skip locked`.execute(db);',
    ].join('\n');
    expect(offences(source)).toEqual([
      '1: locking select on ledger_account',
      '2: update on ledger_account',
      '3: upsert on ledger_account',
      '4: update on ledger_account',
      '5: locking select on ledger_account',
    ]);
  });

  it('passes the same statements once they filter on the distribution column', () => {
    const source = [
      "await db.selectFrom('ledger_account').select('id').where('customer_id', '=', c).forUpdate().execute();",
      "await db.updateTable('ledger_account').set({ kind: 'x' }).where('a.customer_id', 'in', cs).execute();",
      "await db.insertInto('ledger_account').values(r).onConflict((oc) => oc.columns(['customer_id', 'id']).doNothing()).execute();",
      'await sql`update ledger_account as a set debits_posted = 1 from v where a.customer_id = v.customer_id`.execute(db);',
      "await db.selectFrom('customer').select('id').where('id', '=', c).forUpdate().execute();",
      "await db.updateTable('rule').set({ name: 'x' }).execute();",
    ].join('\n');
    expect(offences(source)).toEqual([]);
  });

  it('wants a lock on one customer: Citus refuses FOR UPDATE over a list of them', () => {
    const source = [
      "await db.selectFrom('ledger_account').select('id').where('customer_id', 'in', ids).forUpdate().execute();",
      'await sql`select id from ledger_account where customer_id = any(${ids}) for update`.execute(db);',
      'await sql`select id from ledger_account where customer_id = ${id} for update`.execute(db);',
    ].join('\n');
    expect(offences(source)).toEqual([
      '1: locking select of several customers on ledger_account',
      '2: locking select of several customers on ledger_account',
    ]);
  });

  it('follows a chain extended in steps', () => {
    const source = [
      "let query = db.selectFrom('ledger_account').selectAll().where('id', '=', id);",
      'if (options.lock) query = query.forUpdate();',
    ].join('\n');
    expect(offences(source)).toEqual(['1: locking select on ledger_account']);
  });

  it('lets a statement meant for every customer say so', () => {
    const source = [
      '// citus: every shard — the nightly recompute touches every member',
      "await db.updateTable('ledger_account').set({ kind: 'x' }).execute();",
    ].join('\n');
    expect(offences(source)).toEqual([]);
  });
});
