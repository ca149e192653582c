import { describe, expect, it } from 'vitest';
import { cohortMatrix, observedUntilOf, type CohortData } from './cohorts.js';
import { periodsCovering } from './periods.js';

describe('observation horizon', () => {
  it('ends the day after the newest order, or tomorrow if that is sooner', () => {
    expect(observedUntilOf('2026-06-10', '2026-05-20')).toBe('2026-05-21');
    expect(observedUntilOf('2026-06-10', '2026-06-30')).toBe('2026-06-11');
    expect(observedUntilOf('2026-06-10', null)).toBeNull();
  });
});

describe('cohort matrix', () => {
  const cohorts = periodsCovering('week', '2026-01-05', '2026-01-25'); // three ISO weeks
  const data: CohortData = {
    sizes: [
      { cohortStart: '2026-01-05', customers: 4 },
      { cohortStart: '2026-01-19', customers: 2 },
    ],
    activity: [
      { cohortStart: '2026-01-05', periodStart: '2026-01-05', customers: 4, revenueMinor: 400 },
      { cohortStart: '2026-01-05', periodStart: '2026-01-19', customers: 1, revenueMinor: 50 },
      { cohortStart: '2026-01-19', periodStart: '2026-01-19', customers: 2, revenueMinor: 90 },
    ],
    lastOrderDay: '2026-01-21',
  };

  it('fills unobserved cells with null, observed empty ones with 0, and flags partial periods', () => {
    // Observed until Thursday 22 January: week 3 (19–25 Jan) is partial, week 4 not observed.
    const m = cohortMatrix('week', cohorts, data, '2026-01-22');
    expect(m.offsets).toBe(3);
    expect(m.cohorts.map((c) => c.cells.map((x) => x.customers))).toEqual([
      [4, 0, 1],
      [0, 0, null],
      [2, null, null],
    ]);
    expect(m.cohorts[0]!.cells.map((x) => x.retentionPct)).toEqual([100, 0, 25]);
    expect(m.cohorts[0]!.cells.map((x) => x.partial)).toEqual([false, false, true]);
    expect(m.cohorts[1]!.cells[0]).toMatchObject({ customers: 0, retentionPct: null }); // n = 0
    expect(m.curves[0]!.points.map((p) => p.retentionPct)).toEqual([100, 0, 25]);
    expect(m.curves[1]!.points).toEqual([]);
    // Average over fully observed cells of non-empty cohorts: k0 = 4 / 4 (week 3 is partial).
    expect(m.average).toEqual([
      { offset: 0, retentionPct: 100, cohorts: 1, customers: 4 },
      { offset: 1, retentionPct: 0, cohorts: 1, customers: 4 },
      { offset: 2, retentionPct: null, cohorts: 0, customers: 0 },
    ]);
  });

  it('maxOffsets cuts the columns; no data leaves one column of nulls', () => {
    expect(cohortMatrix('week', cohorts, data, '2026-01-22', 1).offsets).toBe(2);
    const none = cohortMatrix(
      'week',
      cohorts,
      { sizes: [], activity: [], lastOrderDay: null },
      null,
    );
    expect(none.offsets).toBe(1);
    expect(none.cohorts.map((c) => c.cells.map((x) => x.customers))).toEqual([
      [null],
      [null],
      [null],
    ]);
  });
});
