import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, GeneratedTimestamp } from './column-types.js';

/** The double-entry points ledger: accounts, entries, and the lots that expire oldest first. */
export interface LedgerTables {
  ledger_account: LedgerAccountTable;
  ledger_entry: LedgerEntryTable;
  points_lot: PointsLotTable;
  lot_consumption: LotConsumptionTable;
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
