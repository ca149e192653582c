import type { GeneratedAlways } from 'kysely';
import type { Timestamp, Json } from './column-types.js';

/** Earning rules with their versions, the awards they made, and the activities they react to. */
export interface RulesTables {
  rule: RuleTable;
  rule_version: RuleVersionTable;
  rule_award: RuleAwardTable;
  loyalty_activity: LoyaltyActivityTable;
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
  seq: GeneratedAlways<number>;
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
