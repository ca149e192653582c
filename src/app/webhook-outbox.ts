import type { Kysely } from 'kysely';
import { isPublicEvent, type DomainEvent } from '../core/events/events.js';
import { newId } from '../core/shared/ids.js';
import { readThroughCache } from '../core/shared/ttl-cache.js';
import { planOutbox } from '../core/webhooks/webhooks.plan.js';
import type { ActiveSubscription } from '../core/webhooks/webhooks.js';
import type { DB } from '../db/schema.js';
import { webhookRepository } from '../db/webhooks/webhooks.repository.js';

/**
 * How long this process trusts the list of active subscriptions it read. A change made through
 * this process is seen at once (the list is dropped once the change has committed); a change made
 * through another process is seen after at most this long.
 */
export const WEBHOOK_SUBSCRIPTIONS_TTL_MS = 2_000;

// One list per process (the outbox is a static event consumer).
const cache = readThroughCache<ActiveSubscription[]>({ ttlMs: WEBHOOK_SUBSCRIPTIONS_TTL_MS });

/** Drops the cached subscriptions; call it after a change to them has committed. */
export const invalidateWebhookSubscriptions = (): void => cache.invalidate();

const activeSubscriptions = (db: Kysely<DB>): Promise<ActiveSubscription[]> =>
  cache.read(() => webhookRepository(db).activeSubscriptions());

/**
 * The webhook outbox, an event consumer: inside the transaction that emitted them, each public
 * event some active subscription takes becomes a message and one delivery per such subscription,
 * so a committed event cannot miss its webhooks and a rolled-back one sends none. With no
 * subscriptions it costs a cache hit.
 */
export const webhookOutbox = async (db: Kysely<DB>, events: DomainEvent[]): Promise<void> => {
  if (!events.some(isPublicEvent)) return;
  const subscriptions = await activeSubscriptions(db);
  if (subscriptions.length === 0) return;
  const plan = planOutbox(events, subscriptions, newId);
  if (plan.messages.length === 0) return;
  await webhookRepository(db).insertOutbox(plan.messages, plan.deliveries);
};
