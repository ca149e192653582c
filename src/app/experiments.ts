import type { Kysely } from 'kysely';
import type { Clock } from '../core/shared/clock.js';
import type { ExperimentDeps } from '../core/experiments/experiments.service.js';
import { experimentCoordination } from '../db/experiments/experiment-coordination.queries.js';
import { experimentRepository } from '../db/experiments/experiments.repository.js';
import { messagingRepository } from '../db/messaging/messaging.repository.js';
import { ruleRepository } from '../db/rules.repository.js';
import { rewardRepository } from '../db/rewards/rewards.repository.js';
import type { DB } from '../db/schema.js';
import { segmentRepository } from '../db/segments/segments.repository.js';

/**
 * Experiments, and what they need of the segments, messaging, rewards and rules modules, bound to
 * one connection or transaction. Adapters reach the database through src/app only.
 */
export const experimentDeps = (db: Kysely<DB>, clock: Clock): ExperimentDeps => {
  const messaging = messagingRepository(db);
  return {
    experiments: experimentRepository(db),
    coordination: experimentCoordination(db),
    references: {
      segment: async (id) => {
        const segment = await segmentRepository(db).byId(id);
        return segment ? { archived: segment.archivedAt !== null } : null;
      },
      campaignExists: async (id) => (await messaging.findCampaign(id)) !== null,
      templateExists: async (key) => (await messaging.findTemplate(key)) !== null,
      reward: async (id) => {
        const reward = await rewardRepository(db).findById(id);
        return reward ? { archived: reward.archivedAt !== null } : null;
      },
    },
    activeRules: () => ruleRepository(db).active(),
    clock,
  };
};
