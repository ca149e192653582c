import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { testPayload } from './webhooks.plan.js';
import {
  deliveryNotFound,
  webhookDeleted,
  webhookInactive,
  webhookNotFound,
  webhookUrlRefused,
} from './webhooks.errors.js';
import { targetUrlProblem } from './webhooks.targets.js';
import { newWebhookSecret } from './webhooks.signing.js';
import {
  PREVIOUS_SECRET_VALID_MS,
  TEST_EVENT_TYPE,
  type CreateWebhookInput,
  type DeliveryStatus,
  type StoredWebhook,
  type UpdateWebhookInput,
  type WebhookDelivery,
  type WebhookRepository,
  type WebhookSubscription,
} from './webhooks.js';

/** Subscriptions, the delivery log, replays and test pings. Delivery itself is webhooks.delivery.ts. */
export interface WebhookDeps {
  webhooks: WebhookRepository;
  clock: Clock;
  /** REGULARS_WEBHOOKS_ALLOW_PRIVATE: loopback and private targets allowed (local development). */
  allowPrivateTargets?: boolean;
}

const checkTarget = (deps: WebhookDeps, url: string) => {
  const problem = targetUrlProblem(url, deps.allowPrivateTargets ?? false);
  if (problem) throw webhookUrlRefused(problem);
};

/** A subscription with its secret in full: only the answer to a creation or a rotation. */
export interface WebhookWithSecret {
  webhook: WebhookSubscription;
  secret: string;
}

const publicView = ({ secrets: _secrets, ...webhook }: StoredWebhook): WebhookSubscription =>
  webhook;

const unique = (types: readonly string[]): string[] => [...new Set(types)];

const existing = async (deps: WebhookDeps, id: string): Promise<StoredWebhook> => {
  const webhook = await deps.webhooks.findSubscription(id);
  if (!webhook) throw webhookNotFound(id);
  return webhook;
};

const live = async (deps: WebhookDeps, id: string): Promise<StoredWebhook> => {
  const webhook = await existing(deps, id);
  if (webhook.deletedAt) throw webhookDeleted(id);
  return webhook;
};

export const createWebhook = async (
  deps: WebhookDeps,
  input: CreateWebhookInput,
): Promise<WebhookWithSecret> => {
  checkTarget(deps, input.url);
  const now = deps.clock.now();
  const secret = newWebhookSecret();
  const webhook: StoredWebhook = {
    id: newId('webhook'),
    url: input.url,
    description: input.description ?? null,
    eventTypes: unique(input.eventTypes),
    active: true,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    secrets: { current: secret, previous: null, previousExpiresAt: null },
  };
  await deps.webhooks.insertSubscription(webhook);
  return { webhook: publicView(webhook), secret };
};

export const getWebhook = async (deps: WebhookDeps, id: string): Promise<WebhookSubscription> =>
  publicView(await existing(deps, id));

export const listWebhooks = (deps: WebhookDeps): Promise<WebhookSubscription[]> =>
  deps.webhooks.listSubscriptions();

export const updateWebhook = async (
  deps: WebhookDeps,
  id: string,
  patch: UpdateWebhookInput,
): Promise<WebhookSubscription> => {
  if (patch.url !== undefined) checkTarget(deps, patch.url);
  const current = await live(deps, id);
  const updated: StoredWebhook = {
    ...current,
    ...(patch.url !== undefined ? { url: patch.url } : {}),
    ...(patch.eventTypes !== undefined ? { eventTypes: unique(patch.eventTypes) } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    updatedAt: deps.clock.now(),
  };
  await deps.webhooks.saveSubscription(updated);
  return publicView(updated);
};

/** Soft delete: the subscription stops (its pending deliveries are cancelled) but stays readable. */
export const deleteWebhook = async (
  deps: WebhookDeps,
  id: string,
): Promise<WebhookSubscription> => {
  const current = await existing(deps, id);
  if (current.deletedAt) return publicView(current);
  const now = deps.clock.now();
  const deleted: StoredWebhook = { ...current, active: false, deletedAt: now, updatedAt: now };
  await deps.webhooks.saveSubscription(deleted);
  await deps.webhooks.cancelPendingDeliveries(id, now);
  return publicView(deleted);
};

/** A new secret signs from now on; the old one also signs for a day, so receivers can switch. */
export const rotateWebhookSecret = async (
  deps: WebhookDeps,
  id: string,
): Promise<WebhookWithSecret> => {
  const current = await live(deps, id);
  const now = deps.clock.now();
  const secret = newWebhookSecret();
  const rotated: StoredWebhook = {
    ...current,
    updatedAt: now,
    secrets: {
      current: secret,
      previous: current.secrets.current,
      previousExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_VALID_MS),
    },
  };
  await deps.webhooks.saveSubscription(rotated);
  return { webhook: publicView(rotated), secret };
};

export const listDeliveries = async (
  deps: WebhookDeps,
  webhookId: string,
  filter: { status?: DeliveryStatus; limit: number },
): Promise<WebhookDelivery[]> => {
  await existing(deps, webhookId);
  return deps.webhooks.listDeliveries(webhookId, filter);
};

export const getDelivery = async (deps: WebhookDeps, id: string): Promise<WebhookDelivery> => {
  const delivery = await deps.webhooks.findDelivery(id);
  if (!delivery) throw deliveryNotFound(id);
  return delivery;
};

const sendable = async (deps: WebhookDeps, webhookId: string): Promise<StoredWebhook> => {
  const webhook = await live(deps, webhookId);
  if (!webhook.active) throw webhookInactive(webhookId);
  return webhook;
};

/**
 * Sends a delivery's message again — the same `webhook-id` and body — as a new delivery, due now,
 * whatever became of the original (succeeded, pending or failed for good).
 */
export const replayDelivery = async (
  deps: WebhookDeps,
  deliveryId: string,
): Promise<WebhookDelivery> => {
  const original = await getDelivery(deps, deliveryId);
  await sendable(deps, original.subscriptionId);
  const now = deps.clock.now();
  const id = newId('webhookDelivery');
  await deps.webhooks.insertOutbox(
    [],
    [
      {
        id,
        subscriptionId: original.subscriptionId,
        messageId: original.messageId,
        customerId: original.customerId,
        replayOf: original.id,
        createdAt: now,
      },
    ],
  );
  return getDelivery(deps, id);
};

/** Queues a `webhook.test` ping to the subscription, due now, whatever event types it takes. */
export const sendTestWebhook = async (
  deps: WebhookDeps,
  webhookId: string,
): Promise<WebhookDelivery> => {
  await sendable(deps, webhookId);
  const now = deps.clock.now();
  const messageId = newId('webhookMessage');
  const id = newId('webhookDelivery');
  await deps.webhooks.insertOutbox(
    [
      {
        id: messageId,
        type: TEST_EVENT_TYPE,
        customerId: null,
        payload: testPayload(webhookId, now),
        createdAt: now,
      },
    ],
    [
      {
        id,
        subscriptionId: webhookId,
        messageId,
        customerId: null,
        replayOf: null,
        createdAt: now,
      },
    ],
  );
  return getDelivery(deps, id);
};
