import type { Kysely } from 'kysely';
import type { ProgrammeSettings } from '../core/programme/programme.js';
import type { RuleExperiment } from '../core/rules/rules.experiments.js';
import type { Rule } from '../core/rules/rules.js';
import { readThroughCache, type ReadThroughCache } from '../core/shared/ttl-cache.js';
import type { TierConfig } from '../core/tiers/tiers.js';
import { repositoriesFor } from '../db/repositories.js';
import type { DB } from '../db/schema.js';
import { tierRepository } from '../db/tiers/tiers.repository.js';
import type { SharedReads } from './unit-of-work.js';

/**
 * How long this process trusts the programme settings it read. A change made through this process
 * is seen at once (the cache is emptied when the change has committed); a change made through
 * another process is seen after at most this long.
 */
export const PROGRAMME_CACHE_TTL_MS = 2_000;

export type ProgrammeCache = ReadThroughCache<ProgrammeSettings>;
/** The active rules, cached the same way: every order reads them. */
export type RulesCache = ReadThroughCache<Rule[]>;
/**
 * The running experiments, cached the same way: an order reads them when an active rule names an
 * experiment. Emptied after any write under /v1/experiments (start, stop) commits (src/http/app.ts).
 */
export type ExperimentsCache = ReadThroughCache<RuleExperiment[]>;
/** The tier programme, cached the same way: every order asks whether there is one. */
export type TierCache = ReadThroughCache<TierConfig | null>;

export const programmeCache = <T = ProgrammeSettings>(
  now: () => number = Date.now,
): ReadThroughCache<T> => readThroughCache<T>({ ttlMs: PROGRAMME_CACHE_TTL_MS }, now);

/** The rules and tiers a unit of work on `db` reads through this process's caches. */
export const cachedReads = (
  caches: { rulesCache: RulesCache; experimentsCache: ExperimentsCache; tierCache: TierCache },
  db: Kysely<DB>,
): Required<Pick<SharedReads, 'activeRules' | 'runningExperiments' | 'tierConfig'>> => ({
  activeRules: () => caches.rulesCache.read(() => repositoriesFor(db).rules.active()),
  runningExperiments: () =>
    caches.experimentsCache.read(() => repositoriesFor(db).rules.runningExperiments()),
  tierConfig: () => caches.tierCache.read(() => tierRepository(db).config()),
});
