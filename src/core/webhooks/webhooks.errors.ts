import { DomainError } from '../shared/errors.js';

export const webhookNotFound = (id: string) =>
  new DomainError('not_found', 'webhook_not_found', `No webhook subscription ${id}`, {
    webhook: id,
  });

export const deliveryNotFound = (id: string) =>
  new DomainError('not_found', 'webhook_delivery_not_found', `No webhook delivery ${id}`, {
    delivery: id,
  });

export const webhookDeleted = (id: string) =>
  new DomainError('conflict', 'webhook_deleted', `Webhook subscription ${id} was deleted`, {
    webhook: id,
  });

export const webhookInactive = (id: string) =>
  new DomainError(
    'conflict',
    'webhook_inactive',
    `Webhook subscription ${id} is paused: set active to true to send to it`,
    { webhook: id },
    [{ path: 'active', message: 'the subscription is paused' }],
  );

/** A subscription URL that may not be a target (see webhooks.targets.ts); a 400 naming `url`. */
export const webhookUrlRefused = (reason: string) =>
  new DomainError('invalid', 'webhook_url_refused', `The webhook url ${reason}`, {}, [
    { path: 'url', message: reason },
  ]);
