import type { Kysely } from 'kysely';
import type {
  FactOptions,
  MemberFacts,
  RuleAward,
  RuleFactsRepository,
} from '../../core/rules/rules.live.js';
import type { Exposure } from '../../core/experiments/experiments.js';
import type { ExperimentFacts } from '../../core/rules/rules.experiments.js';
import { openSegments } from '../../core/rules/rules.experiments.js';
import { awardRow, awardedSinceIn, memberFactsOf } from '../rules.repository.js';
import {
  experimentFactsOf,
  experimentFactsOfMembers,
  recordRuleExposures,
} from '../rules-experiments.queries.js';
import type { DB } from '../schema.js';
import { insertRows } from './insert-rows.js';

export interface RuleFactsBuffer {
  repository: RuleFactsRepository;
  /** Reads the facts of every member the batch may touch, in one query. */
  prefetch(customerIds: string[], options: FactOptions): Promise<void>;
  /** Marks the buffer; the returned function forgets every award recorded since. */
  savepoint(): () => void;
  flush(): Promise<void>;
}

/**
 * The rule facts of one write batch: members' facts read up front, awards held until the flush.
 * Orders and awards the batch holds in memory are counted in, so the second order of a member
 * in one batch sees the first, exactly as it would one request at a time.
 */
export const ruleFactsBuffer = (
  trx: Kysely<DB>,
  bufferedOrdersOf: (customerId: string) => number,
): RuleFactsBuffer => {
  let prefetched = new Map<string, MemberFacts>();
  let prefetchedWith: FactOptions = { orderCount: false };
  const awards: RuleAward[] = [];
  // First exposures the batch made, written with its awards; a member's second order in the
  // batch sees them, so the first order's time is the one kept.
  const exposures: Exposure[] = [];
  // Members' exposures as they stood when the batch began, read once for all of them on the
  // first order that asks (keyed by the experiments and segments asked about).
  let members = new Set<string>();
  let stored: { asked: string; facts: Map<string, ExperimentFacts> } | null = null;
  const storedFacts = async (customerId: string, ids: string[], segments: string[]) => {
    if (!members.has(customerId)) return experimentFactsOf(trx, customerId, ids, segments);
    const asked = `${ids.join(',')}|${segments.join(',')}`;
    if (stored?.asked !== asked) {
      stored = { asked, facts: await experimentFactsOfMembers(trx, [...members], ids, segments) };
    }
    const found = stored.facts.get(customerId)!;
    return { exposed: { ...found.exposed }, segmentIds: [...found.segmentIds] };
  };
  const repository: RuleFactsRepository = {
    memberFacts: async (customerId, options) => {
      const usable = !options.orderCount || prefetchedWith.orderCount;
      const facts =
        (usable ? prefetched.get(customerId) : undefined) ??
        (await memberFactsOf(trx, [customerId], options)).get(customerId);
      if (!facts) throw new Error(`customer ${customerId} vanished during a batch`);
      return {
        ...facts,
        ordersBefore:
          facts.ordersBefore === null ? null : facts.ordersBefore + bufferedOrdersOf(customerId),
      };
    },
    awardedSince: async (customerId, windows) => {
      const totals = await awardedSinceIn(trx, customerId, windows);
      for (const a of awards) {
        const window = windows.find((w) => w.ruleId === a.ruleId);
        if (a.customerId !== customerId || !window || a.awardedAt < window.since) continue;
        totals[window.ruleId] = (totals[window.ruleId] ?? 0) + a.points;
      }
      return totals;
    },
    recordAwards: async (rows) => {
      awards.push(...rows);
    },
    experimentFacts: async (customerId, experiments) => {
      const ids = experiments.map((e) => e.id);
      const facts = await storedFacts(customerId, ids, openSegments(experiments));
      for (const x of exposures) {
        if (x.customerId === customerId && ids.includes(x.experimentId))
          facts.exposed[x.experimentId] ??= x.variant;
      }
      return facts;
    },
    recordExposures: async (rows) => {
      exposures.push(...rows);
    },
  };
  return {
    repository,
    prefetch: async (customerIds, options) => {
      prefetched = await memberFactsOf(trx, customerIds, options);
      prefetchedWith = options;
      members = new Set(customerIds);
      stored = null;
    },
    savepoint: () => {
      const [awardCount, exposureCount] = [awards.length, exposures.length];
      return () => {
        awards.splice(awardCount);
        exposures.splice(exposureCount);
      };
    },
    flush: async () => {
      await insertRows(trx, 'rule_award', awards.map(awardRow));
      await recordRuleExposures(trx, exposures);
    },
  };
};

/** For imports of history: no tier, no segments, no rules, and no query per order. */
export const noRuleFacts: RuleFactsRepository = {
  memberFacts: async () => ({
    customer: { tier: null, segments: [], attributes: {} },
    ordersBefore: null,
    tier: null,
  }),
  awardedSince: async () => ({}),
  recordAwards: async () => undefined,
  experimentFacts: async () => ({ exposed: {}, segmentIds: [] }),
  recordExposures: async () => undefined,
};
