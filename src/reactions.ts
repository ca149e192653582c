import type { Kysely } from 'kysely';
import type { DomainEvent, EventOf, EventType } from './core/events/events.js';
import type { DB } from './db/schema.js';
import type { UnitOfWork } from './db/unit-of-work.js';

/**
 * Who reacts to which domain event, in one place. A reaction runs inside the transaction that
 * emitted the event, with that transaction's unit of work; it may emit further events.
 * A new reaction is one more line in `reactions`.
 */
export interface Reaction {
  on: EventType;
  run(uow: UnitOfWork, event: DomainEvent): Promise<void>;
}

export const on = <K extends EventType>(
  type: K,
  run: (uow: UnitOfWork, event: EventOf<K>) => Promise<void>,
): Reaction => ({ on: type, run: run as Reaction['run'] });

export const reactions: Reaction[] = [];

/** Consumers see every dispatched round of events at once (the webhook outbox). */
export type EventConsumer = (db: Kysely<DB>, events: DomainEvent[]) => Promise<void>;

export const eventConsumers: EventConsumer[] = [];
