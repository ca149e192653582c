/**
 * The points ledger, double-entry and append-only in the manner of TigerBeetle: every movement is
 * an immutable entry that debits one account and credits another by a positive whole number of
 * points. Corrections are new entries. Pending points (two-phase) sit in the member's pending
 * account until they are posted to the points account or voided.
 */

export const SYSTEM_ACCOUNTS = {
  issued: 'sys:issued',
  redeemed: 'sys:redeemed',
  expired: 'sys:expired',
  adjusted: 'sys:adjusted',
} as const;

export type SystemAccount = (typeof SYSTEM_ACCOUNTS)[keyof typeof SYSTEM_ACCOUNTS];

export const pointsAccountOf = (customerId: string): string => `${customerId}:points`;
export const pendingAccountOf = (customerId: string): string => `${customerId}:pending`;

export const ENTRY_CODES = [
  'earn.order', // issued -> points, posted at once (no return window)
  'earn.order.pending', // issued -> pending, waits for the return window
  'pending.post', // pending -> points, the window passed
  'pending.void', // pending -> issued, a return inside the window
  'reverse.return', // points -> issued, a return after the points were posted
  'redeem', // points -> redeemed
  'expire', // points -> expired, one lot reached its expiry
  'adjust.credit', // adjusted -> points, by a person, with a reason
  'adjust.debit', // points -> adjusted
  'earn.award', // issued -> points, posted at once: a rule's award for an activity, a referral
  'reverse.award', // points -> issued, an award taken back (a referred order was returned)
] as const;

export type EntryCode = (typeof ENTRY_CODES)[number];

export interface LedgerEntry {
  id: string;
  customerId: string;
  debitAccount: string;
  creditAccount: string;
  points: number;
  code: EntryCode;
  idempotencyKey: string;
  orderId: string | null;
  returnId: string | null;
  /** For post and void entries: the pending entry they settle. */
  pendingEntryId: string | null;
  /** For pending entries: when they post if nothing voids them first. */
  releaseAt: Date | null;
  reason: string | null;
  actor: string | null;
  /** When the movement took effect (an expiry takes effect at the lot's expiry instant). */
  effectiveAt: Date;
  createdAt: Date;
}

export type NewLedgerEntry = Omit<LedgerEntry, 'createdAt'>;

/** A lot is one credit to a member's points account, consumed oldest-expiring first. */
export interface LotBalance {
  id: string;
  entryId: string;
  points: number;
  remaining: number;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface NewLot {
  id: string;
  customerId: string;
  entryId: string;
  points: number;
  expiresAt: Date | null;
  createdAt: Date;
}

export interface LotConsumption {
  lotId: string;
  points: number;
}

export interface PendingBalance {
  entryId: string;
  orderId: string | null;
  points: number;
  remaining: number;
  releaseAt: Date;
}

export interface MemberBalances {
  points: number;
  pending: number;
}

export interface PointsSummary {
  customerId: string;
  balance: number;
  pending: number;
  nextPendingRelease: { points: number; releaseAt: Date } | null;
  nextExpiring: { points: number; expiresAt: Date } | null;
  lifetime: {
    earned: number;
    redeemed: number;
    expired: number;
    adjusted: number;
    reversed: number;
  };
}

export interface EntryPage {
  entries: LedgerEntry[];
  nextCursor: string | null;
}

/** Programme-wide balances: system accounts from their entries, members from running totals. */
export interface LedgerTotals {
  systemBalances: Record<SystemAccount, number>;
  memberPoints: number;
  memberPending: number;
}

export interface LedgerRepository {
  /** Creates the member's accounts if needed and locks them until the transaction ends. */
  lockMember(customerId: string): Promise<MemberBalances>;
  /** The customer's entry holding this key (idempotency keys are unique per customer). */
  findEntryByKey(customerId: string, idempotencyKey: string): Promise<LedgerEntry | null>;
  /** Appends an entry and moves the member account balances it touches. */
  appendEntry(entry: NewLedgerEntry): Promise<void>;
  appendLot(lot: NewLot): Promise<void>;
  appendConsumptions(customerId: string, entryId: string, rows: LotConsumption[]): Promise<void>;
  openLots(customerId: string): Promise<LotBalance[]>;
  openPendings(customerId: string): Promise<PendingBalance[]>;
  listEntries(customerId: string, limit: number, cursor: string | null): Promise<EntryPage>;
  lifetimeTotals(customerId: string): Promise<Record<EntryCode, number>>;
  totals(): Promise<LedgerTotals>;
  /** Customers with a pending release or a lot expiry due at or before `now`. */
  customersDueForSettlement(now: Date, limit: number): Promise<string[]>;
}
