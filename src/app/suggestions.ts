import type { Kysely } from 'kysely';
import type { SuggestionSource } from '../core/recommendations/recommendations.js';
import { customerSuggestions } from '../core/recommendations/recommendations.service.js';
import { memberRewards } from '../core/rewards/rewards.service.js';
import type { Clock } from '../core/shared/clock.js';
import { recommendationStore } from '../db/recommendations/recommendations.repository.js';
import type { DB } from '../db/schema.js';
import { withRewardRepositories } from './rewards-deps.js';
import { runUnitOfWork } from './run-unit-of-work.js';

/**
 * The SuggestionSource port on a database, for modules outside HTTP (e-mails): each call runs in
 * its own transaction (or the caller's, when `db` is one), because reading a member's balance
 * settles their due points.
 */
export const suggestionSource = (db: Kysely<DB>, clock: Clock): SuggestionSource => ({
  suggestionsFor: (customerId, limit = 10) =>
    runUnitOfWork(db, clock, (uow) =>
      customerSuggestions(
        {
          customers: uow.customers,
          recommendations: recommendationStore(uow.db),
          memberRewards: (id) => memberRewards(withRewardRepositories(uow), id),
        },
        customerId,
        limit,
      ),
    ),
});
