import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from './column-types.js';

/** E-mail templates, messages, campaigns, and the notices that keep journeys from repeating. */
export interface MessagingTables {
  message_template: MessageTemplateTable;
  message_template_version: MessageTemplateVersionTable;
  message: MessageTable;
  messaging_config: MessagingConfigTable;
  campaign: CampaignTable;
  expiry_notice: ExpiryNoticeTable;
  at_risk_notice: AtRiskNoticeTable;
}

export interface MessageTemplateTable {
  id: string;
  key: string;
  kind: 'marketing' | 'transactional';
  default_locale: string;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessageTemplateVersionTable {
  template_id: string;
  locale: string;
  subject: string;
  html: string;
  text: string;
}

export interface MessageTable {
  id: string;
  customer_id: string;
  template_key: string;
  kind: 'marketing' | 'transactional';
  locale: string | null;
  campaign_id: string | null;
  journey: string | null;
  to_address: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  unsubscribe_url: string | null;
  data: Json<Record<string, unknown>>;
  status: 'queued' | 'sent' | 'failed' | 'suppressed' | 'outbox';
  reason: string | null;
  dedupe_key: string;
  scheduled_at: Timestamp;
  lease_until: NullableTimestamp;
  sent_at: NullableTimestamp;
  attempts: Generated<number>;
  smtp_message_id: string | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MessagingConfigTable {
  name: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface CampaignTable {
  id: string;
  template_key: string;
  segment_id: string;
  status: 'scheduled' | 'expanding' | 'done';
  scheduled_at: Timestamp;
  lease_until: NullableTimestamp;
  audience: Generated<number>;
  created_at: Timestamp;
  completed_at: NullableTimestamp;
}

export interface ExpiryNoticeTable {
  customer_id: string;
  expires_at: Timestamp;
  points: number;
  notified_at: Timestamp;
}

export interface AtRiskNoticeTable {
  customer_id: string;
  notified_at: Timestamp;
}
