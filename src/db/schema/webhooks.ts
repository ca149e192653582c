import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from './column-types.js';

/** Webhook subscriptions, the messages sent to them, and each delivery and attempt. */
export interface WebhooksTables {
  webhook_subscription: WebhookSubscriptionTable;
  webhook_message: WebhookMessageTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
}

export interface WebhookSubscriptionTable {
  id: string;
  url: string;
  description: string | null;
  event_types: Json<string[]>;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: NullableTimestamp;
  active: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface WebhookMessageTable {
  id: string;
  event_type: string;
  customer_id: string | null;
  payload: string;
  created_at: Timestamp;
}

export interface WebhookDeliveryTable {
  id: string;
  subscription_id: string;
  message_id: string;
  customer_id: string | null;
  status: 'pending' | 'succeeded' | 'failed' | 'cancelled';
  attempt_count: Generated<number>;
  next_attempt_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  replay_of: string | null;
  created_at: Timestamp;
}

export interface WebhookAttemptTable {
  delivery_id: string;
  attempt: number;
  attempted_at: Timestamp;
  status_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  duration_ms: number;
}
