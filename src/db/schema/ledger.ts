import type { Generated } from 'kysely';
import type { Timestamp, NullableTimestamp, GeneratedTimestamp } from './column-types.js';

/** The double-entry points ledger: accounts, entries, and the lots that expire oldest first. */
export interface LedgerTables {
  ledger_account: LedgerAccountTable;
  ledger_system_account: LedgerSystemAccountTable;
  ledger_entry: LedgerEntryTable;
  points_lot: PointsLotTable;
  lot_consumption: LotConsumptionTable;
}

/** A member's two accounts, with running totals (a customer table: keyed by customer first). */
export interface LedgerAccountTable {
  id: string;
  customer_id: string;
  kind: 'member_points' | 'member_pending';
  debits_posted: Generated<number>;
  credits_posted: Generated<number>;
  created_at: GeneratedTimestamp;
}

/** The programme's own accounts (issued, redeemed, expired, adjusted): no running totals. */
export interface LedgerSystemAccountTable {
  id: string;
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
