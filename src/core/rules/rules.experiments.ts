import { variantFor } from '../experiments/assignment.js';
import type { Experiment, Exposure } from '../experiments/experiments.js';
import { DomainError, type FieldIssue } from '../shared/errors.js';
import type { Rule, RuleDocument } from './rules.js';

/**
 * Earning rules name an experiment's arm in a `customer.experiment` condition. A customer's arm is
 * never random: a fixed population is the customers exposed at start (their exposure row says the
 * arm), an open one is the segment's members (or everyone) while the experiment runs, placed by
 * `variantFor`. The first time a rule naming a running experiment is evaluated for a member of an
 * open population, every arm alike, the exposure is recorded, so the arms are counted the same way.
 */

export type RuleExperiment = Pick<
  Experiment,
  'id' | 'key' | 'status' | 'salt' | 'population' | 'variants' | 'startedAt'
>;

/** What the database says of one customer and the running experiments the rules name. */
export interface ExperimentFacts {
  /** The arm of each experiment the customer was exposed to, by experiment id. */
  exposed: Record<string, string>;
  /** Of the open populations' segments asked about, those the customer belongs to. */
  segmentIds: string[];
}

export const experimentKeysOf = (document: RuleDocument): string[] =>
  document.conditions.flatMap((c) => (c.type === 'customer.experiment' ? [c.key] : []));

/** The experiment keys any of the rules names; empty (the usual case) means nothing to load. */
export const namedExperiments = (rules: Rule[]): Set<string> =>
  new Set(rules.flatMap((r) => experimentKeysOf(r.document)));

/** The segments whose membership decides an open population, to read with the exposures. */
export const openSegments = (experiments: RuleExperiment[]): string[] => [
  ...new Set(
    experiments.flatMap((e) =>
      e.population.entry === 'open' && e.population.segmentId ? [e.population.segmentId] : [],
    ),
  ),
];

export interface Placement {
  /** The customer's arm of each experiment they are in, by experiment key (CustomerFacts.experiments). */
  arms: Record<string, string>;
  /** Open-population experiments the customer is in but was never exposed to. */
  unexposed: RuleExperiment[];
}

/**
 * Where the customer stands in each running experiment at `at`. An event dated before the
 * experiment started is outside it; an exposed customer keeps the arm they were exposed in.
 */
export const placeCustomer = (
  customerId: string,
  experiments: RuleExperiment[],
  facts: ExperimentFacts,
  at: Date,
): Placement => {
  const placement: Placement = { arms: {}, unexposed: [] };
  for (const e of experiments) {
    if (e.status !== 'running' || !e.startedAt || at.getTime() < e.startedAt.getTime()) continue;
    const exposedIn = facts.exposed[e.id];
    if (exposedIn !== undefined) {
      placement.arms[e.key] = exposedIn;
      continue;
    }
    if (e.population.entry === 'fixed') continue;
    const segmentId = e.population.segmentId;
    if (segmentId !== null && !facts.segmentIds.includes(segmentId)) continue;
    placement.arms[e.key] = variantFor(e.salt, customerId, e.variants).key;
    placement.unexposed.push(e);
  }
  return placement;
};

/** Exposures for the unexposed experiments that the evaluated rules name (source `rule`). */
export const exposuresFor = (
  customerId: string,
  placement: Placement,
  evaluatedRules: Rule[],
  at: Date,
): Exposure[] => {
  if (placement.unexposed.length === 0) return [];
  const named = namedExperiments(evaluatedRules);
  return placement.unexposed
    .filter((e) => named.has(e.key))
    .map((e) => ({
      experimentId: e.id,
      customerId,
      variant: placement.arms[e.key]!,
      exposedAt: at,
      source: 'rule' as const,
    }));
};

/**
 * Each experiment condition that names an experiment or arm that does not exist, by path
 * (`conditions.N.key`, `conditions.N.variant`), prefixed with where the document sits in the body.
 */
export const experimentConditionIssues = (
  document: RuleDocument,
  experiments: Pick<RuleExperiment, 'key' | 'variants'>[],
  prefix = '',
): FieldIssue[] =>
  document.conditions.flatMap((c, index): FieldIssue[] => {
    if (c.type !== 'customer.experiment') return [];
    const at = `${prefix}conditions.${index}`;
    const experiment = experiments.find((e) => e.key === c.key);
    if (!experiment) return [{ path: `${at}.key`, message: `no experiment ${c.key}` }];
    if (experiment.variants.some((v) => v.key === c.variant)) return [];
    const arms = experiment.variants.map((v) => v.key).join(', ');
    return [
      {
        path: `${at}.variant`,
        message: `experiment ${c.key} has no variant ${c.variant} (it has ${arms})`,
      },
    ];
  });

export const unknownExperimentInRule = (issues: FieldIssue[]) =>
  new DomainError(
    'invalid',
    'rule_experiment_unknown',
    `The rule names an experiment or arm that does not exist: ${issues
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ')}`,
    {},
    issues,
  );
