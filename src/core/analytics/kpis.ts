import type { z } from 'zod';
import type { EntryCode } from '../ledger/ledger.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import { addDaysToDate, DateWindowQuerySchema } from '../shared/calendar-date.js';
import type { Clock } from '../shared/clock.js';
import { localDay } from '../shared/zoned-time.js';
import { roundedPercent } from './lifecycle.js';
import type { AnalyticsScope } from './rfm.js';

/**
 * Programme KPIs for a window of calendar days [from, to] in the programme time zone. The
 * database counts and sums (src/db/analytics/kpis.queries.ts); the formulas are here.
 */

export const DEFAULT_KPI_WINDOW_DAYS = 30;

/** `?from=2026-06-01&to=2026-06-30`; both optional (default: the last 30 days up to today). */
export const KpiWindowQuerySchema = DateWindowQuerySchema;

export type KpiWindowInput = z.infer<typeof KpiWindowQuerySchema>;

/** The window asked for, with defaults: `to` = today (or `from` if later), `from` = `to` − 29 days. */
export const kpiWindow = (
  input: KpiWindowInput,
  now: Date,
  timeZone: string,
): { from: string; to: string } => {
  const today = localDay(now, timeZone);
  const to = input.to ?? (input.from !== undefined && input.from > today ? input.from : today);
  return { from: input.from ?? addDaysToDate(to, 1 - DEFAULT_KPI_WINDOW_DAYS), to };
};

export interface KpiQuery {
  from: string;
  to: string;
  scope: AnalyticsScope;
}

/** Sums of ledger entries of one code by when they took effect (effective_at). */
export interface CodeMovements {
  inWindow: number;
  afterEnd: number;
}

/** What the database counts for the KPIs, in one snapshot. */
export interface KpiFacts {
  /** Local midnight starting `from`; local midnight after `to` (exclusive end). */
  windowStart: Date;
  windowEnd: Date;
  membersAtStart: number;
  membersAtEnd: number;
  buyers: number;
  activeMembers: number;
  movements: Partial<Record<EntryCode, CodeMovements>>;
  /**
   * Issued points attributed to the order they were earned for, by its placed_at in the window
   * (awards without an order by their effective_at): the total, and the part still pending now.
   */
  issuedByOrderDate: { points: number; pendingNow: number };
  /** Member balances now (running totals of the member accounts). */
  pointsNow: number;
  pendingNow: number;
}

export interface KpiSource {
  kpiFacts(query: KpiQuery): Promise<KpiFacts>;
}

/** How each entry code moves a member's points and pending balances (credit +, debit −). */
export const MEMBER_EFFECT: Record<EntryCode, { points: number; pending: number }> = {
  'earn.order': { points: 1, pending: 0 },
  'earn.order.pending': { points: 0, pending: 1 },
  'pending.post': { points: 1, pending: -1 },
  'pending.void': { points: 0, pending: -1 },
  'reverse.return': { points: -1, pending: 0 },
  redeem: { points: -1, pending: 0 },
  expire: { points: -1, pending: 0 },
  'adjust.credit': { points: 1, pending: 0 },
  'adjust.debit': { points: -1, pending: 0 },
  'earn.award': { points: 1, pending: 0 },
  'reverse.award': { points: -1, pending: 0 },
};

/**
 * Issued: the points the programme gave for orders and awards (pending or posted at once). Counted
 * by ledger date, each once, on the day its entry took effect: a live order's pending earn when it
 * was recorded, an order recorded after its return window (imports) when that window ended.
 */
export const ISSUED_CODES: readonly EntryCode[] = [
  'earn.order',
  'earn.order.pending',
  'earn.award',
];
/** Taken back for returns and reversed awards: voided while pending, or from the balance. */
export const REVERSED_CODES: readonly EntryCode[] = [
  'pending.void',
  'reverse.return',
  'reverse.award',
];

export interface ProgrammeKpis {
  from: string;
  to: string;
  timeZone: string;
  currency: string;
  windowStart: Date;
  windowEnd: Date;
  members: number;
  membersAtStart: number;
  newMembers: number;
  enrolmentRatePercent: number | null;
  buyers: number;
  activeMembers: number;
  points: {
    issued: IssuedPoints;
    reversedByReturns: number;
    netIssued: number;
    redeemed: number;
    expired: number;
    adjustedCredit: number;
    adjustedDebit: number;
    redemptionRatePercent: number | null;
    breakagePercent: number | null;
  };
  balances: {
    /** The window end, or now when the window ends later. */
    at: Date;
    outstandingPoints: number;
    outstandingValueMinor: number;
    pendingPoints: number;
    pendingValueMinor: number;
    pointValueMilliMinor: number;
  };
}

/** The same issued points dated two ways; the rates and `netIssued` use `byLedgerDate`. */
export interface IssuedPoints {
  /** Earn entries by when they took effect in the ledger (ISSUED_CODES by effective_at). */
  byLedgerDate: number;
  /** Earn entries of orders placed in the window (programme zone), pending ones included. */
  byOrderDate: number;
  /** Of `byOrderDate`, the points still pending now: return window open, not yet posted. */
  byOrderDatePending: number;
}

/** Minor units of money for points at a value in thousandths of a minor unit, floored. */
export const pointsValueMinor = (points: number, milliMinor: number): number =>
  Number((BigInt(points) * BigInt(milliMinor)) / 1000n);

const sumOf = (facts: KpiFacts, codes: readonly EntryCode[], part: keyof CodeMovements) =>
  codes.reduce((sum, code) => sum + (facts.movements[code]?.[part] ?? 0), 0);

/** Balances at the window end: the balances now less whatever moved at or after the end. */
export const balancesAtEnd = (facts: KpiFacts): { points: number; pending: number } => {
  let points = facts.pointsNow;
  let pending = facts.pendingNow;
  for (const code of Object.keys(MEMBER_EFFECT) as EntryCode[]) {
    const effect = MEMBER_EFFECT[code];
    const after = facts.movements[code]?.afterEnd ?? 0;
    points -= effect.points * after;
    pending -= effect.pending * after;
  }
  return { points, pending };
};

export const computeKpis = (
  facts: KpiFacts,
  window: { from: string; to: string },
  programme: Pick<ProgrammeSettings, 'currency' | 'timeZone' | 'pointValueMilliMinor'>,
  now: Date,
): ProgrammeKpis => {
  const issued = sumOf(facts, ISSUED_CODES, 'inWindow');
  const reversed = sumOf(facts, REVERSED_CODES, 'inWindow');
  const redeemed = sumOf(facts, ['redeem'], 'inWindow');
  const expired = sumOf(facts, ['expire'], 'inWindow');
  const end = balancesAtEnd(facts);
  const value = (p: number) => pointsValueMinor(p, programme.pointValueMilliMinor);
  return {
    ...window,
    timeZone: programme.timeZone,
    currency: programme.currency,
    windowStart: facts.windowStart,
    windowEnd: facts.windowEnd,
    members: facts.membersAtEnd,
    membersAtStart: facts.membersAtStart,
    newMembers: facts.membersAtEnd - facts.membersAtStart,
    enrolmentRatePercent: roundedPercent(
      facts.membersAtEnd - facts.membersAtStart,
      facts.membersAtStart,
    ),
    buyers: facts.buyers,
    activeMembers: facts.activeMembers,
    points: {
      issued: {
        byLedgerDate: issued,
        byOrderDate: facts.issuedByOrderDate.points,
        byOrderDatePending: facts.issuedByOrderDate.pendingNow,
      },
      reversedByReturns: reversed,
      netIssued: issued - reversed,
      redeemed,
      expired,
      adjustedCredit: sumOf(facts, ['adjust.credit'], 'inWindow'),
      adjustedDebit: sumOf(facts, ['adjust.debit'], 'inWindow'),
      redemptionRatePercent: roundedPercent(redeemed, issued),
      breakagePercent: roundedPercent(expired, issued),
    },
    balances: {
      at: facts.windowEnd.getTime() < now.getTime() ? facts.windowEnd : now,
      outstandingPoints: end.points,
      outstandingValueMinor: value(end.points),
      pendingPoints: end.pending,
      pendingValueMinor: value(end.pending),
      pointValueMilliMinor: programme.pointValueMilliMinor,
    },
  };
};

/** The KPIs of a window (defaults: the last 30 days up to today in the programme zone). */
export const programmeKpis = async (
  deps: {
    kpis: KpiSource;
    clock: Clock;
    programme: Pick<ProgrammeSettings, 'currency' | 'timeZone' | 'pointValueMilliMinor'>;
  },
  input: KpiWindowInput,
): Promise<ProgrammeKpis> => {
  const now = deps.clock.now();
  const window = kpiWindow(input, now, deps.programme.timeZone);
  const scope = { currency: deps.programme.currency, timeZone: deps.programme.timeZone };
  const facts = await deps.kpis.kpiFacts({ ...window, scope });
  return computeKpis(facts, window, deps.programme, now);
};
