import { addDaysToDate } from '../shared/calendar-date.js';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../shared/clock.js';
import {
  KpiWindowQuerySchema,
  balancesAtEnd,
  computeKpis,
  kpiWindow,
  pointsValueMinor,
  programmeKpis,
  type KpiFacts,
  type KpiQuery,
} from './kpis.js';

const facts = (over: Partial<KpiFacts> = {}): KpiFacts => ({
  windowStart: new Date('2026-03-01T00:00:00Z'),
  windowEnd: new Date('2026-03-31T23:00:00Z'),
  membersAtStart: 10,
  membersAtEnd: 12,
  buyers: 4,
  activeMembers: 5,
  movements: {},
  pointsNow: 0,
  pendingNow: 0,
  issuedByOrderDate: { points: 0, pendingNow: 0 },
  ...over,
});

const programme = { currency: 'GBP', timeZone: 'Europe/London', pointValueMilliMinor: 1500 };
const window = { from: '2026-03-01', to: '2026-03-31' };
const LATER = new Date('2026-05-01T12:00:00Z');

describe('computeKpis', () => {
  it('counts issued once (pending or posted at once), never again when pending posts', () => {
    const k = computeKpis(
      facts({
        movements: {
          'earn.order.pending': { inWindow: 100, afterEnd: 0 },
          'earn.order': { inWindow: 50, afterEnd: 0 },
          'pending.post': { inWindow: 100, afterEnd: 0 },
          'pending.void': { inWindow: 10, afterEnd: 0 },
          'reverse.return': { inWindow: 5, afterEnd: 0 },
          redeem: { inWindow: 30, afterEnd: 0 },
          expire: { inWindow: 15, afterEnd: 0 },
          'adjust.credit': { inWindow: 7, afterEnd: 0 },
          'adjust.debit': { inWindow: 2, afterEnd: 0 },
        },
      }),
      window,
      programme,
      LATER,
    );
    expect(k.points).toEqual({
      issued: { byLedgerDate: 150, byOrderDate: 0, byOrderDatePending: 0 },
      reversedByReturns: 15,
      netIssued: 135,
      redeemed: 30,
      expired: 15,
      adjustedCredit: 7,
      adjustedDebit: 2,
      redemptionRatePercent: 20,
      breakagePercent: 10,
    });
    expect(k).toMatchObject({
      members: 12,
      membersAtStart: 10,
      newMembers: 2,
      enrolmentRatePercent: 20,
    });
  });

  it('has no rates when nothing was issued or nobody was a member', () => {
    const k = computeKpis(facts({ membersAtStart: 0 }), window, programme, LATER);
    expect(k.enrolmentRatePercent).toBeNull();
    expect(k.points.redemptionRatePercent).toBeNull();
    expect(k.points.breakagePercent).toBeNull();
  });

  it('takes the balances at the end from the balances now less what moved since', () => {
    const f = facts({
      pointsNow: 40,
      pendingNow: 5,
      movements: {
        'earn.order.pending': { inWindow: 0, afterEnd: 20 }, // +20 pending since
        'pending.post': { inWindow: 0, afterEnd: 15 }, // pending → points since
        redeem: { inWindow: 0, afterEnd: 60 }, // −60 points since
        expire: { inWindow: 0, afterEnd: 10 },
      },
    });
    // points: 40 − 15 + 60 + 10 = 95; pending: 5 − 20 + 15 = 0.
    expect(balancesAtEnd(f)).toEqual({ points: 95, pending: 0 });
    const k = computeKpis(f, window, programme, LATER);
    expect(k.balances).toEqual({
      at: f.windowEnd,
      outstandingPoints: 95,
      outstandingValueMinor: 142, // 95 × 1.5 = 142.5, floored
      pendingPoints: 0,
      pendingValueMinor: 0,
      pointValueMilliMinor: 1500,
    });
  });

  it('reports balances as of now when the window ends later', () => {
    const now = new Date('2026-03-15T09:00:00Z');
    expect(computeKpis(facts(), window, programme, now).balances.at).toEqual(now);
  });

  it('values points exactly in integers', () => {
    expect(pointsValueMinor(3, 333)).toBe(0);
    expect(pointsValueMinor(9_000_000_000_000, 1000)).toBe(9_000_000_000_000);
  });
});

describe('windows', () => {
  it('default to the last 30 days up to today in the programme zone', () => {
    // 23:30 UTC on 30 June is already 1 July in London.
    const now = new Date('2026-06-30T23:30:00Z');
    expect(kpiWindow({}, now, 'Europe/London')).toEqual({ from: '2026-06-02', to: '2026-07-01' });
    expect(kpiWindow({ to: '2026-03-31' }, now, 'UTC')).toEqual({
      from: '2026-03-02',
      to: '2026-03-31',
    });
    expect(kpiWindow({ from: '2026-06-20' }, now, 'UTC')).toEqual({
      from: '2026-06-20',
      to: '2026-06-30',
    });
    expect(kpiWindow({ from: '2026-08-01' }, now, 'UTC')).toEqual({
      from: '2026-08-01',
      to: '2026-08-01',
    });
  });

  it('adds calendar days across months and leap days', () => {
    expect(addDaysToDate('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDaysToDate('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('refuses impossible dates and a window that ends before it starts', () => {
    expect(KpiWindowQuerySchema.safeParse({ from: '2026-02-30' }).success).toBe(false);
    const backwards = KpiWindowQuerySchema.safeParse({ from: '2026-03-02', to: '2026-03-01' });
    expect(backwards.error?.issues.map((i) => i.path.join('.'))).toEqual(['to']);
    expect(KpiWindowQuerySchema.parse({ from: '2026-03-01', to: '2026-03-01' })).toBeTruthy();
  });

  it('asks the source for the resolved window in the programme scope', async () => {
    const asked: KpiQuery[] = [];
    const k = await programmeKpis(
      {
        clock: manualClock(LATER),
        programme,
        kpis: {
          kpiFacts: async (q) => {
            asked.push(q);
            return facts();
          },
        },
      },
      { to: '2026-03-31' },
    );
    expect(asked).toEqual([
      {
        from: '2026-03-02',
        to: '2026-03-31',
        scope: { currency: 'GBP', timeZone: 'Europe/London' },
      },
    ]);
    expect(k.from).toBe('2026-03-02');
  });
});
