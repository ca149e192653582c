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

export interface DB {
  programme_settings: ProgrammeSettingsTable;
  api_key: ApiKeyTable;
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
  rule_version: RuleVersionTable;
  rule_award: RuleAwardTable;
  loyalty_activity: LoyaltyActivityTable;
  tier_definition: TierDefinitionTable;
  member_tier: MemberTierTable;
}
