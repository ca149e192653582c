import type { Kysely } from 'kysely';
import type { Activity, ActivityRepository } from '../core/rules/activities.js';
import type { DB } from './schema.js';

const toActivity = (r: {
  id: string;
  customer_id: string;
  trigger: string;
  name: string | null;
  idempotency_key: string;
  payload: unknown;
  occurred_at: Date;
  created_at: Date;
}): Activity => ({
  id: r.id,
  customerId: r.customer_id,
  trigger: r.trigger as Activity['trigger'],
  name: r.name,
  idempotencyKey: r.idempotency_key,
  payload: (r.payload ?? {}) as Record<string, unknown>,
  occurredAt: r.occurred_at,
  createdAt: r.created_at,
});

export const activityRepository = (db: Kysely<DB>): ActivityRepository => ({
  insertIfAbsent: async (a) => {
    const inserted = await db
      .insertInto('loyalty_activity')
      .values({
        id: a.id,
        customer_id: a.customerId,
        trigger: a.trigger,
        name: a.name,
        idempotency_key: a.idempotencyKey,
        payload: JSON.stringify(a.payload),
        occurred_at: a.occurredAt,
        created_at: a.createdAt,
      })
      .onConflict((oc) => oc.columns(['customer_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  },
  findByKey: async (customerId, key) => {
    const row = await db
      .selectFrom('loyalty_activity')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row ? toActivity(row) : null;
  },
  list: async (customerId, limit) =>
    (
      await db
        .selectFrom('loyalty_activity')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
    ).map(toActivity),
});
