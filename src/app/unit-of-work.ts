import type { Kysely } from 'kysely';
import { eventQueue, type EventQueue } from '../core/events/events.js';
import type { ProgrammeSettings } from '../core/programme/programme.js';
import type { RuleExperiment } from '../core/rules/rules.experiments.js';
import type { Rule } from '../core/rules/rules.js';
import { hasTiers, type TierConfig } from '../core/tiers/tiers.js';
import type { Clock } from '../core/shared/clock.js';
import { repositoriesFor, type Repositories } from '../db/repositories.js';
import type { DB } from '../db/schema.js';
import { tierRepository } from '../db/tiers/tiers.repository.js';

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
  /** The running experiments rules may name (cached per process in the HTTP server). */
  runningExperiments(): Promise<RuleExperiment[]>;
  /** The tier programme, or null without tiers (cached per process in the HTTP server). */
  tierConfig(): Promise<TierConfig | null>;
  tiersConfigured(): Promise<boolean>;
}

/** Readers of rarely-changing programme data a caller may serve from its own cache. */
export interface SharedReads {
  events?: EventQueue;
  activeRules?: () => Promise<Rule[]>;
  runningExperiments?: () => Promise<RuleExperiment[]>;
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
    runningExperiments: shared.runningExperiments ?? once(() => repos.rules.runningExperiments()),
    tierConfig,
    tiersConfigured: async () => hasTiers(await tierConfig()),
  };
};
