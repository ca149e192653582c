import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from './column-types.js';

/** Computed per-customer metrics (RFM, lifecycle, CLV) and the CLV model runs behind them. */
export interface AnalyticsTables {
  clv_model_run: ClvModelRunTable;
  customer_analytics: CustomerAnalyticsTable;
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
