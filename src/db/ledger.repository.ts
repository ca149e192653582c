import { sql, type Kysely, type Selectable } from 'kysely';
import {
  ENTRY_CODES,
  SYSTEM_ACCOUNTS,
  type LedgerTotals,
  type SystemAccount,
  pendingAccountOf,
  pointsAccountOf,
  type EntryCode,
  type LedgerEntry,
  type LedgerRepository,
  type MemberBalances,
} from '../core/ledger/ledger.js';
import { openLotsOf, openPendingsOf } from './ledger.queries.js';
import { entryRow, lotRow } from './rows.js';
import type { DB, LedgerEntryTable } from './schema.js';

const toEntry = (r: Selectable<LedgerEntryTable>): LedgerEntry => ({
  id: r.id,
  customerId: r.customer_id,
  debitAccount: r.debit_account_id,
  creditAccount: r.credit_account_id,
  points: r.points,
  code: r.code as EntryCode,
  idempotencyKey: r.idempotency_key,
  orderId: r.order_id,
  returnId: r.return_id,
  pendingEntryId: r.pending_entry_id,
  releaseAt: r.release_at,
  reason: r.reason,
  actor: r.actor,
  effectiveAt: r.effective_at,
  createdAt: r.created_at,
});

const isMemberAccount = (id: string) => !id.startsWith('sys:');

/** An idempotency key of one customer's entry (keys are unique per customer). */
export interface CustomerKey {
  customerId: string;
  key: string;
}

/** The entries holding any of these customers' idempotency keys, in one query. */
export const entriesByKeys = async (db: Kysely<DB>, keys: CustomerKey[]): Promise<LedgerEntry[]> =>
  keys.length === 0
    ? []
    : (
        await db
          .selectFrom('ledger_entry')
          .selectAll()
          .where('customer_id', 'in', [...new Set(keys.map((k) => k.customerId))])
          .where((eb) =>
            eb(
              eb.refTuple('customer_id', 'idempotency_key'),
              'in',
              keys.map((k) => eb.tuple(k.customerId, k.key)),
            ),
          )
          .execute()
      ).map(toEntry);

export const ledgerRepository = (db: Kysely<DB>): LedgerRepository => {
  // Ordered so that every transaction locks the two rows in the same order: without it the scan
  // order follows where updated rows happen to sit, and two writers for one member deadlock.
  const selectLocked = (customerId: string) =>
    db
      .selectFrom('ledger_account')
      .select(['id', 'debits_posted', 'credits_posted'])
      .where('customer_id', '=', customerId)
      .where('id', 'in', [pointsAccountOf(customerId), pendingAccountOf(customerId)])
      .orderBy('id')
      .forUpdate()
      .execute();

  // No foreign key names the account (docs/ledger.md): a missing one must fail, not lose points.
  const addToRunningTotal = async (
    customerId: string,
    accountId: string,
    column: 'debits_posted' | 'credits_posted',
    points: number,
  ) => {
    const result = await db
      .updateTable('ledger_account')
      .set((eb) => ({ [column]: eb(column, '+', points) }))
      .where('customer_id', '=', customerId)
      .where('id', '=', accountId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new Error(`ledger account ${accountId} of customer ${customerId} does not exist`);
  };

  const balances = (
    customerId: string,
    rows: Awaited<ReturnType<typeof selectLocked>>,
  ): MemberBalances => {
    const of = (id: string) => {
      const row = rows.find((r) => r.id === id);
      return row ? row.credits_posted - row.debits_posted : 0;
    };
    return { points: of(pointsAccountOf(customerId)), pending: of(pendingAccountOf(customerId)) };
  };

  return {
    lockMember: async (customerId) => {
      let rows = await selectLocked(customerId);
      if (rows.length < 2) {
        await db
          .insertInto('ledger_account')
          .values([
            { id: pointsAccountOf(customerId), customer_id: customerId, kind: 'member_points' },
            { id: pendingAccountOf(customerId), customer_id: customerId, kind: 'member_pending' },
          ])
          .onConflict((oc) => oc.columns(['customer_id', 'id']).doNothing())
          .execute();
        rows = await selectLocked(customerId);
      }
      return balances(customerId, rows);
    },
    findEntryByKey: async (customerId, key) => {
      const row = await db
        .selectFrom('ledger_entry')
        .selectAll()
        .where('customer_id', '=', customerId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      return row ? toEntry(row) : null;
    },
    appendEntry: async (e) => {
      await db.insertInto('ledger_entry').values(entryRow(e)).execute();
      // System accounts keep no running balance: every order would queue on one hot row.
      if (isMemberAccount(e.debitAccount))
        await addToRunningTotal(e.customerId, e.debitAccount, 'debits_posted', e.points);
      if (isMemberAccount(e.creditAccount))
        await addToRunningTotal(e.customerId, e.creditAccount, 'credits_posted', e.points);
    },
    appendLot: async (lot) => {
      await db.insertInto('points_lot').values(lotRow(lot)).execute();
    },
    appendConsumptions: async (customerId, entryId, rows) => {
      if (rows.length === 0) return;
      await db
        .insertInto('lot_consumption')
        .values(
          rows.map((r) => ({
            lot_id: r.lotId,
            entry_id: entryId,
            customer_id: customerId,
            points: r.points,
          })),
        )
        .execute();
    },
    // The member id is dropped so callers see exactly the core's shapes.
    openLots: async (customerId) =>
      (await openLotsOf(db, [customerId])).map(({ customerId: _c, ...lot }) => lot),
    openPendings: async (customerId) =>
      (await openPendingsOf(db, [customerId])).map(({ customerId: _c, ...pending }) => pending),
    listEntries: async (customerId, limit, cursor) => {
      let query = db.selectFrom('ledger_entry').selectAll().where('customer_id', '=', customerId);
      if (cursor) query = query.where('id', '<', cursor);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit);
      return {
        entries: page.map(toEntry),
        nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
    lifetimeTotals: async (customerId) => {
      const rows = await db
        .selectFrom('ledger_entry')
        .select(['code', (eb) => eb.fn.sum<number>('points').as('points')])
        .where('customer_id', '=', customerId)
        .groupBy('code')
        .execute();
      const totals = Object.fromEntries(ENTRY_CODES.map((c) => [c, 0])) as Record<
        EntryCode,
        number
      >;
      for (const r of rows) totals[r.code as EntryCode] = Number(r.points);
      return totals;
    },
    totals: async () => {
      const system = await sql<{ account: string; balance: number }>`
        select account, sum(delta)::int8 as balance from (
          select credit_account_id as account, points as delta from ledger_entry
          union all
          select debit_account_id as account, -points as delta from ledger_entry
        ) moves
        where account like 'sys:%'
        group by account
      `.execute(db);
      const members = await db
        .selectFrom('ledger_account')
        .select(['kind', sql<number>`sum(credits_posted - debits_posted)::int8`.as('balance')])
        .groupBy('kind')
        .execute();
      const systemBalances = Object.fromEntries(
        Object.values(SYSTEM_ACCOUNTS).map((id) => [id, 0]),
      ) as LedgerTotals['systemBalances'];
      for (const row of system.rows)
        systemBalances[row.account as SystemAccount] = Number(row.balance);
      const member = (kind: string) => Number(members.find((m) => m.kind === kind)?.balance ?? 0);
      return {
        systemBalances,
        memberPoints: member('member_points'),
        memberPending: member('member_pending'),
      };
    },
    customersDueForSettlement: async (now, limit) => {
      const result = await sql<{ customer_id: string }>`
        select distinct customer_id from (
          select p.customer_id from ledger_entry p
          where p.code = 'earn.order.pending' and p.release_at <= ${now}
            and p.points > coalesce((select sum(s.points) from ledger_entry s where s.pending_entry_id = p.id), 0)
          union
          select l.customer_id from points_lot l
          where l.expires_at <= ${now}
            and l.points > coalesce((select sum(c.points) from lot_consumption c where c.lot_id = l.id), 0)
        ) due
        limit ${limit}
      `.execute(db);
      return result.rows.map((r) => r.customer_id);
    },
  };
};
