import { z } from 'zod';
import { PUBLIC_EVENT_TYPES } from '../events/events.js';

/**
 * Webhooks after the Standard Webhooks specification (https://www.standardwebhooks.com/): a
 * subscription names an endpoint URL and the event types it wants; each event becomes one message
 * (`{ type, timestamp, data }`, its id sent as `webhook-id`) and one delivery per subscription,
 * POSTed with an HMAC-SHA256 signature and retried with backoff until it succeeds or fails for good.
 */

/** Subscribing to `*` means every public event type, present and future. */
export const ALL_EVENT_TYPES = '*';

/** The type of the ping sent by `POST /v1/webhooks/{id}/test`; nobody subscribes to it. */
export const TEST_EVENT_TYPE = 'webhook.test';

/**
 * Wait after each failed attempt before the next: after the first failure 5 s, then 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h. An attempt that fails after the last wait marks the delivery failed: eight
 * attempts over about 27.6 hours.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** An endpoint that has not answered by then has failed this attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * A claimed delivery is not handed out again for this long. An attempt ends (by answer or timeout)
 * well within it; a claim whose process died is due again when the lease runs out.
 */
export const CLAIM_LEASE_MS = 60_000;

/** How much of an endpoint's answer the attempt log keeps (its status is kept; its headers are not). */
export const RESPONSE_EXCERPT_CHARS = 200;

/** After a secret rotation the old secret also signs, for this long, so receivers can switch. */
export const PREVIOUS_SECRET_VALID_MS = 24 * 3_600_000;

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

const UrlSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000)
  .describe('The endpoint that receives the events (http or https)');

export const EventTypesSchema = z
  .array(z.enum([...PUBLIC_EVENT_TYPES, ALL_EVENT_TYPES]))
  .min(1, 'name at least one event type, or "*" for all')
  .max(64)
  .refine((types) => !types.includes(ALL_EVENT_TYPES) || types.length === 1, {
    error: '"*" already means every event type: send it alone',
  })
  .describe('Event types to receive, or ["*"] for every public event type');

export const CreateWebhookSchema = z.object({
  url: UrlSchema,
  eventTypes: EventTypesSchema,
  description: z.string().max(500).nullable().optional(),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookSchema>;

export const UpdateWebhookSchema = z
  .object({
    url: UrlSchema.optional(),
    eventTypes: EventTypesSchema.optional(),
    description: z.string().max(500).nullable().optional(),
    active: z.boolean().optional().describe('false pauses deliveries; true resumes them'),
  })
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), {
    error: 'change at least one of url, eventTypes, description, active',
  });
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookSchema>;

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface WebhookSubscription {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Deleted subscriptions are kept (inactive) so their delivery log stays readable. */
  deletedAt: Date | null;
}

export interface WebhookSecrets {
  current: string;
  previous: string | null;
  previousExpiresAt: Date | null;
}

export interface StoredWebhook extends WebhookSubscription {
  secrets: WebhookSecrets;
}

/** What the outbox needs to know of a subscription: which events it takes. */
export interface ActiveSubscription {
  id: string;
  eventTypes: readonly string[];
}

export interface NewWebhookMessage {
  id: string;
  type: string;
  customerId: string | null;
  /** The exact JSON body, sent byte for byte on every attempt and replay. */
  payload: string;
  createdAt: Date;
}

export interface NewWebhookDelivery {
  id: string;
  subscriptionId: string;
  messageId: string;
  customerId: string | null;
  replayOf: string | null;
  createdAt: Date;
}

export interface WebhookAttempt {
  /** 1 for the first attempt of the delivery. */
  attempt: number;
  at: Date;
  statusCode: number | null;
  responseExcerpt: string | null;
  error: string | null;
  durationMs: number;
}

export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  messageId: string;
  customerId: string | null;
  eventType: string;
  payload: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  completedAt: Date | null;
  replayOf: string | null;
  createdAt: Date;
  attempts: WebhookAttempt[];
}

/** A delivery handed to one sweeper: `attempt` is this attempt's number and its claim token. */
export interface ClaimedDelivery {
  deliveryId: string;
  attempt: number;
  url: string;
  secrets: WebhookSecrets;
  messageId: string;
  payload: string;
}

/** Where a delivery stands after an attempt. */
export interface DeliveryState {
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  completedAt: Date | null;
}

export interface WebhookRepository {
  insertSubscription(webhook: StoredWebhook): Promise<void>;
  findSubscription(id: string): Promise<StoredWebhook | null>;
  /** Every subscription not deleted, oldest first. */
  listSubscriptions(): Promise<WebhookSubscription[]>;
  saveSubscription(webhook: StoredWebhook): Promise<void>;
  /** Pending deliveries of a subscription become cancelled; returns how many. */
  cancelPendingDeliveries(subscriptionId: string, at: Date): Promise<number>;
  insertOutbox(messages: NewWebhookMessage[], deliveries: NewWebhookDelivery[]): Promise<void>;
  /** The active subscriptions with the event types each takes: what the outbox plans against. */
  activeSubscriptions(): Promise<ActiveSubscription[]>;
  findDelivery(id: string): Promise<WebhookDelivery | null>;
  /** Newest first, with their attempts. */
  listDeliveries(
    subscriptionId: string,
    filter: { status?: DeliveryStatus; limit: number },
  ): Promise<WebhookDelivery[]>;
  /**
   * Takes up to `limit` due deliveries of active subscriptions, skipping those another sweeper
   * holds, and makes them not due until `leaseUntil`; each claim counts one attempt.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]>;
  /**
   * Gives a claim back unsent (a shutdown abandoned it): the attempt is not counted and the
   * delivery is due at once, for this or another process. False when the claim was lost meanwhile.
   */
  releaseClaim(claim: ClaimedDelivery): Promise<boolean>;
  /**
   * Logs the attempt and moves the delivery to `state`, unless the claim was lost meanwhile
   * (another sweeper re-claimed it after the lease, or the subscription was deleted): then only
   * the attempt is logged and false returned.
   */
  recordAttempt(
    claim: ClaimedDelivery,
    attempt: WebhookAttempt,
    state: DeliveryState,
  ): Promise<boolean>;
}
