import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDaysToDate,
  addPeriods,
  averageMinor,
  checkedPeriods,
  filterFromQuery,
  GRANULARITIES,
  localDate,
  parseSegmentRef,
  percent,
  periodStartOf,
  periodsBetween,
  periodsCovering,
  RetentionQuerySchema,
} from './periods.js';

const dates = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

describe('calendar periods', () => {
  it('weeks start on Monday (ISO), months and quarters on their first day', () => {
    expect(periodStartOf('week', '2026-04-01')).toBe('2026-03-30'); // a Wednesday
    expect(periodStartOf('week', '2026-03-30')).toBe('2026-03-30'); // a Monday
    expect(periodStartOf('week', '2026-04-05')).toBe('2026-03-30'); // a Sunday
    expect(periodStartOf('week', '2027-01-01')).toBe('2026-12-28'); // across the year
    expect(periodStartOf('month', '2024-02-29')).toBe('2024-02-01');
    expect(periodStartOf('quarter', '2026-06-30')).toBe('2026-04-01');
    expect(periodStartOf('quarter', '2026-12-31')).toBe('2026-10-01');
  });

  it('covers every period overlapping [from, to]', () => {
    expect(periodsCovering('month', '2026-01-31', '2026-03-01')).toEqual([
      { start: '2026-01-01', end: '2026-02-01' },
      { start: '2026-02-01', end: '2026-03-01' },
      { start: '2026-03-01', end: '2026-04-01' },
    ]);
    expect(periodsCovering('quarter', '2025-12-31', '2026-01-01')).toEqual([
      { start: '2025-10-01', end: '2026-01-01' },
      { start: '2026-01-01', end: '2026-04-01' },
    ]);
    expect(periodsCovering('week', '2026-03-29', '2026-03-30')).toEqual([
      { start: '2026-03-23', end: '2026-03-30' },
      { start: '2026-03-30', end: '2026-04-06' },
    ]);
  });

  it('periods are consecutive and each date lies in exactly the period that starts it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GRANULARITIES), dates, fc.nat(400), (g, from, span) => {
        const to = addDaysToDate(from, span);
        const periods = periodsCovering(g, from, to);
        expect(periods[0]!.start <= from && from < periods[0]!.end).toBe(true);
        const last = periods.at(-1)!;
        expect(last.start <= to && to < last.end).toBe(true);
        for (let i = 1; i < periods.length; i += 1) {
          expect(periods[i]!.start).toBe(periods[i - 1]!.end);
        }
        const start = periodStartOf(g, to);
        expect(periodStartOf(g, start)).toBe(start);
        expect(addPeriods(g, periods[0]!.start, periodsBetween(g, periods[0]!.start, start))).toBe(
          start,
        );
      }),
    );
  });

  it('refuses a backwards range and more than 520 periods', () => {
    expect(() => checkedPeriods('month', '2026-02-01', '2026-01-31')).toThrow(
      expect.objectContaining({
        code: 'invalid_range',
        issues: [expect.objectContaining({ path: 'from' })],
      }),
    );
    expect(checkedPeriods('week', '2016-01-04', '2025-12-21')).toHaveLength(520); // 3640 days
    expect(() => checkedPeriods('week', '2016-01-04', '2025-12-22')).toThrow(
      expect.objectContaining({ code: 'range_too_long' }),
    );
    expect(checkedPeriods('month', '1990-01-01', '2026-01-01')).toHaveLength(433);
  });

  it('reads the local date in the programme time zone', () => {
    expect(localDate(new Date('2026-03-31T23:30:00Z'), 'Europe/London')).toBe('2026-04-01');
    expect(localDate(new Date('2026-01-31T23:30:00Z'), 'Europe/London')).toBe('2026-01-31');
    expect(localDate(new Date('2026-01-01T03:00:00Z'), 'America/New_York')).toBe('2025-12-31');
  });
});

describe('query and filter', () => {
  it('defaults to months and no fixed active window (it is derived), coercing query strings', () => {
    const parsed = RetentionQuerySchema.parse({ from: '2026-01-01', to: '2026-01-31' });
    expect(parsed.granularity).toBe('month');
    expect(parsed.activeDays).toBeUndefined();
    expect(
      RetentionQuerySchema.parse({ from: '2026-01-01', to: '2026-01-31', activeDays: '30' })
        .activeDays,
    ).toBe(30);
  });

  it('turns rfm:/lifecycle:/segment: references into segment filters and refuses others', () => {
    expect(parseSegmentRef('rfm:champions')).toEqual({ kind: 'rfm', name: 'champions' });
    expect(parseSegmentRef('lifecycle:at_risk')).toEqual({ kind: 'lifecycle', stage: 'at_risk' });
    expect(parseSegmentRef('segment:big-spenders')).toEqual({
      kind: 'segment',
      key: 'big-spenders',
    });
    expect(parseSegmentRef('segment:Not A Key')).toBeNull();
    const parse = (segment: string) =>
      RetentionQuerySchema.safeParse({ from: '2026-01-01', to: '2026-01-02', segment }).success;
    expect(parse('rfm:champions')).toBe(true);
    expect(parse('rfm:vip')).toBe(false);
    expect(parse('lifecycle:lapsed')).toBe(true);
    expect(parse('champions')).toBe(false);
    expect(parse('segment:vip-2026')).toBe(true);
    expect(parse('segment:')).toBe(false);
    expect(filterFromQuery({ channel: 'pos', store: 's1', segment: 'lifecycle:new' })).toEqual({
      channel: 'pos',
      storeId: 's1',
      segment: { kind: 'lifecycle', stage: 'new' },
    });
  });
});

describe('arithmetic', () => {
  it('percent and averages are null without a denominator', () => {
    expect(percent(1, 0)).toBeNull();
    expect(percent(0, 4)).toBe(0);
    expect(averageMinor(10, 0)).toBeNull();
  });

  it('average order value rounds half away from zero to whole minor units', () => {
    expect(averageMinor(5, 2)).toBe(3); // 2.5 → 3
    expect(averageMinor(7, 4)).toBe(2); // 1.75 → 2
    expect(averageMinor(-5, 2)).toBe(-3); // −2.5 → −3
    expect(averageMinor(0, 3)).toBe(0);
    expect(averageMinor(10, 3)).toBe(3);
  });
});
