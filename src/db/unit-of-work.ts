import type { Kysely } from 'kysely';
import { eventQueue, type DomainEvent, type EventQueue } from '../core/events/events.js';
import { getProgramme } from '../core/programme/programme.service.js';
import type { ProgrammeSettings } from '../core/programme/programme.js';
import type { Rule } from '../core/rules/rules.js';
import { hasTiers, type TierConfig } from '../core/tiers/tiers.js';
import type { Clock } from '../core/shared/clock.js';
import { eventConsumers, reactions } from '../reactions.js';
import { inTransaction, repositoriesFor, type Repositories } from './repositories.js';
import type { DB } from './schema.js';
import { tierRepository } from './tiers/tiers.repository.js';

/**
 * Everything a use case needs inside one transaction: repositories bound to it, the clock, the
 * programme, and the queue its events wait in until `dispatchEvents` runs them before commit.
 */
export interface UnitOfWork extends Repositories {
  db: Kysely<DB>;
  clock: Clock;
  programme: ProgrammeSettings;
  events: EventQueue;
  activeRules(): Promise<Rule[]>;
  /** The tier programme, or null without tiers (cached per process in the HTTP server). */
  tierConfig(): Promise<TierConfig | null>;
  tiersConfigured(): Promise<boolean>;
}

/** Readers of rarely-changing programme data a caller may serve from its own cache. */
export interface SharedReads {
  events?: EventQueue;
  activeRules?: () => Promise<Rule[]>;
  tierConfig?: () => Promise<TierConfig | null>;
}

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let value: Promise<T> | null = null;
  return () => (value ??= load());
};

export const unitOfWork = (
  trx: Kysely<DB>,
  clock: Clock,
  programme: ProgrammeSettings,
  shared: SharedReads = {},
): UnitOfWork => {
  const repos = repositoriesFor(trx);
  const tierConfig = shared.tierConfig ?? once(() => tierRepository(trx).config());
  return {
    ...repos,
    db: trx,
    clock,
    programme,
    events: shared.events ?? eventQueue(),
    activeRules: shared.activeRules ?? (() => repos.rules.active()),
    tierConfig,
    tiersConfigured: async () => hasTiers(await tierConfig()),
  };
};

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

/** Runs `work` as one unit: a transaction (or the caller's), then its events, then commit. */
export const inUnitOfWork = <T>(
  db: Kysely<DB>,
  clock: Clock,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<T> =>
  inTransaction(db, async (trx) => {
    const uow = unitOfWork(trx, clock, await getProgramme(repositoriesFor(trx)));
    const result = await work(uow);
    await dispatchEvents(uow);
    return result;
  });
