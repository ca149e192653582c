import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type {
  ClaimedDelivery,
  DeliveryStatus,
  NewWebhookDelivery,
  NewWebhookMessage,
  StoredWebhook,
  WebhookAttempt,
  WebhookDelivery,
  WebhookRepository,
} from '../../core/webhooks/webhooks.js';
import { inTransaction } from '../repositories.js';
import type { DB } from '../schema.js';

// Rows per multi-row INSERT: far below PostgreSQL's 65,535 parameters.
const INSERT_CHUNK_ROWS = 1_000;

const chunks = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / INSERT_CHUNK_ROWS) }, (_, i) =>
    rows.slice(i * INSERT_CHUNK_ROWS, (i + 1) * INSERT_CHUNK_ROWS),
  );

const subscriptionRow = (w: StoredWebhook): Insertable<DB['webhook_subscription']> => ({
  id: w.id,
  url: w.url,
  description: w.description,
  event_types: JSON.stringify(w.eventTypes),
  secret: w.secrets.current,
  previous_secret: w.secrets.previous,
  previous_secret_expires_at: w.secrets.previousExpiresAt,
  active: w.active,
  created_at: w.createdAt,
  updated_at: w.updatedAt,
  deleted_at: w.deletedAt,
});

const fromSubscriptionRow = (row: Selectable<DB['webhook_subscription']>): StoredWebhook => ({
  id: row.id,
  url: row.url,
  description: row.description,
  eventTypes: row.event_types,
  active: row.active,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
  secrets: {
    current: row.secret,
    previous: row.previous_secret,
    previousExpiresAt: row.previous_secret_expires_at,
  },
});

const messageRow = (m: NewWebhookMessage): Insertable<DB['webhook_message']> => ({
  id: m.id,
  event_type: m.type,
  customer_id: m.customerId,
  payload: m.payload,
  created_at: m.createdAt,
});

const deliveryRow = (d: NewWebhookDelivery): Insertable<DB['webhook_delivery']> => ({
  id: d.id,
  subscription_id: d.subscriptionId,
  message_id: d.messageId,
  customer_id: d.customerId,
  status: 'pending',
  next_attempt_at: null,
  last_attempt_at: null,
  completed_at: null,
  replay_of: d.replayOf,
  created_at: d.createdAt,
});

/** Deliveries with their message and attempts, in the order of `ids`' query. */
const deliveriesWithAttempts = async (
  db: Kysely<DB>,
  rows: (Selectable<DB['webhook_delivery']> & { event_type: string; payload: string })[],
): Promise<WebhookDelivery[]> => {
  if (rows.length === 0) return [];
  const attempts = await db
    .selectFrom('webhook_attempt')
    .selectAll()
    .where(
      'delivery_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
  const byDelivery = new Map<string, WebhookAttempt[]>();
  for (const a of attempts) {
    const list = byDelivery.get(a.delivery_id) ?? [];
    list.push({
      attempt: a.attempt,
      at: a.attempted_at,
      statusCode: a.status_code,
      responseExcerpt: a.response_excerpt,
      error: a.error,
      durationMs: a.duration_ms,
    });
    byDelivery.set(a.delivery_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    subscriptionId: r.subscription_id,
    messageId: r.message_id,
    customerId: r.customer_id,
    eventType: r.event_type,
    payload: r.payload,
    status: r.status,
    attemptCount: r.attempt_count,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    completedAt: r.completed_at,
    replayOf: r.replay_of,
    createdAt: r.created_at,
    attempts: byDelivery.get(r.id) ?? [],
  }));
};

const deliveryQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_message as m', 'm.id', 'd.message_id')
    .selectAll('d')
    .select(['m.event_type', 'm.payload']);

/** Takes due deliveries in one short transaction: selected with SKIP LOCKED, then leased. */
const claimDue = (db: Kysely<DB>, now: Date, leaseUntil: Date, limit: number) =>
  inTransaction(db, async (trx): Promise<ClaimedDelivery[]> => {
    const due = await trx
      .selectFrom('webhook_delivery as d')
      .innerJoin('webhook_subscription as s', 's.id', 'd.subscription_id')
      .select('d.id')
      .where('d.status', '=', 'pending')
      .where('s.active', '=', true)
      .where((eb) =>
        eb.or([eb('d.next_attempt_at', 'is', null), eb('d.next_attempt_at', '<=', now)]),
      )
      .orderBy(sql`d.next_attempt_at nulls first`)
      .orderBy('d.id')
      .limit(limit)
      .forUpdate('d')
      .skipLocked()
      .execute();
    if (due.length === 0) return [];
    const leased = await trx
      .updateTable('webhook_delivery')
      .set((eb) => ({ attempt_count: eb('attempt_count', '+', 1), next_attempt_at: leaseUntil }))
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returning(['id', 'attempt_count', 'subscription_id', 'message_id'])
      .execute();
    const details = await trx
      .selectFrom('webhook_delivery as d')
      .innerJoin('webhook_subscription as s', 's.id', 'd.subscription_id')
      .innerJoin('webhook_message as m', 'm.id', 'd.message_id')
      .select([
        'd.id',
        's.url',
        's.secret',
        's.previous_secret',
        's.previous_secret_expires_at',
        'm.payload',
      ])
      .where(
        'd.id',
        'in',
        leased.map((l) => l.id),
      )
      .execute();
    const detailOf = new Map(details.map((d) => [d.id, d]));
    return leased.map((l) => {
      const d = detailOf.get(l.id)!;
      return {
        deliveryId: l.id,
        attempt: l.attempt_count,
        url: d.url,
        secrets: {
          current: d.secret,
          previous: d.previous_secret,
          previousExpiresAt: d.previous_secret_expires_at,
        },
        messageId: l.message_id,
        payload: d.payload,
      };
    });
  });

export const webhookRepository = (db: Kysely<DB>): WebhookRepository => ({
  insertSubscription: async (webhook) => {
    await db.insertInto('webhook_subscription').values(subscriptionRow(webhook)).execute();
  },
  findSubscription: async (id) => {
    const row = await db
      .selectFrom('webhook_subscription')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? fromSubscriptionRow(row) : null;
  },
  listSubscriptions: async () =>
    (
      await db
        .selectFrom('webhook_subscription')
        .selectAll()
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((row) => {
      const { secrets: _secrets, ...webhook } = fromSubscriptionRow(row);
      return webhook;
    }),
  saveSubscription: async (webhook) => {
    const { id: _id, created_at: _createdAt, ...changes } = subscriptionRow(webhook);
    await db
      .updateTable('webhook_subscription')
      .set(changes)
      .where('id', '=', webhook.id)
      .execute();
  },
  cancelPendingDeliveries: async (subscriptionId, at) => {
    const result = await db
      .updateTable('webhook_delivery')
      .set({ status: 'cancelled', next_attempt_at: null, completed_at: at })
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },
  activeSubscriptions: async () => {
    const rows = await db
      .selectFrom('webhook_subscription')
      .select(['id', 'event_types'])
      .where('active', '=', true)
      .execute();
    return rows.map((r) => ({ id: r.id, eventTypes: r.event_types }));
  },
  insertOutbox: async (messages, deliveries) => {
    for (const chunk of chunks(messages)) {
      await db.insertInto('webhook_message').values(chunk.map(messageRow)).execute();
    }
    for (const chunk of chunks(deliveries)) {
      await db.insertInto('webhook_delivery').values(chunk.map(deliveryRow)).execute();
    }
  },
  findDelivery: async (id) => {
    const row = await deliveryQuery(db).where('d.id', '=', id).executeTakeFirst();
    return row ? ((await deliveriesWithAttempts(db, [row]))[0] ?? null) : null;
  },
  listDeliveries: async (subscriptionId, filter: { status?: DeliveryStatus; limit: number }) => {
    let query = deliveryQuery(db).where('d.subscription_id', '=', subscriptionId);
    if (filter.status) query = query.where('d.status', '=', filter.status);
    const rows = await query
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(filter.limit)
      .execute();
    return deliveriesWithAttempts(db, rows);
  },
  claimDue: (now, leaseUntil, limit) => claimDue(db, now, leaseUntil, limit),
  releaseClaim: async (claim) => {
    const released = await db
      .updateTable('webhook_delivery')
      .set((eb) => ({ attempt_count: eb('attempt_count', '-', 1), next_attempt_at: null }))
      .where('id', '=', claim.deliveryId)
      .where('attempt_count', '=', claim.attempt)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(released.numUpdatedRows) === 1;
  },
  recordAttempt: (claim, attempt, state) =>
    inTransaction(db, async (trx) => {
      await trx
        .insertInto('webhook_attempt')
        .values({
          delivery_id: claim.deliveryId,
          attempt: attempt.attempt,
          attempted_at: attempt.at,
          status_code: attempt.statusCode,
          response_excerpt: attempt.responseExcerpt,
          error: attempt.error,
          duration_ms: attempt.durationMs,
        })
        .execute();
      const moved = await trx
        .updateTable('webhook_delivery')
        .set({
          status: state.status,
          next_attempt_at: state.nextAttemptAt,
          completed_at: state.completedAt,
          last_attempt_at: attempt.at,
        })
        .where('id', '=', claim.deliveryId)
        .where('attempt_count', '=', claim.attempt)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(moved.numUpdatedRows) === 1;
    }),
});
