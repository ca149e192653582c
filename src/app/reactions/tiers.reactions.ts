import type { EventOf } from '../../core/events/events.js';
import { upgradeOnActivity, type TierDeps } from '../../core/tiers/tiers.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { tierRepository } from '../../db/tiers/tiers.repository.js';

/** The tiers module bound to a unit of work, with the configuration the unit of work reads. */
export const tierDepsOf = (
  uow: Pick<UnitOfWork, 'db' | 'clock' | 'programme' | 'events' | 'tierConfig'>,
): TierDeps => ({
  tiers: { ...tierRepository(uow.db), config: uow.tierConfig },
  clock: uow.clock,
  programme: uow.programme,
  events: uow.events,
});

/** An order counts at once for spend and orders programmes. */
export const upgradeTierOnOrder = async (uow: UnitOfWork, event: EventOf<'order.earned'>) => {
  if (event.customerId) await upgradeOnActivity(tierDepsOf(uow), event.customerId, 'order');
};

/** Credited points count at once for points programmes. */
export const upgradeTierOnPoints = async (uow: UnitOfWork, event: EventOf<'points.earned'>) => {
  if (event.customerId) await upgradeOnActivity(tierDepsOf(uow), event.customerId, 'points');
};

/** Every event when tiers are configured, none otherwise: a programme without tiers pays nothing. */
export const whenTiersConfigured = async <E>(uow: UnitOfWork, events: E[]): Promise<E[]> => {
  return (await uow.tiersConfigured()) ? events : [];
};
