import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import {
  experimentConditionIssues,
  experimentKeysOf,
  unknownExperimentInRule,
} from './rules.experiments.js';
import type { RuleDocument } from './rules.js';
import type { RuleRepository, RuleStatus, RuleVersion, StoredRule } from './rules.store.js';

/**
 * Rules are saved as versions: every change writes version n+1 and keeps n in the history, so an
 * earn entry's rule id and version always say which text produced it. Activating a rule makes it
 * apply to the next event; archiving stops it. Documents arrive validated (zod at the edge).
 */
export interface RuleServiceDeps {
  rules: RuleRepository;
  clock: Clock;
}

export const ruleNotFound = (id: string) =>
  new DomainError('not_found', 'rule_not_found', `No rule ${id}`, { ruleId: id });

/** A rule may only name experiments and arms that exist (any status: a draft can be prepared). */
const checkExperiments = async (rules: RuleRepository, document: RuleDocument) => {
  const keys = experimentKeysOf(document);
  if (keys.length === 0) return;
  const issues = experimentConditionIssues(
    document,
    await rules.experimentsByKey([...new Set(keys)]),
    'document.',
  );
  if (issues.length > 0) throw unknownExperimentInRule(issues);
};

export const createRule = async (
  deps: RuleServiceDeps,
  input: { document: RuleDocument; status: Exclude<RuleStatus, 'archived'> },
  actor: string | null,
): Promise<StoredRule> => {
  await checkExperiments(deps.rules, input.document);
  const now = deps.clock.now();
  const rule: StoredRule = {
    id: newId('rule'),
    version: 1,
    name: input.document.name,
    trigger: input.document.trigger,
    status: input.status,
    document: input.document,
    createdAt: now,
    updatedAt: now,
  };
  await deps.rules.insert(rule, actor);
  return rule;
};

export const getRule = async (deps: Pick<RuleServiceDeps, 'rules'>, id: string) => {
  const rule = await deps.rules.findById(id);
  if (!rule) throw ruleNotFound(id);
  return rule;
};

/** A new version with a new document, a new status, or both; the row is locked meanwhile. */
export const reviseRule = async (
  deps: RuleServiceDeps,
  id: string,
  change: { document?: RuleDocument; status?: RuleStatus },
  actor: string | null,
): Promise<StoredRule> => {
  const current = await deps.rules.findById(id, { lock: true });
  if (!current) throw ruleNotFound(id);
  if (change.document) await checkExperiments(deps.rules, change.document);
  const document = change.document ?? current.document;
  const next: StoredRule = {
    ...current,
    version: current.version + 1,
    name: document.name,
    trigger: document.trigger,
    document,
    status: change.status ?? current.status,
    updatedAt: deps.clock.now(),
  };
  await deps.rules.saveVersion(next, actor);
  return next;
};

export const listRules = (
  deps: Pick<RuleServiceDeps, 'rules'>,
  filter: Parameters<RuleRepository['list']>[0],
): Promise<StoredRule[]> => deps.rules.list(filter);

export const ruleHistory = async (
  deps: Pick<RuleServiceDeps, 'rules'>,
  id: string,
): Promise<RuleVersion[]> => {
  await getRule(deps, id);
  return deps.rules.versions(id);
};
