import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/dialect.js';
import { localMidnight } from '../src/db/analytics/periods.sql.js';
import { instantOfWallClock } from '../src/db/zoned-time.sql.js';
import { openTestDatabase } from './support/database.js';

// The local days of the SQL range conditions start where `(at at time zone tz)::date` changes,
// as the core's startOfLocalDay does, on the database's own zone data.
let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const instant = async (expression: ReturnType<typeof localMidnight>) => {
  const { rows } = await sql<{ at: Date }>`select ${expression} as at`.execute(database.db);
  return new Date(rows[0]?.at ?? NaN).toISOString();
};

describe('local midnight in SQL', () => {
  it('is the first of two midnights, and the jump over a skipped one', async () => {
    // Havana goes back from 01:00 −04 to 00:00 −05 on 1 Nov 2026: the first midnight is 04:00Z.
    expect(await instant(localMidnight('2026-11-01', 'America/Havana'))).toBe(
      '2026-11-01T04:00:00.000Z',
    );
    // Azores, 25 Oct 2026: 01:00 +00 back to 00:00 −01; the first midnight is 00:00Z.
    expect(await instant(localMidnight('2026-10-25', 'Atlantic/Azores'))).toBe(
      '2026-10-25T00:00:00.000Z',
    );
    // Santiago skips 00:00–01:00 on 6 Sep 2026: the day starts at 01:00 −03 = 04:00Z.
    expect(await instant(localMidnight('2026-09-06', 'America/Santiago'))).toBe(
      '2026-09-06T04:00:00.000Z',
    );
    expect(await instant(localMidnight('2026-03-29', 'Europe/London'))).toBe(
      '2026-03-29T00:00:00.000Z',
    );
  });

  it('starts every day of 2026 where the local date changes, in zones that change clocks', async () => {
    const zones = ['America/Havana', 'Atlantic/Azores', 'America/Santiago', 'Africa/Cairo'];
    zones.push('Asia/Beirut', 'America/Nuuk', 'Europe/London', 'Australia/Lord_Howe');
    for (const zone of zones) {
      const { rows } = await sql<{ day: string; starts: Date; local: string; before: string }>`
        select day::text as day, starts,
               (starts at time zone ${zone})::date::text as local,
               ((starts - interval '1 millisecond') at time zone ${zone})::date::text as before
          from (select d::date as day from generate_series('2026-01-01'::date, '2026-12-31', '1 day') d) days,
               lateral (select ${instantOfWallClock(sql`days.day::timestamp`, zone)} as starts) s`.execute(
        database.db,
      );
      expect(rows).toHaveLength(365);
      const wrong = rows.filter((r) => r.local !== r.day || r.before >= r.day).map((r) => r.day);
      expect({ zone, wrong }).toEqual({ zone, wrong: [] });
    }
  });

  it('reads a repeated wall-clock time as its first instant, a skipped one after the gap', async () => {
    const ny = 'America/New_York';
    // 01:30 on 1 Nov 2026 happens at 05:30Z (EDT) and 06:30Z (EST).
    expect(await instant(instantOfWallClock(sql`'2026-11-01 01:30'::timestamp`, ny))).toBe(
      '2026-11-01T05:30:00.000Z',
    );
    // 02:30 on 8 Mar 2026 never happens; it reads as 03:30 EDT = 07:30Z.
    expect(await instant(instantOfWallClock(sql`'2026-03-08 02:30'::timestamp`, ny))).toBe(
      '2026-03-08T07:30:00.000Z',
    );
  });
});
