import type { Generated } from 'kysely';
import type { Json, NullableTimestamp, Timestamp } from './column-types.js';

/** Experiments and the customers exposed to them (once each, with their arm). */
export interface ExperimentsTables {
  experiment: ExperimentTable;
  experiment_exposure: ExperimentExposureTable;
}

export interface ExperimentTable {
  id: string;
  key: string;
  name: string;
  hypothesis: string;
  status: 'draft' | 'running' | 'stopped';
  salt: string;
  population: Json<unknown>;
  variants: Json<unknown>;
  targets: Json<unknown>;
  metrics: Json<unknown>;
  orthogonal: Generated<boolean>;
  planned_start_at: NullableTimestamp;
  planned_end_at: NullableTimestamp;
  started_at: NullableTimestamp;
  stopped_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExperimentExposureTable {
  experiment_id: string;
  customer_id: string;
  variant: string;
  exposed_at: Timestamp;
  source: 'start' | 'entry' | 'rule' | 'message' | 'offer';
  /** The customer's RFM segment and lifecycle stage when exposed (customer_analytics then). */
  rfm_segment: Generated<string | null>;
  lifecycle_stage: Generated<string | null>;
}
