import type { Kysely } from 'kysely';
import {
  pendingAccountOf,
  pointsAccountOf,
  type LotBalance,
  type MemberBalances,
  type PendingBalance,
} from '../../core/ledger/ledger.js';
import { openLotsOf, openPendingsOf } from '../ledger.queries.js';
import { lockByCustomer } from '../lock-by-customer.js';
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

// In the order the ledger repository locks one member's accounts (by id), member after member.
const lockAccounts = (trx: Kysely<DB>, customerIds: string[]) =>
  lockByCustomer(customerIds, (customerId) =>
    trx
      .selectFrom('ledger_account')
      .select(['id', 'customer_id', 'debits_posted', 'credits_posted'])
      .where('customer_id', '=', customerId)
      .where('id', 'in', [pointsAccountOf(customerId), pendingAccountOf(customerId)])
      .orderBy('id')
      .forUpdate()
      .execute(),
  );

/**
 * Locks and reads the ledger state of many members (a lock per member, then two queries for all of
 * them unless `balancesOnly`), the same reads the ledger
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
  for (const { customerId, ...lot } of lots) states.get(customerId)!.lots.set(lot.id, lot);
  for (const { customerId, ...pending } of pendings) {
    states.get(customerId)!.pendings.set(pending.entryId, pending);
  }
  return states;
};
