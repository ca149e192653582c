import type { Kysely } from 'kysely';
import type { DomainEvent, EventOf, EventType } from '../core/events/events.js';
import {
  convertOnOrder,
  referOnSignUp,
  reverseOnReturn,
} from '../core/referrals/referrals.reactions.js';
import { enrolMember, referralActivity } from '../core/rules/activity.reactions.js';
import { withPendingReferral, withReferrals } from '../db/referrals.repository.js';
import { issueCouponForRule } from './reactions/rule-issue.reaction.js';
import type { DB } from '../db/schema.js';
import {
  upgradeTierOnOrder,
  upgradeTierOnPoints,
  whenTiersConfigured,
} from './reactions/tiers.reactions.js';
import type { UnitOfWork } from './unit-of-work.js';
import { webhookOutbox } from './webhook-outbox.js';
import {
  birthdayJourney,
  pointsExpiringJourney,
  reviewRequestJourney,
  tierChangedJourney,
  winBackJourney,
  welcomeJourney,
  whenJourneyEnabled,
} from './reactions/messaging.reactions.js';

/**
 * Who reacts to which domain event, in one place. A reaction runs inside the transaction that
 * emitted the event, with that transaction's unit of work; it may emit further events.
 * A new reaction is one more line in `reactions`.
 */
export interface Reaction {
  on: EventType;
  run(uow: UnitOfWork, event: DomainEvent): Promise<void>;
  /**
   * Narrows a round's events to the few worth running, in one query for all of them: a batch of
   * 64 orders then costs one lookup, not 64.
   */
  relevant?(uow: UnitOfWork, events: DomainEvent[]): Promise<DomainEvent[]>;
}

export const on = <K extends EventType>(
  type: K,
  run: (uow: UnitOfWork, event: EventOf<K>) => Promise<void>,
  relevant?: (uow: UnitOfWork, events: EventOf<K>[]) => Promise<EventOf<K>[]>,
): Reaction => ({
  on: type,
  run: run as Reaction['run'],
  ...(relevant ? { relevant: relevant as Reaction['relevant'] } : {}),
});

export const reactions: Reaction[] = [
  on('customer.created', enrolMember),
  on('referral.converted', referralActivity),
  on('customer.created', (uow, e) => referOnSignUp(withReferrals(uow), e)),
  on(
    'order.earned',
    (uow, e) => convertOnOrder(withReferrals(uow), e),
    (uow, events) => withPendingReferral(uow.db, events),
  ),
  on('order.returned', (uow, e) => reverseOnReturn(withReferrals(uow), e)),
  on('order.earned', upgradeTierOnOrder, whenTiersConfigured),
  on('points.earned', upgradeTierOnPoints, whenTiersConfigured),
  on('rule.issue', issueCouponForRule),
  on('customer.created', welcomeJourney, whenJourneyEnabled('welcome')),
  on('activity.recorded', birthdayJourney, whenJourneyEnabled('birthday')),
  on('points.expiring', pointsExpiringJourney, whenJourneyEnabled('pointsExpiring')),
  on('tier.changed', tierChangedJourney, whenJourneyEnabled('tierChanged')),
  on('customer.at_risk', winBackJourney, whenJourneyEnabled('winBack')),
  on('order.earned', reviewRequestJourney, whenJourneyEnabled('reviewRequest')),
];

/** Consumers see every dispatched round of events at once (the webhook outbox). */
export type EventConsumer = (db: Kysely<DB>, events: DomainEvent[]) => Promise<void>;

export const eventConsumers: EventConsumer[] = [webhookOutbox];
