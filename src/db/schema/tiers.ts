import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { Timestamp, NullableTimestamp, Json } from './column-types.js';

/** VIP tiers, the policy that assigns them, and each member's tier and its history. */
export interface TiersTables {
  tier_definition: TierDefinitionTable;
  member_tier: MemberTierTable;
  tier_policy: TierPolicyTable;
  tier_change: TierChangeTable;
}

export interface TierDefinitionTable {
  code: string;
  name: string;
  rank: number;
  threshold: number;
  earn_multiplier_percent: Generated<number>;
  benefits: Json<unknown>;
  translations: ColumnType<unknown, string | undefined, string>;
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
  seq: GeneratedAlways<number>;
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
