import type { RuleExperiment } from './rules.experiments.js';
import type { Rule, RuleDocument, RuleTrigger } from './rules.js';

export const RULE_STATUSES = ['draft', 'active', 'archived'] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

/** A stored rule: its current version, status and history. */
export interface StoredRule extends Rule {
  name: string;
  trigger: RuleTrigger;
  status: RuleStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface RuleVersion {
  ruleId: string;
  version: number;
  status: RuleStatus;
  document: RuleDocument;
  actor: string | null;
  createdAt: Date;
}

export interface RuleRepository {
  insert(rule: StoredRule, actor: string | null): Promise<void>;
  /** Writes a new version (or status) of the rule and appends it to the history. */
  saveVersion(rule: StoredRule, actor: string | null): Promise<void>;
  findById(id: string, options?: { lock?: boolean }): Promise<StoredRule | null>;
  list(filter: { status?: RuleStatus; trigger?: RuleTrigger }): Promise<StoredRule[]>;
  versions(id: string): Promise<RuleVersion[]>;
  active(): Promise<Rule[]>;
  /** The running experiments, which the active rules' experiment conditions apply to. */
  runningExperiments(): Promise<RuleExperiment[]>;
  /** Experiments by key, whatever their status: to check and simulate rules that name them. */
  experimentsByKey(keys: string[]): Promise<RuleExperiment[]>;
  /** Points each rule awarded since `since`, with the customers and entries involved. */
  awardTotals(
    ruleIds: string[],
    since: Date,
  ): Promise<Record<string, { points: number; customers: number; awards: number }>>;
}
