import { sql, type RawBuilder } from 'kysely';

/**
 * The instant the zone's clocks read `wall` (a timestamp without time zone), by the same choice
 * as the core's zoned-time: a time the clocks skip is moved on by the gap (PostgreSQL does so),
 * and of a time they repeat the first is taken, where PostgreSQL takes the later. Havana goes back
 * from 01:00 to 00:00 on 1 November 2026: its midnight is at 04:00Z, not 05:00Z. The repeats of
 * 2026 last an hour (Lord Howe's half hour falls at 02:00), so the hour before is the first
 * reading whenever it reads the same.
 */
export const instantOfWallClock = (wall: RawBuilder<unknown>, timeZone: string) => {
  const late = sql`(${wall} at time zone ${timeZone})`;
  const hourBefore = sql`(${late} - interval '1 hour')`;
  return sql<Date>`(case when (${hourBefore} at time zone ${timeZone}) = ${wall}
    then ${hourBefore} else ${late} end)`;
};
