import { describe, expect, it } from 'vitest';
import { addLocalDays, startOfLocalDay } from './zoned-time.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `YYYY-MM-DD` in the zone, by a formatter the code under test does not use. */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const dateIn = (at: number, timeZone: string): string => {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter.format(at);
};

/**
 * The oracle: the first whole minute whose local date is `day`, by bisection between 14 hours
 * before and 12 hours after UTC midnight (the widest offsets in use). Every clock change of 2026
 * falls on a whole minute, so the minute found is the exact instant.
 */
const firstMinuteOf = (day: string, timeZone: string): number => {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  let lo = (utcMidnight - 14 * HOUR) / MINUTE - 1; // still the day before
  let hi = (utcMidnight + 12 * HOUR) / MINUTE; // already the day
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dateIn(mid * MINUTE, timeZone) >= day) hi = mid;
    else lo = mid;
  }
  return hi * MINUTE;
};

const daysOf2026 = Array.from({ length: 365 }, (_, i) =>
  new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
);

const start = (day: string, timeZone: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return startOfLocalDay(y, m, d, timeZone).toISOString();
};

describe('startOfLocalDay', () => {
  it('is the first instant of the local date, for every IANA zone and every day of 2026', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(400);
    const wrong: string[] = [];
    for (const zone of zones) {
      for (const day of daysOf2026) {
        const expected = new Date(firstMinuteOf(day, zone)).toISOString();
        const actual = start(day, zone);
        if (actual !== expected) wrong.push(`${zone} ${day}: ${actual}, not ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 60_000);

  it('starts the day when the clocks jump over midnight', () => {
    // Santiago, 6 Sep 2026: 23:59:59 −04 is followed by 01:00 −03; 01:00 −03 is 04:00Z.
    expect(start('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    // Havana, 8 Mar 2026: 23:59:59 −05 then 01:00 −04 = 05:00Z.
    expect(start('2026-03-08', 'America/Havana')).toBe('2026-03-08T05:00:00.000Z');
    // Azores, 29 Mar 2026: 23:59:59 −01 then 01:00 +00 = 01:00Z.
    expect(start('2026-03-29', 'Atlantic/Azores')).toBe('2026-03-29T01:00:00.000Z');
    // Beirut, 29 Mar 2026 and Cairo, 24 Apr 2026: midnight +02 jumps to 01:00 +03 = 22:00Z before.
    expect(start('2026-03-29', 'Asia/Beirut')).toBe('2026-03-28T22:00:00.000Z');
    expect(start('2026-04-24', 'Africa/Cairo')).toBe('2026-04-23T22:00:00.000Z');
    // The day before each is a whole 24 hours shorter by one: Santiago's 5 Sep starts at 04:00Z.
    expect(start('2026-09-05', 'America/Santiago')).toBe('2026-09-05T04:00:00.000Z');
  });

  it('takes the first of two midnights when the clocks go back to 00:00', () => {
    // Havana, 1 Nov 2026: 00:59:59 −04 goes back to 00:00 −05; the day began at 00:00 −04 = 04:00Z.
    expect(start('2026-11-01', 'America/Havana')).toBe('2026-11-01T04:00:00.000Z');
    // Azores, 25 Oct 2026: 00:59:59 +00 back to 00:00 −01; first midnight is 00:00Z.
    expect(start('2026-10-25', 'Atlantic/Azores')).toBe('2026-10-25T00:00:00.000Z');
  });

  it('keeps midnight where the jump ends at midnight or happens later in the night', () => {
    // Nuuk, 29 Mar 2026: 22:59:59 −02 jumps to 00:00 −01, so midnight exists: 01:00Z.
    expect(start('2026-03-29', 'America/Nuuk')).toBe('2026-03-29T01:00:00.000Z');
    // Santiago, 5 Apr 2026: 23:59:59 −03 goes back to 23:00 −04 on the 4th; the 5th starts 04:00Z.
    expect(start('2026-04-05', 'America/Santiago')).toBe('2026-04-05T04:00:00.000Z');
    expect(start('2026-03-29', 'Europe/London')).toBe('2026-03-29T00:00:00.000Z');
    // Day numbers overflow into the next month and year.
    expect(startOfLocalDay(2026, 12, 32, 'Asia/Tokyo').toISOString()).toBe(
      '2026-12-31T15:00:00.000Z',
    );
  });
});

describe('addLocalDays', () => {
  const plus = (iso: string, days: number, zone: string) =>
    addLocalDays(new Date(iso), days, zone).toISOString();

  it('keeps the local time of day when the target day has a clock change before it', () => {
    // London: 12:00 GMT on 27 Feb 2026 + 30 days = 12:00 BST on 29 Mar = 11:00Z (not 12:00Z).
    expect(plus('2026-02-27T12:00:00Z', 30, 'Europe/London')).toBe('2026-03-29T11:00:00.000Z');
    // Paris: 12:00 CEST on 29 Mar (10:00Z) + 1 day = 12:00 CEST on 30 Mar = 10:00Z.
    expect(plus('2026-03-29T10:00:00Z', 1, 'Europe/Paris')).toBe('2026-03-30T10:00:00.000Z');
    // Santiago: 10:00 −04 on 5 Sep (14:00Z) + 1 day = 10:00 −03 on 6 Sep = 13:00Z.
    expect(plus('2026-09-05T14:00:00Z', 1, 'America/Santiago')).toBe('2026-09-06T13:00:00.000Z');
  });

  it('moves a time the clocks skip on by the gap, and takes the first of a repeated time', () => {
    // New York, 02:30 EST on 7 Mar (07:30Z) + 1: 02:30 on 8 Mar is skipped, so 03:30 EDT = 07:30Z.
    expect(plus('2026-03-07T07:30:00Z', 1, 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // 01:30 EDT on 31 Oct (05:30Z) + 1: 01:30 on 1 Nov happens twice; the first is EDT, 05:30Z.
    expect(plus('2026-10-31T05:30:00Z', 1, 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads the same local time a day later, every day of 2026 in zones that change clocks', () => {
    const zones = ['America/Santiago', 'America/Havana', 'Atlantic/Azores', 'Africa/Cairo'];
    zones.push('Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Nuuk');
    const wrong: string[] = [];
    let checked = 0;
    for (const zone of zones) {
      const clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeStyle: 'short' });
      for (const day of daysOf2026.slice(0, -1)) {
        // 12:00 and 18:30 local, reached from the oracle's first minute of the day.
        for (const [time, later] of [
          ['12:00', 12 * HOUR],
          ['18:30', 18 * HOUR + 30 * MINUTE],
        ] as const) {
          const from = firstMinuteOf(day, zone) + later;
          // Skip the days a clock change before that time makes it another hour.
          if (clock.format(from) !== time) continue;
          const next = addLocalDays(new Date(from), 1, zone).getTime();
          if (clock.format(next) !== time || dateIn(next, zone) <= day)
            wrong.push(`${zone} ${day} ${time}: ${new Date(next).toISOString()}`);
          checked += 1;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(5000);
  });
});
