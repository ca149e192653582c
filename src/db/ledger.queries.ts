import { sql, type Kysely } from 'kysely';
import type { LotBalance, PendingBalance } from '../core/ledger/ledger.js';
import type { DB } from './schema.js';

/**
 * The ledger's two aggregate reads, for any number of members: the repository asks for one
 * member, a batch for all of its members at once.
 */
export const openLotsOf = async (
  db: Kysely<DB>,
  customerIds: string[],
): Promise<(LotBalance & { customerId: string })[]> => {
  const rows = await db
    .selectFrom('points_lot as l')
    .leftJoin('lot_consumption as c', (j) =>
      j.onRef('c.customer_id', '=', 'l.customer_id').onRef('c.lot_id', '=', 'l.id'),
    )
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
    .groupBy(['l.customer_id', 'l.id'])
    .having(sql<boolean>`l.points - coalesce(sum(c.points), 0) > 0`)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customer_id,
    entryId: r.entry_id,
    points: r.points,
    remaining: Number(r.remaining),
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  }));
};

export const openPendingsOf = async (
  db: Kysely<DB>,
  customerIds: string[],
): Promise<(PendingBalance & { customerId: string })[]> => {
  const rows = await db
    .selectFrom('ledger_entry as p')
    .leftJoin('ledger_entry as s', (j) =>
      j.onRef('s.customer_id', '=', 'p.customer_id').onRef('s.pending_entry_id', '=', 'p.id'),
    )
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
    .groupBy(['p.customer_id', 'p.id'])
    .having(sql<boolean>`p.points - coalesce(sum(s.points), 0) > 0`)
    .execute();
  return rows.map((r) => ({
    entryId: r.id,
    customerId: r.customer_id,
    orderId: r.order_id,
    points: r.points,
    remaining: Number(r.remaining),
    releaseAt: r.release_at!,
  }));
};
