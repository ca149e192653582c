import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { settleMember } from '../core/ledger/ledger.service.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { Clock } from '../core/shared/clock.js';
import { inTransaction, repositoriesFor } from '../db/repositories.js';
import type { DB } from '../db/schema.js';

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

/** Runs the sweep every `intervalMs`, one run at a time; returns a function that stops it. */
export const scheduleSettlement = (
  db: Kysely<DB>,
  clock: Clock,
  log: Logger,
  intervalMs: number,
): (() => Promise<void>) => {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = settleDuePoints(db, clock)
      .then((r) => {
        if (r.movements > 0) log.info(r, 'points.settled');
      })
      .catch((error: unknown) => log.error({ err: error }, 'points.settle_failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
};
