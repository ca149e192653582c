import type { Kysely } from 'kysely';
import { settleMember } from '../core/ledger/ledger.service.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { Clock } from '../core/shared/clock.js';
import { inTransaction, repositoriesFor, type DB } from '../app/database.js';
import type { JobDefinition } from './job-runner.js';

/**
 * Posts pending points whose return window has ended and expires lots past their date, for every
 * customer with something due. Reads and spends settle a member on their own too; this sweep makes
 * sure balances and liability are right even for members nobody looks at. Each member settles in
 * its own short transaction, and the ledger's deterministic keys make a repeated run harmless.
 */
export const settleDuePoints = async (
  db: Kysely<DB>,
  clock: Clock,
  batchSize = 500,
): Promise<{ customers: number; movements: number }> => {
  const programme = await getProgramme(repositoriesFor(db));
  let customers = 0;
  let movements = 0;
  for (;;) {
    const due = await repositoriesFor(db).ledger.customersDueForSettlement(clock.now(), batchSize);
    if (due.length === 0) return { customers, movements };
    for (const customerId of due) {
      movements += await inTransaction(db, async (trx) => {
        const ledger = repositoriesFor(trx).ledger;
        await ledger.lockMember(customerId);
        return settleMember({ ledger, clock }, programme, customerId);
      });
      customers += 1;
    }
    if (due.length < batchSize) return { customers, movements };
  }
};

/**
 * The sweep as a scheduled job, every `everyMinutes` minutes (cron granularity is a minute;
 * 0 leaves it unscheduled). Non-transactional: members settle in their own short transactions
 * and a rerun is harmless; 'stately' keeps one run at a time across processes.
 */
export const settlePointsJob = (deps: {
  clock: Clock;
  everyMinutes?: number;
}): JobDefinition<Record<string, never>> => {
  const everyMinutes = Math.min(59, Math.round(deps.everyMinutes ?? 1));
  return {
    name: 'settle-points',
    transactional: false,
    policy: 'stately',
    retryLimit: 0,
    ...(everyMinutes > 0 ? { schedule: { cron: `*/${everyMinutes} * * * *` } } : {}),
    handle: async (_data, { db, log }) => {
      const result = await settleDuePoints(db, deps.clock);
      if (result.movements > 0) log.info(result, 'points.settled');
    },
  };
};
