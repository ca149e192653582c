import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** A member the last analytics refresh put in the at-risk stage, due an announcement. */
export interface AtRiskMember {
  customerId: string;
  pAlive: number | null;
  lastPurchaseAt: Date | null;
}

/** Points of one member that expire at one instant, not yet announced. */
export interface ExpiringPoints {
  customerId: string;
  expiresAt: Date;
  points: number;
}

/**
 * The notices the announcing jobs keep so each announcement happens once: `at_risk_notice` (again
 * only after a quiet period) and `expiry_notice` (once per member and expiry instant).
 */
export const noticeRepository = (db: Kysely<DB>) => ({
  /** At-risk members never announced, or last announced before `quietSince`, by id. */
  dueAtRisk: async (quietSince: Date, limit: number): Promise<AtRiskMember[]> => {
    const due = await sql<{ customer_id: string; p_alive: number | null; last: Date | null }>`
      select a.customer_id, a.p_alive, a.last_purchase_at as last
      from customer_analytics a
      left join at_risk_notice n on n.customer_id = a.customer_id
      where a.lifecycle_stage = 'at_risk'
        and (n.notified_at is null or n.notified_at < ${quietSince})
      order by a.customer_id
      limit ${limit}
    `.execute(db);
    return due.rows.map((r) => ({
      customerId: r.customer_id,
      pAlive: r.p_alive === null ? null : Number(r.p_alive),
      lastPurchaseAt: r.last ? new Date(r.last) : null,
    }));
  },

  recordAtRisk: async (customerId: string, now: Date): Promise<void> => {
    await db
      .insertInto('at_risk_notice')
      .values({ customer_id: customerId, notified_at: now })
      .onConflict((oc) => oc.column('customer_id').doUpdateSet({ notified_at: now }))
      .execute();
  },

  /** Points left in lots expiring in (now, until], per member and instant, not yet announced. */
  dueExpiring: async (now: Date, until: Date, limit: number): Promise<ExpiringPoints[]> => {
    const due = await sql<{ customer_id: string; expires_at: Date; points: number }>`
      select l.customer_id, l.expires_at, sum(l.points - coalesce(used.points, 0))::int8 as points
      from points_lot l
      left join lateral (
          select sum(c.points) as points from lot_consumption c where c.lot_id = l.id
      ) used on true
      where l.expires_at > ${now} and l.expires_at <= ${until}
        and not exists (
          select 1 from expiry_notice n
          where n.customer_id = l.customer_id and n.expires_at = l.expires_at
        )
      group by l.customer_id, l.expires_at
      having sum(l.points - coalesce(used.points, 0)) > 0
      order by l.expires_at, l.customer_id
      limit ${limit}
    `.execute(db);
    return due.rows.map((r) => ({
      customerId: r.customer_id,
      expiresAt: new Date(r.expires_at),
      points: Number(r.points),
    }));
  },

  /** False when another run recorded this notice first. */
  recordExpiring: async (notice: ExpiringPoints, now: Date): Promise<boolean> => {
    const inserted = await db
      .insertInto('expiry_notice')
      .values({
        customer_id: notice.customerId,
        expires_at: notice.expiresAt,
        points: notice.points,
        notified_at: now,
      })
      .onConflict((oc) => oc.columns(['customer_id', 'expires_at']).doNothing())
      .returning('customer_id')
      .executeTakeFirst();
    return inserted !== undefined;
  },
});
