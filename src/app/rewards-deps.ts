import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { couponRepository } from '../db/rewards/coupons.repository.js';
import { rewardRepository } from '../db/rewards/rewards.repository.js';
import { experimentArmStore } from '../db/experiments/experiment-arms.repository.js';

/**
 * Adds the rewards module's repositories and the experiments' arms (offers per arm), bound to
 * the same connection or transaction.
 */
export const withRewardRepositories = <T extends { db: Kysely<DB> }>(deps: T) => ({
  ...deps,
  rewards: rewardRepository(deps.db),
  coupons: couponRepository(deps.db),
  experiments: experimentArmStore(deps.db),
});
