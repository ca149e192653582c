import type { Kysely } from 'kysely';
import { getProgramme } from '../core/programme/programme.service.js';
import { recordActivity } from '../core/rules/activities.js';
import { birthdayKey, birthdayMonthDays } from '../core/rules/birthdays.js';
import type { Clock } from '../core/shared/clock.js';
import { localDay } from '../core/shared/zoned-time.js';
import { birthdaysDue } from '../app/messaging.js';
import { repositoriesFor, type DB } from '../app/database.js';
import { runUnitOfWork } from '../app/run-unit-of-work.js';
import type { JobDefinition } from './job-runner.js';

export const BIRTHDAYS_JOB = 'birthdays';

/**
 * Records today's birthdays (in the programme's time zone) as activities, so customer.birthday
 * rules award their gift. Members already celebrated this year are skipped by their activity key,
 * and each member is recorded in its own short transaction: a rerun after a crash finishes the
 * rest and gives nobody a second gift.
 */
export const celebrateBirthdays = async (
  db: Kysely<DB>,
  clock: Clock,
  batchSize = 500,
): Promise<{ day: string; celebrated: number }> => {
  const programme = await getProgramme(repositoriesFor(db));
  const day = localDay(clock.now(), programme.timeZone);
  const monthDays = birthdayMonthDays(day);
  let celebrated = 0;
  let after = '';
  for (;;) {
    const due = await birthdaysDue(db, { day, monthDays, after, limit: batchSize });
    for (const id of due) {
      await runUnitOfWork(db, clock, (uow) =>
        recordActivity(uow, {
          customerId: id,
          trigger: 'customer.birthday',
          idempotencyKey: birthdayKey(id, day),
          payload: { day },
        }),
      );
      celebrated += 1;
    }
    if (due.length < batchSize) return { day, celebrated };
    after = due[due.length - 1]!;
  }
};

/** Hourly, so the programme's local day is caught whatever its offset from UTC. */
export const birthdaysJob = (deps: { clock: Clock; cron?: string | null }): JobDefinition => ({
  name: BIRTHDAYS_JOB,
  transactional: false,
  policy: 'stately',
  retryLimit: 2,
  ...(deps.cron === null ? {} : { schedule: { cron: deps.cron ?? '7 * * * *' } }),
  handle: async (_data, { db, log }) => {
    const result = await celebrateBirthdays(db, deps.clock);
    if (result.celebrated > 0) log.info(result, 'birthdays.celebrated');
  },
});
