import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp } from './column-types.js';

/** Referral settings, each member's code, and the referrals made with them. */
export interface ReferralsTables {
  referral_settings: ReferralSettingsTable;
  referral_code: ReferralCodeTable;
  referral_code_owner: ReferralCodeOwnerTable;
  referral: ReferralTable;
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

/** Who holds a code: the code's uniqueness across all members (a lookup table by code). */
export interface ReferralCodeOwnerTable {
  code: string;
  customer_id: string;
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
