import type { EventSink } from '../events/events.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import type { Clock } from '../shared/clock.js';
import { currencyExponent } from '../shared/money.js';
import {
  evaluateRules,
  type CustomerFacts,
  type EvaluationContext,
  type IssueProposal,
  type OrderFacts,
  type RuleEvent,
} from './rules.evaluate.js';
import type { Exposure } from '../experiments/experiments.js';
import {
  exposuresFor,
  namedExperiments,
  placeCustomer,
  type ExperimentFacts,
  type RuleExperiment,
} from './rules.experiments.js';
import { periodStart } from './rules.period.js';
import type { Rule, RuleTrigger } from './rules.js';

/**
 * Rules applied to live events: the facts a rule may look at are read for the member, the pure
 * evaluation proposes points, and the caller records them on one ledger entry together with the
 * awards that say which rule (or tier bonus) produced which points.
 */

export interface MemberFacts {
  customer: CustomerFacts;
  /** Orders the customer placed before the one being evaluated; null when not counted. */
  ordersBefore: number | null;
  tier: { code: string; earnMultiplierPercent: number } | null;
}

/** One rule's (or the tier bonus's) share of a ledger entry. */
export interface RuleAward {
  entryId: string;
  customerId: string;
  ruleId: string | null;
  ruleVersion: number | null;
  tierCode: string | null;
  points: number;
  orderId: string | null;
  activityId: string | null;
  /** The event's time: caps per customer and period count awards by it. */
  awardedAt: Date;
}

export interface FactOptions {
  /** Count the member's orders: only rules on the order number need it, and it costs a scan. */
  orderCount: boolean;
}

export interface RuleFactsRepository {
  memberFacts(customerId: string, options: FactOptions): Promise<MemberFacts>;
  /** Points each rule awarded the customer at or after its window's start. */
  awardedSince(
    customerId: string,
    windows: { ruleId: string; since: Date }[],
  ): Promise<Record<string, number>>;
  recordAwards(awards: RuleAward[]): Promise<void>;
  /**
   * The customer's exposures to these experiments and which of their open populations' segments
   * the customer is in: one indexed query, made only when an active rule names a running experiment.
   */
  experimentFacts(customerId: string, experiments: RuleExperiment[]): Promise<ExperimentFacts>;
  /** Records first exposures; a customer already exposed keeps the first. */
  recordExposures(exposures: Exposure[]): Promise<void>;
}

export interface LiveRuleDeps {
  ruleFacts: RuleFactsRepository;
  /** The active rules, every trigger (cached by the caller where it can be). */
  activeRules(): Promise<Rule[]>;
  /** Whether any tier exists: without tiers and rules, an event needs no member facts. */
  tiersConfigured(): Promise<boolean>;
  /** The running experiments (cached by the caller where it can be); absent: none are read. */
  runningExperiments?(): Promise<RuleExperiment[]>;
  programme: ProgrammeSettings;
  clock: Clock;
  events: EventSink;
}

export type ProposedAward = Omit<RuleAward, 'entryId' | 'orderId' | 'activityId'>;

export interface Proposal {
  /** Everything the event earns: base points (orders only), tier bonus and rule points. */
  points: number;
  awards: ProposedAward[];
  issues: IssueProposal[];
  facts: MemberFacts;
  /** First exposures to experiments the evaluated rules named, recorded with the awards. */
  exposures: Exposure[];
}

const context = (
  programme: ProgrammeSettings,
  awardedInPeriod: Record<string, number>,
): EvaluationContext => ({
  timeZone: programme.timeZone,
  currency: programme.currency,
  currencyExponent: currencyExponent(programme.currency),
  basePointsPerCurrencyUnit: programme.pointsPerCurrencyUnit,
  awardedInPeriod,
});

const NO_FACTS: MemberFacts = {
  customer: { tier: null, segments: [], attributes: {} },
  ordersBefore: null,
  tier: null,
};

export const countsOrders = (rule: Rule): boolean =>
  rule.document.conditions.some((c) => c.type === 'customer.orderNumber');

const capWindows = (rules: Rule[], at: Date, timeZone: string) =>
  rules.flatMap((r) => {
    const cap = r.document.caps?.perCustomer;
    return cap ? [{ ruleId: r.id, since: periodStart(at, cap.period, timeZone) }] : [];
  });

/**
 * The customer's arms of the running experiments these rules name; null (and no query) when they
 * name none or none of them runs, which is every event of a programme without experiments.
 */
const experimentPlacement = async (
  deps: LiveRuleDeps,
  rules: Rule[],
  customerId: string,
  at: Date,
) => {
  const named = namedExperiments(rules);
  if (named.size === 0 || !deps.runningExperiments) return null;
  const running = (await deps.runningExperiments()).filter((e) => named.has(e.key));
  if (running.length === 0) return null;
  const found = await deps.ruleFacts.experimentFacts(customerId, running);
  return placeCustomer(customerId, running, found, at);
};

/**
 * What the rules for `trigger` give a member for one event; `basePoints` is what the programme's
 * earn rate gives an order (0 for other events), which a tier's multiplier raises.
 */
export const proposeAwards = async (
  deps: LiveRuleDeps,
  input: {
    customerId: string;
    trigger: RuleTrigger;
    customEvent?: string;
    at: Date;
    order?: Omit<OrderFacts, 'orderNumber'>;
    basePoints: number;
  },
): Promise<Proposal> => {
  const rules = (await deps.activeRules()).filter(
    (r) =>
      r.document.trigger === input.trigger &&
      (input.trigger !== 'custom' || r.document.customEvent === input.customEvent),
  );
  if (rules.length === 0 && !(await deps.tiersConfigured())) {
    return { points: input.basePoints, awards: [], issues: [], facts: NO_FACTS, exposures: [] };
  }
  const facts = await deps.ruleFacts.memberFacts(input.customerId, {
    orderCount: rules.some(countsOrders),
  });
  const awards: ProposedAward[] = [];
  const tier = facts.tier;
  const tierBonus =
    tier && tier.earnMultiplierPercent > 100
      ? Math.floor((input.basePoints * (tier.earnMultiplierPercent - 100)) / 100)
      : 0;
  if (tier && tierBonus > 0) {
    awards.push({
      customerId: input.customerId,
      ruleId: null,
      ruleVersion: null,
      tierCode: tier.code,
      points: tierBonus,
      awardedAt: input.at,
    });
  }
  if (rules.length === 0) {
    return { points: input.basePoints + tierBonus, awards, issues: [], facts, exposures: [] };
  }
  const windows = capWindows(rules, input.at, deps.programme.timeZone);
  const awarded = windows.length
    ? await deps.ruleFacts.awardedSince(input.customerId, windows)
    : {};
  const placement = await experimentPlacement(deps, rules, input.customerId, input.at);
  const event: RuleEvent = {
    trigger: input.trigger,
    ...(input.customEvent ? { customEvent: input.customEvent } : {}),
    at: input.at,
    customer: placement ? { ...facts.customer, experiments: placement.arms } : facts.customer,
    ...(input.order
      ? { order: { ...input.order, orderNumber: (facts.ordersBefore ?? 0) + 1 } }
      : {}),
  };
  const evaluation = evaluateRules(rules, event, context(deps.programme, awarded));
  for (const p of evaluation.points) {
    awards.push({
      customerId: input.customerId,
      ruleId: p.ruleId,
      ruleVersion: p.ruleVersion,
      tierCode: null,
      points: p.points,
      awardedAt: input.at,
    });
  }
  const rulePoints = evaluation.points.reduce((sum, p) => sum + p.points, 0);
  return {
    points: input.basePoints + tierBonus + rulePoints,
    awards,
    issues: evaluation.issues,
    facts,
    exposures: placement
      ? exposuresFor(
          input.customerId,
          placement,
          rules.filter((r) => evaluation.evaluated.includes(r.id)),
          input.at,
        )
      : [],
  };
};

/** Records the awards on the entry that carried them and asks for the issues rules made. */
export const recordProposal = async (
  deps: LiveRuleDeps,
  proposal: Proposal,
  recorded: { entryId: string | null; orderId: string | null; activityId: string | null },
  customerId: string,
  sourceKey: string,
): Promise<void> => {
  if (recorded.entryId && proposal.awards.length > 0) {
    await deps.ruleFacts.recordAwards(
      proposal.awards.map((a) => ({
        ...a,
        entryId: recorded.entryId!,
        orderId: recorded.orderId,
        activityId: recorded.activityId,
      })),
    );
  }
  if (proposal.exposures.length > 0) await deps.ruleFacts.recordExposures(proposal.exposures);
  for (const issue of proposal.issues) {
    deps.events.emit({
      type: 'rule.issue',
      customerId,
      occurredAt: deps.clock.now(),
      data: {
        ruleId: issue.ruleId,
        ruleVersion: issue.ruleVersion,
        kind: issue.kind,
        ref: issue.ref,
        sourceKey: `${sourceKey}:${issue.ruleId}:${issue.kind}:${issue.ref}`,
      },
    });
  }
};
