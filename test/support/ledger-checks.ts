import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { DB } from '../../src/db/schema.js';

/**
 * Double entry, as the ledger stores it (one row per transfer, TigerBeetle style): each transfer
 * debits one account and credits another by the same positive amount and both accounts exist;
 * every member account's running totals (`debits_posted`, `credits_posted`) equal the sums of its
 * entries (system accounts keep no running totals, by design: their balance is their entries');
 * and the books balance: the members' running balances plus the system accounts' balances from
 * their entries sum to zero. Each query lists the rows at fault, so a failure names them.
 */
export const expectDoubleEntryBalances = async (db: Kysely<DB>) => {
  const badTransfers = await sql<{ id: string }>`
    with accounts as (select id from ledger_account union all select id from ledger_system_account)
    select e.id from ledger_entry e
    left join accounts d on d.id = e.debit_account_id
    left join accounts c on c.id = e.credit_account_id
    where e.points <= 0 or e.debit_account_id = e.credit_account_id
       or d.id is null or c.id is null
  `.execute(db);
  expect(badTransfers.rows).toEqual([]);
  const accounts = await sql<{ id: string; kind: string; fromEntries: string; posted: string }>`
    select a.id, a.kind,
           coalesce((select sum(points) from ledger_entry where debit_account_id = a.id), 0)::text
             || '/' ||
           coalesce((select sum(points) from ledger_entry where credit_account_id = a.id), 0)::text
             as "fromEntries",
           a.debits_posted::text || '/' || a.credits_posted::text as posted
    from (select id, kind, debits_posted, credits_posted from ledger_account
          union all
          select id, 'system', 0, 0 from ledger_system_account) a
  `.execute(db);
  const drifted = accounts.rows.filter((a) => a.kind !== 'system' && a.posted !== a.fromEntries);
  expect(drifted).toEqual([]);
  const balanceOf = (a: { kind: string; fromEntries: string; posted: string }) => {
    const [debits, credits] = (a.kind === 'system' ? a.fromEntries : a.posted).split('/');
    return BigInt(credits!) - BigInt(debits!);
  };
  expect(accounts.rows.reduce((sum, a) => sum + balanceOf(a), 0n)).toBe(0n);
};
