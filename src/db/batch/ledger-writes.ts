import { sql, type Kysely } from 'kysely';
import {
  pendingAccountOf,
  pointsAccountOf,
  type NewLedgerEntry,
  type NewLot,
} from '../../core/ledger/ledger.js';
import { entryRow, lotRow } from '../rows.js';
import type { DB } from '../schema.js';
import { insertRows } from './insert-rows.js';

/** Ledger writes a batch has made in memory, to be written when the batch ends. */
/** What a batch adds to one member account's running totals. */
export interface AccountDelta {
  customerId: string;
  debits: number;
  credits: number;
}

export interface LedgerWrites {
  /** Members created in this batch: their two accounts do not exist yet. */
  newMembers: string[];
  entries: NewLedgerEntry[];
  lots: NewLot[];
  consumptions: { lot_id: string; entry_id: string; customer_id: string; points: number }[];
  /** Per member account, what the batch added to its running totals. */
  deltas: Map<string, AccountDelta>;
}

export const emptyLedgerWrites = (): LedgerWrites => ({
  newMembers: [],
  entries: [],
  lots: [],
  consumptions: [],
  deltas: new Map(),
});

/** The two accounts of each member, in one statement; accounts that exist are left alone. */
export const createMemberAccounts = async (trx: Kysely<DB>, customerIds: string[]) => {
  const accounts = customerIds.flatMap((id) => [
    { id: pointsAccountOf(id), customer_id: id, kind: 'member_points' as const },
    { id: pendingAccountOf(id), customer_id: id, kind: 'member_pending' as const },
  ]);
  await insertRows(trx, 'ledger_account', accounts, { ignoreConflicts: true });
};

const DELTAS_PER_STATEMENT = 5_000;

/** Adds to the running totals of every member account the batch moved, a few statements in all. */
const applyDeltas = async (trx: Kysely<DB>, deltas: LedgerWrites['deltas']) => {
  const rows = [...deltas.entries()];
  for (let start = 0; start < rows.length; start += DELTAS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + DELTAS_PER_STATEMENT);
    const values = chunk.map(
      ([id, d]) =>
        sql`(${d.customerId}::text, ${id}::text, ${d.debits}::bigint, ${d.credits}::bigint)`,
    );
    const result = await sql`
      update ledger_account as a
      set debits_posted = a.debits_posted + v.debits, credits_posted = a.credits_posted + v.credits
      from (values ${sql.join(values)}) as v(customer_id, id, debits, credits)
      where a.customer_id = v.customer_id and a.id = v.id
    `.execute(trx);
    // An account missing here would silently lose points from its running total.
    if (Number(result.numAffectedRows) !== chunk.length)
      throw new Error(`${chunk.length} member accounts to update, ${result.numAffectedRows} found`);
  }
};

/**
 * Writes in the order the foreign keys need. Entries go in the order they were appended; a post or
 * void names a pending entry written before it or in the same statement (checked at its end).
 */
export const writeLedger = async (trx: Kysely<DB>, writes: LedgerWrites): Promise<void> => {
  await createMemberAccounts(trx, writes.newMembers);
  await insertRows(trx, 'ledger_entry', writes.entries.map(entryRow));
  await insertRows(trx, 'points_lot', writes.lots.map(lotRow));
  await insertRows(trx, 'lot_consumption', writes.consumptions);
  await applyDeltas(trx, writes.deltas);
};
