import type { Kysely } from 'kysely';
import {
  pendingAccountOf,
  pointsAccountOf,
  type LedgerEntry,
  type LedgerRepository,
  type NewLedgerEntry,
} from '../../core/ledger/ledger.js';
import { entriesByKeys, ledgerRepository, type CustomerKey } from '../ledger.repository.js';
import type { DB } from '../schema.js';
import {
  emptyLedgerWrites,
  writeLedger,
  type AccountDelta,
  type LedgerWrites,
} from './ledger-writes.js';
import { emptyMember, loadMembers, type MemberState } from './member-state.js';

export interface LedgerBuffer {
  repository: LedgerRepository;
  /** Locks and loads the accounts, open lots and pendings of many members in a few queries. */
  /** Returns the members now loaded: those without both accounts are not. */
  preload(customerIds: string[], options?: { balancesOnly?: boolean }): Promise<Set<string>>;
  /**
   * Reads the stored entries holding these customers' idempotency keys in one query, so
   * `findEntryByKey` answers for them (found or not) without the database; returns those found.
   */
  preloadEntries(keys: CustomerKey[]): Promise<LedgerEntry[]>;
  /**
   * Marks the buffer; the returned function undoes every write made since (entries, lots,
   * consumptions, balances), as a savepoint would. Only the latest mark can be rolled back to.
   */
  savepoint(): () => void;
  flush(): Promise<void>;
}

export interface LedgerBufferOptions {
  /**
   * Look up in the database the idempotency keys neither this batch wrote nor preloadEntries
   * read. Off, such a key is taken as absent: an ingest's keys name orders created in the batch.
   */
  readThrough?: boolean;
}

/** Where the batch files an entry by its key: idempotency keys are unique per customer. */
const keyOf = (customerId: string, key: string) => `${customerId}\u0000${key}`;
const entryKey = (e: Pick<LedgerEntry, 'customerId' | 'idempotencyKey'>) =>
  keyOf(e.customerId, e.idempotencyKey);

export const unsupportedInBatch = (what: string) => async (): Promise<never> => {
  throw new Error(`${what} is not available inside a write batch`);
};

/** A member the batch has not met yet: created in this batch (empty), or read from the database. */
const firstMeeting = async (
  trx: Kysely<DB>,
  customerId: string,
  isNewCustomer: boolean,
): Promise<MemberState> => {
  if (isNewCustomer) return emptyMember();
  // No accounts yet, or not preloaded: the real repository creates and locks them as the core expects.
  const real = ledgerRepository(trx);
  return {
    balances: await real.lockMember(customerId),
    lots: new Map((await real.openLots(customerId)).map((l) => [l.id, l])),
    pendings: new Map((await real.openPendings(customerId)).map((p) => [p.entryId, p])),
  };
};

const copyOfMember = (state: MemberState): MemberState => ({
  ...state,
  balances: { ...state.balances },
  lots: new Map([...state.lots].map(([id, lot]) => [id, { ...lot }])),
  pendings: new Map([...state.pendings].map(([id, pending]) => [id, { ...pending }])),
});

/**
 * What a savepoint must put back: the lengths of the write lists, and the first copy of each
 * member state and running-total delta touched after the mark (undefined: it did not exist).
 */
interface Journal {
  lengths: { newMembers: number; entries: number; lots: number; consumptions: number };
  members: Map<string, MemberState | undefined>;
  deltas: Map<string, AccountDelta | undefined>;
}

/** Moves one side of an entry in the member's state and in the batch's running-total deltas. */
const move = (
  state: MemberState,
  writes: LedgerWrites,
  entry: NewLedgerEntry,
  side: 'debits' | 'credits',
  journal: Journal | null,
) => {
  const account = side === 'debits' ? entry.debitAccount : entry.creditAccount;
  const signed = side === 'credits' ? entry.points : -entry.points;
  if (account === pointsAccountOf(entry.customerId)) state.balances.points += signed;
  else if (account === pendingAccountOf(entry.customerId)) state.balances.pending += signed;
  else if (account.startsWith('sys:'))
    return; // system accounts keep no running total
  else throw new Error(`entry ${entry.id} moves account ${account} of another member`);
  const previous = writes.deltas.get(account);
  if (journal && !journal.deltas.has(account)) {
    journal.deltas.set(account, previous && { ...previous });
  }
  const delta = previous ?? { customerId: entry.customerId, debits: 0, credits: 0 };
  delta[side] += entry.points;
  writes.deltas.set(account, delta);
};

/** An appended entry as the SQL of openPendings would see it: a new pending, or one settled. */
const trackPending = (state: MemberState, entry: NewLedgerEntry) => {
  if (entry.code === 'earn.order.pending' && entry.releaseAt) {
    state.pendings.set(entry.id, {
      entryId: entry.id,
      orderId: entry.orderId,
      points: entry.points,
      remaining: entry.points,
      releaseAt: entry.releaseAt,
    });
  }
  const settled = entry.pendingEntryId ? state.pendings.get(entry.pendingEntryId) : undefined;
  if (settled) settled.remaining -= entry.points;
};

/**
 * The ledger repository of one write batch (an import batch, a group commit of orders): the
 * core's ledger use cases run unchanged against it. Reads come from member state loaded (and locked) once per batch; writes stay in memory and go
 * out as a few multi-row INSERTs when the batch ends, in the same transaction. Idempotency keys
 * are looked up among this batch's entries and those preloaded only (unless `readThrough`): an
 * ingest's keys name orders created in this batch, and the unique index on the key stays the
 * backstop (a clash aborts the batch).
 */
export const ledgerBuffer = (
  trx: Kysely<DB>,
  isNewCustomer: (id: string) => boolean,
  options: LedgerBufferOptions = {},
): LedgerBuffer => {
  const members = new Map<string, MemberState>();
  const writes = emptyLedgerWrites();
  const entriesByKey = new Map<string, NewLedgerEntry>();
  /** Keys read by preloadEntries: the stored entry, or null when the database has none. */
  const storedByKey = new Map<string, LedgerEntry | null>();
  const real = ledgerRepository(trx);
  let journal: Journal | null = null;

  const member = async (customerId: string): Promise<MemberState> => {
    const known = members.get(customerId);
    if (journal && !journal.members.has(customerId)) {
      journal.members.set(customerId, known && copyOfMember(known));
    }
    if (known) return known;
    const state = await firstMeeting(trx, customerId, isNewCustomer(customerId));
    if (isNewCustomer(customerId)) writes.newMembers.push(customerId);
    members.set(customerId, state);
    return state;
  };

  const withOpenItems = async (customerId: string): Promise<MemberState> => {
    const state = await member(customerId);
    if (state.balancesOnly) throw new Error(`open lots of ${customerId} were not loaded`);
    return state;
  };

  const repository: LedgerRepository = {
    // Reads no ingest makes go to the database as they are (they would not see this batch's writes).
    ...real,
    lockMember: async (customerId) => ({ ...(await member(customerId)).balances }),
    findEntryByKey: async (customerId, key) => {
      const entry = entriesByKey.get(keyOf(customerId, key));
      if (entry) return { ...entry, createdAt: entry.effectiveAt };
      const stored = storedByKey.get(keyOf(customerId, key));
      if (stored !== undefined) return stored && { ...stored };
      return options.readThrough ? real.findEntryByKey(customerId, key) : null;
    },
    appendEntry: async (entry) => {
      const state = await member(entry.customerId);
      writes.entries.push(entry);
      entriesByKey.set(entryKey(entry), entry);
      move(state, writes, entry, 'debits', journal);
      move(state, writes, entry, 'credits', journal);
      trackPending(state, entry);
    },
    appendLot: async (lot) => {
      (await member(lot.customerId)).lots.set(lot.id, { ...lot, remaining: lot.points });
      writes.lots.push(lot);
    },
    appendConsumptions: async (customerId, entryId, rows) => {
      const state = await member(customerId);
      for (const row of rows) {
        const lot = state.lots.get(row.lotId);
        if (!lot) throw new Error(`lot ${row.lotId} is not an open lot of ${customerId}`);
        lot.remaining -= row.points;
        writes.consumptions.push({
          lot_id: row.lotId,
          entry_id: entryId,
          customer_id: customerId,
          points: row.points,
        });
      }
    },
    openLots: async (customerId) =>
      [...(await withOpenItems(customerId)).lots.values()]
        .filter((l) => l.remaining > 0)
        .map((l) => ({ ...l })),
    openPendings: async (customerId) =>
      [...(await withOpenItems(customerId)).pendings.values()]
        .filter((p) => p.remaining > 0)
        .map((p) => ({ ...p })),
    listEntries: unsupportedInBatch('listEntries'),
    lifetimeTotals: unsupportedInBatch('lifetimeTotals'),
  };

  return {
    repository,
    preload: async (customerIds, options) => {
      const wanted = customerIds.filter((id) => !members.has(id) && !isNewCustomer(id));
      for (const [id, state] of await loadMembers(trx, wanted, options)) members.set(id, state);
      return new Set(customerIds.filter((id) => members.has(id)));
    },
    preloadEntries: async (keys) => {
      const wanted = [
        ...new Map(keys.map((k) => [keyOf(k.customerId, k.key), k] as const)).entries(),
      ].filter(([id]) => !storedByKey.has(id));
      const found = await entriesByKeys(
        trx,
        wanted.map(([, k]) => k),
      );
      for (const [id] of wanted) storedByKey.set(id, null);
      for (const entry of found) storedByKey.set(entryKey(entry), entry);
      return found;
    },
    savepoint: () => {
      const mark: Journal = {
        lengths: {
          newMembers: writes.newMembers.length,
          entries: writes.entries.length,
          lots: writes.lots.length,
          consumptions: writes.consumptions.length,
        },
        members: new Map(),
        deltas: new Map(),
      };
      journal = mark;
      return () => {
        if (journal !== mark) throw new Error('a later savepoint replaced this one');
        writes.newMembers.splice(mark.lengths.newMembers);
        for (const e of writes.entries.splice(mark.lengths.entries)) {
          entriesByKey.delete(entryKey(e));
        }
        writes.lots.splice(mark.lengths.lots);
        writes.consumptions.splice(mark.lengths.consumptions);
        for (const [id, state] of mark.members) {
          if (state) members.set(id, state);
          else members.delete(id);
        }
        for (const [account, delta] of mark.deltas) {
          if (delta) writes.deltas.set(account, delta);
          else writes.deltas.delete(account);
        }
        journal = null;
      };
    },
    flush: () => writeLedger(trx, writes),
  };
};
