import type { Kysely } from 'kysely';
import type { DomainEvent } from '../core/events/events.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { ProgrammeSettings } from '../core/programme/programme.js';
import type { Clock } from '../core/shared/clock.js';
import { inTransaction, repositoriesFor, type Repositories } from '../db/repositories.js';
import type { DB } from '../db/schema.js';
import { eventConsumers, reactions } from './reactions.js';
import { unitOfWork, type SharedReads, type UnitOfWork } from './unit-of-work.js';

// Reactions may emit events that cause reactions; a chain this long is a loop, not a programme.
const MAX_ROUNDS = 16;

/**
 * Runs the queued events' reactions (which may queue more) and hands each round to the event
 * consumers (the webhook outbox), all inside the caller's transaction.
 */
export const dispatchEvents = async (uow: UnitOfWork): Promise<DomainEvent[]> => {
  const dispatched: DomainEvent[] = [];
  for (let round = 0; ; round += 1) {
    const batch = uow.events.take();
    if (batch.length === 0) return dispatched;
    if (round === MAX_ROUNDS) throw new Error(`events still cascading after ${MAX_ROUNDS} rounds`);
    for (const reaction of reactions) {
      const mine = batch.filter((e) => e.type === reaction.on);
      if (mine.length === 0) continue;
      const due = reaction.relevant ? await reaction.relevant(uow, mine) : mine;
      for (const event of due) await reaction.run(uow, event);
    }
    for (const consume of eventConsumers) await consume(uow.db, batch);
    dispatched.push(...batch);
  }
};

export interface UnitOfWorkOptions {
  /** The programme settings, e.g. through a process's cache; default: read in the transaction. */
  programme?: (repos: Repositories) => Promise<ProgrammeSettings>;
  /** Readers (and the event queue) the caller shares with the unit of work, bound to its transaction. */
  shared?: (trx: Kysely<DB>) => SharedReads;
}

/**
 * The one way a use case runs as a unit: a transaction (or the caller's), repositories of every
 * module bound to it, the work, then its events' reactions and consumers, then commit. A throw
 * anywhere rolls back all of it.
 */
export const runUnitOfWork = <T>(
  db: Kysely<DB>,
  clock: Clock,
  work: (uow: UnitOfWork) => Promise<T>,
  options: UnitOfWorkOptions = {},
): Promise<T> =>
  inTransaction(db, async (trx) => {
    const readProgramme = options.programme ?? getProgramme;
    const programme = await readProgramme(repositoriesFor(trx));
    const uow = unitOfWork(trx, clock, programme, options.shared?.(trx) ?? {});
    const result = await work(uow);
    await dispatchEvents(uow);
    return result;
  });
