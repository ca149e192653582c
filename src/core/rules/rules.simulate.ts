import { variantFor } from '../experiments/assignment.js';
import type { ProgrammeSettings } from '../programme/programme.js';
import { DomainError } from '../shared/errors.js';
import { currencyExponent } from '../shared/money.js';
import { evaluateRules, type CustomerFacts, type OrderFacts } from './rules.evaluate.js';
import {
  experimentConditionIssues,
  unknownExperimentInRule,
  type RuleExperiment,
} from './rules.experiments.js';
import { periodStart } from './rules.period.js';
import type { Rule, RuleDocument } from './rules.js';

/** A past order as the simulation replays it, oldest first. */
export interface SimulationOrder {
  orderId: string;
  customerId: string;
  placedAt: Date;
  order: OrderFacts;
  customer: CustomerFacts;
}

export interface SimulationSource {
  /** The orders placed in [from, to), oldest first, each with the customer's order number. */
  ordersBetween(from: Date, to: Date): AsyncIterable<SimulationOrder>;
}

export interface SimulationReport {
  from: Date;
  to: Date;
  ordersEvaluated: number;
  ordersMatched: number;
  customersAffected: number;
  pointsIssued: number;
  /** What the rule would have given without its caps: the difference is what the caps saved. */
  pointsBeforeCaps: number;
  currency: string;
  /** The money value of the points issued, in minor units of the programme currency. */
  costMinor: number;
  /** Why orders did not qualify, most frequent first: with ordersMatched they add up to ordersEvaluated. */
  skippedReasons: { reason: string; orders: number }[];
  /** Points by day (UTC date), for a chart of what the rule would have cost over time. */
  pointsByDay: { day: string; points: number; orders: number }[];
  /** For each experiment the rule names: the replayed customers and orders in each arm. */
  experiments: SimulatedExperiment[];
}

/** An experiment a simulated rule names, with the key of its population's segment (null: all). */
export interface SimulationExperiment extends RuleExperiment {
  segmentKey: string | null;
}

export interface SimulatedExperiment {
  key: string;
  status: RuleExperiment['status'];
  arms: { variant: string; customers: number; orders: number }[];
  /** Replayed customers outside the population (not in its segment), or all when it stopped. */
  outside: { customers: number; orders: number };
}

interface ArmTally {
  customers: Set<string>;
  orders: number;
}

/**
 * Simulated customers are placed as live ones would be if the experiment ran now: members of its
 * population by `variantFor`; nobody is in a stopped experiment, which applies no treatment.
 */
const armIn = (e: SimulationExperiment, o: SimulationOrder): string | null => {
  if (e.status === 'stopped') return null;
  if (e.segmentKey !== null && !o.customer.segments.includes(e.segmentKey)) return null;
  return variantFor(e.salt, o.customerId, e.variants).key;
};

const experimentTally = (experiments: SimulationExperiment[]) => {
  const tallies = experiments.map((e) => ({
    experiment: e,
    arms: new Map<string | null, ArmTally>(
      [...e.variants.map((v) => v.key), null].map((k) => [k, { customers: new Set(), orders: 0 }]),
    ),
  }));
  return {
    /** The order's customer's arms, by key, counted as it goes by. */
    place: (o: SimulationOrder): Record<string, string> => {
      const arms: Record<string, string> = {};
      for (const t of tallies) {
        const arm = armIn(t.experiment, o);
        const tally = t.arms.get(arm)!;
        tally.customers.add(o.customerId);
        tally.orders += 1;
        if (arm !== null) arms[t.experiment.key] = arm;
      }
      return arms;
    },
    report: (): SimulatedExperiment[] =>
      tallies.map((t) => ({
        key: t.experiment.key,
        status: t.experiment.status,
        arms: t.experiment.variants.map((v) => ({
          variant: v.key,
          customers: t.arms.get(v.key)!.customers.size,
          orders: t.arms.get(v.key)!.orders,
        })),
        outside: {
          customers: t.arms.get(null)!.customers.size,
          orders: t.arms.get(null)!.orders,
        },
      })),
  };
};

interface Tally {
  report: SimulationReport;
  customers: Set<string>;
  reasons: Map<string, number>;
  days: Map<string, { points: number; orders: number }>;
  /** Per customer: the cap period they are in and what the rule gave them in it. */
  awarded: Map<string, { periodStartMs: number; points: number }>;
}

const awardedSoFar = (tally: Tally, rule: Rule, o: SimulationOrder, timeZone: string): number => {
  const cap = rule.document.caps?.perCustomer;
  if (!cap) return 0;
  const start = periodStart(o.placedAt, cap.period, timeZone).getTime();
  const seen = tally.awarded.get(o.customerId);
  return seen && seen.periodStartMs === start ? seen.points : 0;
};

const record = (
  tally: Tally,
  rule: Rule,
  o: SimulationOrder,
  points: number,
  uncapped: number,
  timeZone: string,
) => {
  const r = tally.report;
  r.ordersMatched += 1;
  r.pointsIssued += points;
  r.pointsBeforeCaps += uncapped;
  tally.customers.add(o.customerId);
  const day = o.placedAt.toISOString().slice(0, 10);
  const d = tally.days.get(day) ?? { points: 0, orders: 0 };
  tally.days.set(day, { points: d.points + points, orders: d.orders + 1 });
  const cap = rule.document.caps?.perCustomer;
  if (cap) {
    const start = periodStart(o.placedAt, cap.period, timeZone).getTime();
    const before = awardedSoFar(tally, rule, o, timeZone);
    tally.awarded.set(o.customerId, { periodStartMs: start, points: before + points });
  }
};

/**
 * Replays a draft order rule over past orders and reports what it would have issued, to whom and
 * at what cost — before it goes live. Caps per customer and period are tracked as the orders go
 * by, so the figures are those the live rule would have produced. Nothing is written.
 */
export const simulateRule = async (
  source: SimulationSource,
  programme: ProgrammeSettings,
  document: RuleDocument,
  period: { from: Date; to: Date },
  /** The experiments the rule names (those that exist); their arms decide its conditions. */
  experiments: SimulationExperiment[] = [],
): Promise<SimulationReport> => {
  if (document.trigger !== 'order.placed') {
    throw new DomainError(
      'invalid',
      'not_simulable',
      'Only order.placed rules can be replayed over past orders',
      {},
      [
        {
          path: 'rule.trigger',
          message: 'simulation replays past orders: use trigger order.placed',
        },
      ],
    );
  }
  if (period.from.getTime() >= period.to.getTime()) {
    throw new DomainError('invalid', 'empty_period', 'The period to simulate is empty', {}, [
      { path: 'from', message: 'must be before to' },
    ]);
  }
  const unknown = experimentConditionIssues(document, experiments, 'rule.');
  if (unknown.length > 0) throw unknownExperimentInRule(unknown);
  const rule: Rule = { id: 'draft', version: 0, document };
  const base = {
    currency: programme.currency,
    timeZone: programme.timeZone,
    basePointsPerCurrencyUnit: programme.pointsPerCurrencyUnit,
  };
  const ctx = { ...base, currencyExponent: currencyExponent(programme.currency) };
  const tally: Tally = {
    report: {
      ...period,
      ordersEvaluated: 0,
      ordersMatched: 0,
      customersAffected: 0,
      pointsIssued: 0,
      pointsBeforeCaps: 0,
      currency: programme.currency,
      costMinor: 0,
      skippedReasons: [],
      pointsByDay: [],
      experiments: [],
    },
    customers: new Set(),
    reasons: new Map(),
    days: new Map(),
    awarded: new Map(),
  };
  const arms = experimentTally(experiments);
  for await (const o of source.ordersBetween(period.from, period.to)) {
    tally.report.ordersEvaluated += 1;
    const event = {
      trigger: 'order.placed' as const,
      at: o.placedAt,
      customer: experiments.length ? { ...o.customer, experiments: arms.place(o) } : o.customer,
      order: o.order,
    };
    const awardedInPeriod = { [rule.id]: awardedSoFar(tally, rule, o, ctx.timeZone) };
    const result = evaluateRules([rule], event, { ...ctx, awardedInPeriod });
    const proposal = result.points[0];
    // An order qualifies when the rule gives points or issues something; every other order
    // carries the evaluator's reason, so matched + reasons always adds up to the orders replayed.
    if (proposal || result.issues.length > 0)
      record(tally, rule, o, proposal?.points ?? 0, proposal?.uncappedPoints ?? 0, ctx.timeZone);
    else {
      const reason = result.skipped[0]?.reason ?? 'rule gave nothing';
      tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + 1);
    }
  }
  return { ...finish(tally, programme), experiments: arms.report() };
};

const finish = (tally: Tally, programme: ProgrammeSettings): SimulationReport => ({
  ...tally.report,
  customersAffected: tally.customers.size,
  costMinor: Number(
    (BigInt(tally.report.pointsIssued) * BigInt(programme.pointValueMilliMinor)) / 1000n,
  ),
  skippedReasons: [...tally.reasons.entries()]
    .map(([reason, orders]) => ({ reason, orders }))
    .sort((a, b) => b.orders - a.orders),
  pointsByDay: [...tally.days.entries()]
    .map(([day, v]) => ({ day, ...v }))
    .sort((a, b) => a.day.localeCompare(b.day)),
});
