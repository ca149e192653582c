import type { ColumnType, Generated } from 'kysely';

/** Row types of the database. They stay inside src/db: repositories map them to domain types. */

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface ProgrammeSettingsTable {
  id: Generated<string>;
  settings: Json<unknown>;
  updated_at: GeneratedTimestamp;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  role: 'admin' | 'pos';
  key_hash: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface AppUserTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'pos';
  password_hash: string;
  created_at: Timestamp;
  disabled_at: NullableTimestamp;
}

export interface AdminSessionTable {
  token_hash: string;
  api_key_id: string | null;
  user_id: string | null;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface SignInFailureTable {
  id: Generated<number>;
  email: string;
  failed_at: Timestamp;
}

export interface CustomerTable {
  id: string;
  email: string | null;
  phone: string | null;
  first_name: string | null;
  last_name: string | null;
  birthday: string | null;
  locale: string | null;
  attributes: Json<Record<string, string | number | boolean | null>>;
  created_at: Timestamp;
  updated_at: Timestamp;
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CustomerExternalIdTable {
  customer_id: string;
  source: string;
  external_id: string;
  created_at: Timestamp;
}

export interface CustomerConsentTable {
  customer_id: string;
  seq: Generated<number>;
  channel: 'email' | 'sms';
  granted: boolean;
  source: string;
  given_at: Timestamp;
  recorded_at: Timestamp;
}

export interface SalesOrderTable {
  id: string;
  external_id: string;
  customer_id: string;
  currency: string;
  channel: 'web' | 'pos' | 'app' | 'other';
  store_id: string | null;
  placed_at: Timestamp;
  total_minor: number;
  points_earned: number;
  created_at: Timestamp;
}

export interface OrderLineTable {
  order_id: string;
  customer_id: string;
  line_no: number;
  sku: string;
  name: string | null;
  category: string | null;
  quantity: number;
  unit_price_minor: number;
}

export interface OrderReturnTable {
  id: string;
  order_id: string;
  customer_id: string;
  external_id: string | null;
  reason: string | null;
  amount_minor: number;
  points_reversed: number;
  points_unrecovered: number;
  created_at: Timestamp;
}

export interface OrderReturnLineTable {
  return_id: string;
  customer_id: string;
  order_id: string;
  line_no: number;
  quantity: number;
  amount_minor: number;
}

export interface LedgerAccountTable {
  id: string;
  customer_id: string | null;
  kind: 'member_points' | 'member_pending' | 'system';
  debits_posted: Generated<number>;
  credits_posted: Generated<number>;
  created_at: GeneratedTimestamp;
}

export interface LedgerEntryTable {
  id: string;
  customer_id: string;
  debit_account_id: string;
  credit_account_id: string;
  points: number;
  code: string;
  idempotency_key: string;
  order_id: string | null;
  return_id: string | null;
  pending_entry_id: string | null;
  release_at: NullableTimestamp;
  reason: string | null;
  actor: string | null;
  effective_at: Timestamp;
  created_at: GeneratedTimestamp;
}

export interface PointsLotTable {
  id: string;
  customer_id: string;
  entry_id: string;
  points: number;
  expires_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface LotConsumptionTable {
  lot_id: string;
  entry_id: string;
  customer_id: string;
  points: number;
}

export interface IdempotencyRecordTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  response_body: string;
  created_at: GeneratedTimestamp;
}

export interface ClvModelRunTable {
  id: string;
  transaction_model: string;
  transaction_params: Json<Record<string, number>>;
  transaction_log_likelihood: number;
  spend_params: Json<Record<string, number> | null>;
  spend_log_likelihood: number | null;
  customers: number;
  repeat_buyers: number;
  calibration_end: string;
  horizon_weeks: number;
  annual_discount_rate: number;
  validation: Json<unknown>;
  duration_ms: number;
  fitted_at: Timestamp;
}

export interface CustomerAnalyticsTable {
  customer_id: string;
  as_of: Timestamp;
  first_purchase_at: NullableTimestamp;
  last_purchase_at: NullableTimestamp;
  recency_days: number | null;
  frequency: Generated<number>;
  monetary_minor: Generated<number>;
  r_score: number | null;
  f_score: number | null;
  m_score: number | null;
  rfm_segment: string | null;
  lifecycle_stage: string;
  clv_model_run_id: string | null;
  p_alive: number | null;
  expected_purchases: number | null;
  expected_spend_minor: number | null;
  clv_minor: number | null;
  rfm_computed_at: NullableTimestamp;
  clv_computed_at: NullableTimestamp;
}

export interface RuleTable {
  id: string;
  name: string;
  trigger: string;
  status: 'draft' | 'active' | 'archived';
  version: number;
  document: Json<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RuleVersionTable {
  rule_id: string;
  version: number;
  status: string;
  document: Json<unknown>;
  actor: string | null;
  created_at: Timestamp;
}

export interface RuleAwardTable {
  entry_id: string;
  customer_id: string;
  rule_id: string | null;
  rule_version: number | null;
  tier_code: string | null;
  points: number;
  order_id: string | null;
  activity_id: string | null;
  awarded_at: Timestamp;
}

export interface LoyaltyActivityTable {
  id: string;
  customer_id: string;
  trigger: string;
  name: string | null;
  idempotency_key: string;
  payload: Json<unknown>;
  occurred_at: Timestamp;
  created_at: Timestamp;
}

export interface TierDefinitionTable {
  code: string;
  name: string;
  rank: number;
  threshold: number;
  earn_multiplier_percent: number;
  benefits: Json<unknown>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberTierTable {
  customer_id: string;
  tier_code: string;
  since: Timestamp;
  review_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface TierPolicyTable {
  id: Generated<boolean>;
  metric: 'points' | 'spend' | 'orders';
  window_kind: 'rolling' | 'calendarYear';
  window_days: number | null;
  grace_days: number;
  updated_at: Timestamp;
}

export interface TierChangeTable {
  customer_id: string;
  seq: Generated<number>;
  from_tier: string | null;
  to_tier: string | null;
  reason: string;
  metric: string;
  metric_value: number;
  window_start: Timestamp;
  window_end: Timestamp;
  review_at: NullableTimestamp;
  changed_at: Timestamp;
}

export interface MemberCardTable {
  id: string;
  customer_id: string;
  issued_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: Timestamp;
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

export interface ReferralSettingsTable {
  id: Generated<number>;
  enabled: boolean;
  referrer_points: number;
  friend_points: number;
  min_order_minor: number;
  max_conversions_per_referrer: number | null;
  link_base_url: string | null;
  updated_at: Timestamp;
}

export interface ReferralCodeTable {
  customer_id: string;
  code: string;
  created_at: Timestamp;
}

export interface ReferralTable {
  id: string;
  code: string;
  referrer_id: string | null;
  referred_id: string;
  status: 'pending' | 'converted' | 'reversed' | 'refused';
  reason: string | null;
  source: 'signup' | 'api';
  order_id: string | null;
  min_order_minor: number | null;
  referrer_points: Generated<number>;
  friend_points: Generated<number>;
  referrer_points_unrecovered: Generated<number>;
  friend_points_unrecovered: Generated<number>;
  return_id: string | null;
  created_at: Timestamp;
  converted_at: NullableTimestamp;
  reversed_at: NullableTimestamp;
}

export interface RewardTable {
  id: string;
  name: string;
  description: string | null;
  kind: 'percent_discount' | 'fixed_discount' | 'free_product' | 'sample' | 'gift';
  percent_off: number | null;
  value_minor: number | null;
  currency: string | null;
  sku: string | null;
  points_cost: number;
  stock: number | null;
  per_member_limit: number | null;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  tier_codes: ColumnType<string[] | null, string | null, string | null>;
  coupon_validity_days: number | null;
  uses_per_coupon: number;
  min_basket_minor: number | null;
  active: boolean;
  archived_at: NullableTimestamp;
  issued_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CouponBatchTable {
  id: string;
  name: string;
  kind: string;
  benefit: Json<unknown>;
  currency: string;
  min_basket_minor: number | null;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  uses_per_code: number;
  one_per_customer: boolean;
  created_at: Timestamp;
}

export interface CouponTable {
  id: string;
  code: string;
  customer_id: string | null;
  reward_id: string | null;
  batch_id: string | null;
  kind: string;
  benefit: Json<unknown>;
  currency: string;
  min_basket_minor: number | null;
  valid_from: NullableTimestamp;
  valid_until: NullableTimestamp;
  uses_allowed: number;
  uses_count: Generated<number>;
  status: 'active' | 'void';
  voided_at: NullableTimestamp;
  void_reason: string | null;
  created_at: Timestamp;
}

export interface RewardRedemptionTable {
  id: string;
  reward_id: string;
  customer_id: string;
  coupon_id: string;
  points_spent: number;
  entry_id: string | null;
  idempotency_key: string;
  actor: string | null;
  created_at: Timestamp;
}

export interface CouponRedemptionTable {
  id: string;
  coupon_id: string;
  batch_id: string | null;
  customer_id: string | null;
  order_external_id: string;
  discount_minor: number;
  currency: string;
  status: 'redeemed' | 'released';
  redeemed_at: Timestamp;
  released_at: NullableTimestamp;
}

export interface CouponIssueTable {
  source_key: string;
  customer_id: string;
  kind: 'reward' | 'coupon';
  ref: string;
  coupon_id: string | null;
  skipped_reason: string | null;
  created_at: Timestamp;
}

export interface ExpiryNoticeTable {
  customer_id: string;
  expires_at: Timestamp;
  points: number;
  notified_at: Timestamp;
}

export interface SegmentTable {
  id: string;
  key: string;
  name: string;
  kind: 'dynamic' | 'static';
  definition: Json<unknown> | null;
  member_count: Generated<number>;
  refreshed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface SegmentMemberTable {
  segment_id: string;
  customer_id: string;
  added_at: Timestamp;
}

export interface RecommendationTable {
  customer_id: string;
  rank: number;
  sku: string;
  name: string | null;
  category: string | null;
  score: number;
  reason: 'bought_with' | 'popular_in_category' | 'popular';
  reason_sku: string | null;
  reason_name: string | null;
  reason_category: string | null;
  as_of: Timestamp;
  computed_at: Timestamp;
}

export interface RecommendationPopularTable {
  rank: number;
  sku: string;
  name: string | null;
  category: string | null;
  buyers: number;
  score: number;
  as_of: Timestamp;
  computed_at: Timestamp;
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

export interface SurveyTable {
  id: string;
  key: string;
  title: string;
  description: string | null;
  questions: Json<unknown>;
  status: 'draft' | 'active' | 'archived';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  customer_id: string;
  source: 'link' | 'api';
  answers: Json<unknown>;
  submitted_at: Timestamp;
}

export interface SurveyAnswerTable {
  response_id: string;
  survey_id: string;
  customer_id: string;
  question_id: string;
  question_type: 'nps' | 'csat' | 'text' | 'choice';
  score: number | null;
  value: string | null;
  submitted_at: Timestamp;
}

export interface ReviewTable {
  id: string;
  customer_id: string;
  external_id: string;
  sku: string | null;
  rating: number;
  text: string | null;
  submitted_at: Timestamp;
  created_at: Timestamp;
}

export interface ComplaintTable {
  id: string;
  customer_id: string;
  subject: string;
  body: string;
  channel: string;
  status: 'open' | 'answered' | 'resolved';
  opened_at: Timestamp;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface ComplaintEventTable {
  complaint_id: string;
  seq: number;
  customer_id: string;
  kind: 'opened' | 'reply' | 'status';
  author: string | null;
  body: string | null;
  from_status: string | null;
  to_status: string | null;
  at: Timestamp;
}

export interface AtRiskNoticeTable {
  customer_id: string;
  notified_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_key_id: string | null;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  summary: Json<Record<string, unknown>>;
}

export interface DB {
  programme_settings: ProgrammeSettingsTable;
  api_key: ApiKeyTable;
  app_user: AppUserTable;
  admin_session: AdminSessionTable;
  sign_in_failure: SignInFailureTable;
  customer: CustomerTable;
  customer_external_id: CustomerExternalIdTable;
  customer_consent: CustomerConsentTable;
  sales_order: SalesOrderTable;
  order_line: OrderLineTable;
  order_return: OrderReturnTable;
  order_return_line: OrderReturnLineTable;
  ledger_account: LedgerAccountTable;
  ledger_entry: LedgerEntryTable;
  points_lot: PointsLotTable;
  lot_consumption: LotConsumptionTable;
  idempotency_record: IdempotencyRecordTable;
  clv_model_run: ClvModelRunTable;
  customer_analytics: CustomerAnalyticsTable;
  rule: RuleTable;
  expiry_notice: ExpiryNoticeTable;
  segment: SegmentTable;
  at_risk_notice: AtRiskNoticeTable;
  segment_member: SegmentMemberTable;
  rule_version: RuleVersionTable;
  rule_award: RuleAwardTable;
  loyalty_activity: LoyaltyActivityTable;
  tier_definition: TierDefinitionTable;
  member_tier: MemberTierTable;
  tier_policy: TierPolicyTable;
  tier_change: TierChangeTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_message: WebhookMessageTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
  member_card: MemberCardTable;
  app_secret: AppSecretTable;
  referral_settings: ReferralSettingsTable;
  referral_code: ReferralCodeTable;
  referral: ReferralTable;
  reward: RewardTable;
  coupon_batch: CouponBatchTable;
  coupon: CouponTable;
  reward_redemption: RewardRedemptionTable;
  coupon_redemption: CouponRedemptionTable;
  coupon_issue: CouponIssueTable;
  recommendation: RecommendationTable;
  recommendation_popular: RecommendationPopularTable;
  message_template: MessageTemplateTable;
  message_template_version: MessageTemplateVersionTable;
  message: MessageTable;
  messaging_config: MessagingConfigTable;
  campaign: CampaignTable;
  survey: SurveyTable;
  survey_response: SurveyResponseTable;
  survey_answer: SurveyAnswerTable;
  review: ReviewTable;
  complaint: ComplaintTable;
  complaint_event: ComplaintEventTable;
  audit_log: AuditLogTable;
}
