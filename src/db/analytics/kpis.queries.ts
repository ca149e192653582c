import { sql, type Kysely } from 'kysely';
import {
  ISSUED_CODES,
  type KpiFacts,
  type KpiQuery,
  type KpiSource,
} from '../../core/analytics/kpis.js';
import type { EntryCode } from '../../core/ledger/ledger.js';
import type { DB } from '../schema.js';
import { addDaysToDate } from '../../core/shared/calendar-date.js';
import { localMidnight } from './periods.sql.js';
import { purchasesOf } from './purchases.sql.js';

interface KpiRow {
  window_start: Date;
  window_end: Date;
  members_at_start: number;
  members_at_end: number;
  buyers: number;
  active_members: number;
  moves: { code: string; in_window: number | string; after_end: number | string }[];
  points_now: number;
  pending_now: number;
  issued_by_order: number | string;
  issued_by_order_pending: number | string;
}

/**
 * Everything the KPIs of a window need, in one statement (one snapshot, so the balances now and
 * the movements after the window end agree). The window is [local midnight of `from`, local
 * midnight after `to`) in the programme time zone, computed by PostgreSQL's zone data as in
 * purchasesOf. Ledger movements are dated by effective_at (when they took effect); issued points
 * are also dated by their order's placed_at, so an old order recorded after its return window
 * (an import) counts in the month it was placed, not the one its window ended in.
 */
export const kpiFacts = async (db: Kysely<DB>, query: KpiQuery): Promise<KpiFacts> => {
  const tz = query.scope.timeZone;
  const start = localMidnight(query.from, tz);
  const end = localMidnight(addDaysToDate(query.to, 1), tz);
  const { rows } = await sql<KpiRow>`
    with buyers as (
      select distinct p.customer_id
        from ${purchasesOf(query.scope)} p
       where p.placed_at >= ${start} and p.placed_at < ${end}
    ),
    redeemers as (
      select distinct e.customer_id
        from ledger_entry e
       where e.code = 'redeem' and e.effective_at >= ${start} and e.effective_at < ${end}
    ),
    moves as (
      select e.code,
             coalesce(sum(e.points) filter (where e.effective_at < ${end}), 0) as in_window,
             coalesce(sum(e.points) filter (where e.effective_at >= ${end}), 0) as after_end
        from ledger_entry e
       where e.effective_at >= ${start}
       group by e.code
    ),
    earned_by_order as (
      select e.id, e.code, e.points
        from sales_order o
        join ledger_entry e on e.order_id = o.id
       where o.placed_at >= ${start} and o.placed_at < ${end}
         and e.code in (${sql.join(ISSUED_CODES)})
      union all
      select e.id, e.code, e.points
        from ledger_entry e
       where e.order_id is null and e.code in (${sql.join(ISSUED_CODES)})
         and e.effective_at >= ${start} and e.effective_at < ${end}
    ),
    by_order as (
      -- What is still pending of an earn is its points less what was posted or voided from it.
      select coalesce(sum(b.points), 0) as issued,
             coalesce(sum(b.points - coalesce(s.settled, 0))
                        filter (where b.code = 'earn.order.pending'), 0) as pending
        from earned_by_order b
        left join lateral (
          select sum(s.points) as settled from ledger_entry s where s.pending_entry_id = b.id
        ) s on b.code = 'earn.order.pending'
    )
    select ${start} as window_start, ${end} as window_end,
           (select count(*) from customer where created_at < ${start})::int as members_at_start,
           (select count(*) from customer where created_at < ${end})::int as members_at_end,
           (select count(*) from buyers)::int as buyers,
           (select count(*)
              from (select customer_id from buyers union select customer_id from redeemers) a
              join customer c on c.id = a.customer_id
             where c.created_at < ${end})::int as active_members,
           (select coalesce(json_agg(json_build_object(
                     'code', code, 'in_window', in_window, 'after_end', after_end)), '[]'::json)
              from moves) as moves,
           (select coalesce(sum(credits_posted - debits_posted), 0)
              from ledger_account where kind = 'member_points') as points_now,
           (select coalesce(sum(credits_posted - debits_posted), 0)
              from ledger_account where kind = 'member_pending') as pending_now,
           (select issued from by_order) as issued_by_order,
           (select pending from by_order) as issued_by_order_pending
  `.execute(db);
  const row = rows[0]!;
  return {
    windowStart: new Date(row.window_start),
    windowEnd: new Date(row.window_end),
    membersAtStart: row.members_at_start,
    membersAtEnd: row.members_at_end,
    buyers: row.buyers,
    activeMembers: row.active_members,
    movements: Object.fromEntries(
      row.moves.map((m) => [
        m.code as EntryCode,
        { inWindow: Number(m.in_window), afterEnd: Number(m.after_end) },
      ]),
    ),
    pointsNow: Number(row.points_now),
    pendingNow: Number(row.pending_now),
    issuedByOrderDate: {
      points: Number(row.issued_by_order),
      pendingNow: Number(row.issued_by_order_pending),
    },
  };
};

export const kpiSource = (db: Kysely<DB>): KpiSource => ({
  kpiFacts: (query) => kpiFacts(db, query),
});
