import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LotBalance } from './ledger.js';
import { dueSettlements, planConsumption } from './ledger.plan.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

const lotArb = fc.record({
  id: fc.uuid(),
  entryId: fc.uuid(),
  points: fc.integer({ min: 1, max: 1000 }),
  expiresInDays: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
  createdDay: fc.integer({ min: 0, max: 400 }),
  spent: fc.integer({ min: 0, max: 1000 }),
});

type RawLot = typeof lotArb extends fc.Arbitrary<infer T> ? T : never;

const toLots = (raw: RawLot[]): LotBalance[] =>
  raw.map((r) => ({
    id: r.id,
    entryId: r.entryId,
    points: r.points,
    remaining: r.points - Math.min(r.spent, r.points - 1),
    expiresAt: r.expiresInDays === null ? null : day(r.createdDay + r.expiresInDays),
    createdAt: day(r.createdDay),
  }));

describe('planConsumption', () => {
  it('takes exactly the amount, never more than a lot holds, or refuses', () => {
    fc.assert(
      fc.property(
        fc.array(lotArb, { maxLength: 12 }),
        fc.integer({ min: 1, max: 20_000 }),
        (raw, amount) => {
          const lots = toLots(raw);
          const available = lots.reduce((s, l) => s + l.remaining, 0);
          const plan = planConsumption(lots, amount);
          if (amount > available) {
            expect(plan).toBeNull();
            return;
          }
          expect(plan).not.toBeNull();
          expect(plan!.reduce((s, p) => s + p.points, 0)).toBe(amount);
          for (const step of plan!) {
            const lot = lots.find((l) => l.id === step.lotId)!;
            expect(step.points).toBeGreaterThan(0);
            expect(step.points).toBeLessThanOrEqual(lot.remaining);
          }
        },
      ),
    );
  });

  it('drains the soonest-expiring lots first, never-expiring last', () => {
    fc.assert(
      fc.property(
        fc.array(lotArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 5000 }),
        (raw, amount) => {
          const lots = toLots(raw);
          const plan = planConsumption(lots, amount);
          if (!plan) return;
          // Every lot that expires strictly before a lot we touched must be drained completely.
          const touched = plan.map((p) => lots.find((l) => l.id === p.lotId)!);
          const key = (l: LotBalance) => l.expiresAt?.getTime() ?? Infinity;
          const latestTouched = Math.max(...touched.map(key));
          for (const lot of lots) {
            if (key(lot) < latestTouched) {
              const taken = plan
                .filter((p) => p.lotId === lot.id)
                .reduce((s, p) => s + p.points, 0);
              expect(taken).toBe(lot.remaining);
            }
          }
        },
      ),
    );
  });

  it('takes preferred lots before older ones', () => {
    const lots: LotBalance[] = [
      {
        id: 'old',
        entryId: 'e1',
        points: 50,
        remaining: 50,
        expiresAt: day(10),
        createdAt: day(0),
      },
      {
        id: 'mine',
        entryId: 'e2',
        points: 30,
        remaining: 30,
        expiresAt: day(100),
        createdAt: day(5),
      },
    ];
    expect(planConsumption(lots, 40, new Set(['mine']))).toEqual([
      { lotId: 'mine', points: 30 },
      { lotId: 'old', points: 10 },
    ]);
  });
});

describe('dueSettlements', () => {
  const pending = (id: string, releaseDay: number, remaining = 10) => ({
    entryId: id,
    orderId: `o-${id}`,
    points: remaining,
    remaining,
    releaseAt: day(releaseDay),
  });
  const lot = (id: string, expiresDay: number | null, remaining = 10): LotBalance => ({
    id,
    entryId: id,
    points: remaining,
    remaining,
    expiresAt: expiresDay === null ? null : day(expiresDay),
    createdAt: day(0),
  });

  it('is due exactly at the instant, not a millisecond before', () => {
    const before = new Date(day(14).getTime() - 1);
    expect(dueSettlements([pending('p', 14)], [], before)).toEqual([]);
    expect(dueSettlements([pending('p', 14)], [], day(14))).toHaveLength(1);
    expect(dueSettlements([], [lot('l', 365)], before)).toEqual([]);
    expect(dueSettlements([], [lot('l', 365)], day(365))).toHaveLength(1);
  });

  it('orders settlements by the time they fell due and ignores spent or undated items', () => {
    const due = dueSettlements(
      [pending('late', 30), pending('early', 3), pending('spent', 1, 0)],
      [lot('mid', 10), lot('never', null), lot('empty', 2, 0)],
      day(100),
    );
    expect(due.map((d) => (d.kind === 'post' ? d.pending.entryId : d.lotId))).toEqual([
      'early',
      'mid',
      'late',
    ]);
  });
});
