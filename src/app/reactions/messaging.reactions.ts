import type { DomainEvent, EventOf } from '../../core/events/events.js';
import type { Journey } from '../../core/messaging/messaging.js';
import { enqueueMessage } from '../../core/messaging/messaging.service.js';
import { addDays } from '../../core/shared/clock.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { messagingDeps } from '../messaging-deps.js';
import { messagingRepository } from '../../db/messaging/messaging.repository.js';

/**
 * Journeys: automated messages that domain events trigger, enqueued in the emitting transaction
 * (so a rolled-back change sends nothing). Each has a dedupe key that makes it once per customer
 * and occasion, whatever retries or replays of the event happen.
 */
const runJourney = async (
  uow: UnitOfWork,
  journey: Journey,
  customerId: string | null,
  occasion: string,
  data: Record<string, unknown>,
): Promise<void> => {
  if (!customerId) return;
  const settings = (await messagingRepository(uow.db).journeys())[journey];
  if (!settings.enabled || !settings.templateKey) return;
  const now = uow.clock.now();
  await enqueueMessage(messagingDeps(uow), {
    customerId,
    templateKey: settings.templateKey,
    dedupeKey: `journey:${journey}:${occasion}`,
    journey,
    data,
    scheduledAt: new Date(
      addDays(now, settings.delayDays).getTime() + settings.delayHours * 3_600_000,
    ),
  });
};

/** Narrows a round's events to none when the journey is off: one read per round, not per event. */
export const whenJourneyEnabled =
  (journey: Journey) =>
  async <E extends DomainEvent>(uow: UnitOfWork, events: E[]): Promise<E[]> =>
    (await messagingRepository(uow.db).journeys())[journey].enabled ? events : [];

export const welcomeJourney = (uow: UnitOfWork, e: EventOf<'customer.created'>) =>
  runJourney(uow, 'welcome', e.customerId, 'once', {});

export const birthdayJourney = (uow: UnitOfWork, e: EventOf<'activity.recorded'>) =>
  e.data.trigger === 'customer.birthday'
    ? runJourney(uow, 'birthday', e.customerId, String(e.occurredAt.getUTCFullYear()), {})
    : Promise.resolve();

export const pointsExpiringJourney = (uow: UnitOfWork, e: EventOf<'points.expiring'>) =>
  runJourney(uow, 'pointsExpiring', e.customerId, e.data.expiresAt.slice(0, 10), {
    points: e.data.points,
    expiresAt: e.data.expiresAt,
    expiresOn: e.data.expiresAt.slice(0, 10),
  });

export const tierChangedJourney = (uow: UnitOfWork, e: EventOf<'tier.changed'>) =>
  runJourney(
    uow,
    'tierChanged',
    e.customerId,
    `${e.data.from ?? 'none'}-${e.data.to ?? 'none'}-${e.occurredAt.toISOString()}`,
    { from: e.data.from, to: e.data.to },
  );

export const reviewRequestJourney = (uow: UnitOfWork, e: EventOf<'order.earned'>) =>
  runJourney(uow, 'reviewRequest', e.customerId, e.data.orderId, {
    orderId: e.data.orderId,
    externalId: e.data.externalId,
  });

export const winBackJourney = (uow: UnitOfWork, e: EventOf<'customer.at_risk'>) =>
  runJourney(uow, 'winBack', e.customerId, e.occurredAt.toISOString().slice(0, 10), {
    pAlive: e.data.pAlive,
    lastPurchaseAt: e.data.lastPurchaseAt,
  });
