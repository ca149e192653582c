import type { DomainEvent } from '../events/events.js';
import { isPublicEvent } from '../events/events.js';
import type { IdKind } from '../shared/ids.js';
import {
  ALL_EVENT_TYPES,
  TEST_EVENT_TYPE,
  type ActiveSubscription,
  type DeliveryState,
  type NewWebhookDelivery,
  type NewWebhookMessage,
} from './webhooks.js';

/** Pure decisions of the webhook module: who gets what, what is sent, what happens after. */

export const subscribesTo = (subscription: ActiveSubscription, type: string): boolean =>
  subscription.eventTypes.includes(ALL_EVENT_TYPES) || subscription.eventTypes.includes(type);

/** The body of a message: `{ type, timestamp, data }`, with the customer's id inside `data`. */
export const eventPayload = (event: DomainEvent): string =>
  JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: { customerId: event.customerId, ...event.data },
  });

export const testPayload = (webhookId: string, at: Date): string =>
  JSON.stringify({
    type: TEST_EVENT_TYPE,
    timestamp: at.toISOString(),
    data: { customerId: null, webhookId, message: 'This is a test event from Regulars.' },
  });

export interface OutboxPlan {
  messages: NewWebhookMessage[];
  deliveries: NewWebhookDelivery[];
}

/**
 * One message per public event that some subscription takes, and one delivery per such
 * subscription. Internal events and events nobody takes produce nothing.
 */
export const planOutbox = (
  events: readonly DomainEvent[],
  subscriptions: readonly ActiveSubscription[],
  newId: (kind: IdKind) => string,
): OutboxPlan => {
  const plan: OutboxPlan = { messages: [], deliveries: [] };
  for (const event of events) {
    if (!isPublicEvent(event)) continue;
    const takers = subscriptions.filter((s) => subscribesTo(s, event.type));
    if (takers.length === 0) continue;
    const messageId = newId('webhookMessage');
    plan.messages.push({
      id: messageId,
      type: event.type,
      customerId: event.customerId,
      payload: eventPayload(event),
      createdAt: event.occurredAt,
    });
    for (const subscription of takers) {
      plan.deliveries.push({
        id: newId('webhookDelivery'),
        subscriptionId: subscription.id,
        messageId,
        customerId: event.customerId,
        replayOf: null,
        createdAt: event.occurredAt,
      });
    }
  }
  return plan;
};

/** What an endpoint did with one attempt. */
export type SendResult =
  | { ok: true; statusCode: number; responseExcerpt: string }
  | {
      ok: false;
      statusCode: number | null;
      responseExcerpt: string | null;
      error: string | null;
      /** Not sent: the target is not allowed (see webhooks.targets.ts). Not retried. */
      refused?: boolean;
    };

/** Only a 2xx answer is a success; redirects, other statuses, network errors and timeouts fail. */
export const isSuccessStatus = (statusCode: number): boolean =>
  statusCode >= 200 && statusCode < 300;

/**
 * After attempt number `attempt` (1-based) at `at`: succeeded; or pending until the schedule's
 * wait for that attempt has passed; or failed when the schedule is spent, or at once when the
 * target was refused (retrying would only be refused again: fix the URL or the setting, then
 * replay the delivery).
 */
export const stateAfterAttempt = (
  result: SendResult,
  attempt: number,
  at: Date,
  retryScheduleMs: readonly number[],
): DeliveryState => {
  if (result.ok) return { status: 'succeeded', nextAttemptAt: null, completedAt: at };
  const waitMs = result.refused ? undefined : retryScheduleMs[attempt - 1];
  if (waitMs === undefined) return { status: 'failed', nextAttemptAt: null, completedAt: at };
  return { status: 'pending', nextAttemptAt: new Date(at.getTime() + waitMs), completedAt: null };
};

/**
 * Keeps the first `chars` characters of an answer, marking a cut. Control and formatting
 * characters (line breaks, escapes, bidi overrides) become spaces, runs of space one space: the
 * log shows a hint of the answer, not a copy of it.
 */
export const excerpt = (text: string, chars: number): string => {
  const clean = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= chars ? clean : `${clean.slice(0, chars)}…`;
};
