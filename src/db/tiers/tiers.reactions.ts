import type { Kysely } from 'kysely';
import type { EventOf } from '../../core/events/events.js';
import { upgradeOnActivity, type TierDeps } from '../../core/tiers/tiers.service.js';
import type { TierConfig } from '../../core/tiers/tiers.js';
import type { DB } from '../schema.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { tierRepository } from './tiers.repository.js';

/**
 * The tiers module bound to a unit of work. The configuration is read once per transaction (a
 * batch of orders dispatches many events in one), so each event costs one aggregate query.
 */
const configs = new WeakMap<Kysely<DB>, Promise<TierConfig | null>>();

export const tierDepsOf = (
  uow: Pick<UnitOfWork, 'db' | 'clock' | 'programme' | 'events'>,
): TierDeps => {
  const tiers = tierRepository(uow.db);
  return {
    tiers: {
      ...tiers,
      config: () => {
        let config = configs.get(uow.db);
        if (!config) {
          config = tiers.config();
          configs.set(uow.db, config);
        }
        return config;
      },
    },
    clock: uow.clock,
    programme: uow.programme,
    events: uow.events,
  };
};

/** An order counts at once for spend and orders programmes. */
export const upgradeTierOnOrder = async (uow: UnitOfWork, event: EventOf<'order.earned'>) => {
  if (event.customerId) await upgradeOnActivity(tierDepsOf(uow), event.customerId, 'order');
};

/** Credited points count at once for points programmes. */
export const upgradeTierOnPoints = async (uow: UnitOfWork, event: EventOf<'points.earned'>) => {
  if (event.customerId) await upgradeOnActivity(tierDepsOf(uow), event.customerId, 'points');
};
