import type { Timestamp, NullableTimestamp } from './column-types.js';

/** Member cards, and the secrets that sign their tokens. */
export interface CardsTables {
  member_card: MemberCardTable;
  app_secret: AppSecretTable;
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
