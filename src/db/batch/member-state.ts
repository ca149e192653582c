import { sql, type Kysely } from 'kysely';
import {
  pendingAccountOf,
  pointsAccountOf,
  type LotBalance,
  type MemberBalances,
  type PendingBalance,
} from '../../core/ledger/ledger.js';
import type { DB } from '../schema.js';

/** What the ledger use cases read of one member: balances, open lots, open pending entries. */
export interface MemberState {
  balances: MemberBalances;
  lots: Map<string, LotBalance>;
  pendings: Map<string, PendingBalance>;
  /** Only the balances were loaded: the open lots and pendings are unknown, not empty. */
  balancesOnly?: boolean;
}

export const emptyMember = (): MemberState => ({
  balances: { points: 0, pending: 0 },
  lots: new Map(),
  pendings: new Map(),
});

const lockAccounts = (trx: Kysely<DB>, customerIds: string[]) =>
  trx
    .selectFrom('ledger_account')
    .select(['id', 'customer_id', 'debits_posted', 'credits_posted'])
    .where(
      'id',
      'in',
      customerIds.flatMap((id) => [pointsAccountOf(id), pendingAccountOf(id)]),
    )
    // One lock order for every batch, so two batches running at once queue instead of deadlocking.
    .orderBy('id')
    .forUpdate()
    .execute();

const openLotsOf = (trx: Kysely<DB>, customerIds: string[]) =>
  trx
    .selectFrom('points_lot as l')
    .leftJoin('lot_consumption as c', 'c.lot_id', 'l.id')
    .select([
      'l.id',
      'l.customer_id',
      'l.entry_id',
      'l.points',
      'l.expires_at',
      'l.created_at',
      sql<number>`l.points - coalesce(sum(c.points), 0)`.as('remaining'),
    ])
    .where('l.customer_id', 'in', customerIds)
    .groupBy('l.id')
    .having(sql<boolean>`l.points - coalesce(sum(c.points), 0) > 0`)
    .execute();

const openPendingsOf = (trx: Kysely<DB>, customerIds: string[]) =>
  trx
    .selectFrom('ledger_entry as p')
    .leftJoin('ledger_entry as s', 's.pending_entry_id', 'p.id')
    .select([
      'p.id',
      'p.customer_id',
      'p.order_id',
      'p.points',
      'p.release_at',
      sql<number>`p.points - coalesce(sum(s.points), 0)`.as('remaining'),
    ])
    .where('p.customer_id', 'in', customerIds)
    .where('p.code', '=', 'earn.order.pending')
    .groupBy('p.id')
    .having(sql<boolean>`p.points - coalesce(sum(s.points), 0) > 0`)
    .execute();

/**
 * Locks and reads the ledger state of many members in three queries (one with `balancesOnly`), the same reads the ledger
 * repository makes one member at a time. Members without both accounts are left out: their first
 * lock creates the accounts, as the core does.
 */
export const loadMembers = async (
  trx: Kysely<DB>,
  customerIds: string[],
  options: { balancesOnly?: boolean } = {},
): Promise<Map<string, MemberState>> => {
  const states = new Map<string, MemberState>();
  if (customerIds.length === 0) return states;
  const accounts = await lockAccounts(trx, customerIds);
  const accountCount = new Map<string, number>();
  for (const a of accounts)
    accountCount.set(a.customer_id ?? '', (accountCount.get(a.customer_id ?? '') ?? 0) + 1);
  const loaded = customerIds.filter((id) => accountCount.get(id) === 2);
  if (loaded.length === 0) return states;
  for (const id of loaded) states.set(id, emptyMember());
  for (const a of accounts) {
    const state = states.get(a.customer_id ?? '');
    if (!state) continue;
    const balance = a.credits_posted - a.debits_posted;
    if (a.id === pointsAccountOf(a.customer_id!)) state.balances.points = balance;
    else state.balances.pending = balance;
  }
  // An order's earn only moves balances and adds a lot: the two aggregates over the members'
  // whole history are left out when the caller needs no more.
  if (options.balancesOnly) {
    for (const state of states.values()) state.balancesOnly = true;
    return states;
  }
  const [lots, pendings] = [await openLotsOf(trx, loaded), await openPendingsOf(trx, loaded)];
  for (const l of lots) {
    states.get(l.customer_id)!.lots.set(l.id, {
      id: l.id,
      entryId: l.entry_id,
      points: l.points,
      remaining: Number(l.remaining),
      expiresAt: l.expires_at,
      createdAt: l.created_at,
    });
  }
  for (const p of pendings) {
    states.get(p.customer_id)!.pendings.set(p.id, {
      entryId: p.id,
      orderId: p.order_id,
      points: p.points,
      remaining: Number(p.remaining),
      releaseAt: p.release_at!,
    });
  }
  return states;
};
