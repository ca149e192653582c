import type { Rule } from '../rules/rules.js';
import type { Experiment } from './experiments.js';

/**
 * What two experiments both reach, by name (empty: nothing). Two experiments confound each other
 * when the same customers get both treatments through the same means: the same campaign, journey
 * or reward, or earning rules that fire on the same event. Rules name an experiment in a
 * `customer.experiment` condition; two experiments named by active rules of one trigger (the same
 * rule or two) stack their points on the same orders or activities, so they share that trigger.
 */
export const sharedReach = (a: Experiment, b: Experiment, activeRules: Rule[]): string[] => {
  const shared: string[] = [];
  const common = <T>(x: T[], y: T[]) => x.filter((v) => y.includes(v));
  for (const id of common(a.targets.campaignIds, b.targets.campaignIds)) {
    shared.push(`campaign ${id}`);
  }
  for (const journey of common(a.targets.journeys, b.targets.journeys)) {
    shared.push(`journey ${journey}`);
  }
  const rewardsOf = (e: Experiment) => [...new Set(e.variants.flatMap((v) => v.rewardIds))];
  for (const id of common(rewardsOf(a), rewardsOf(b))) shared.push(`reward ${id}`);
  const triggersA = ruleTriggersNaming(a.key, activeRules);
  const triggersB = ruleTriggersNaming(b.key, activeRules);
  for (const [trigger, names] of triggersA) {
    const others = triggersB.get(trigger);
    if (!others) continue;
    const rules = [...new Set([...names, ...others])].map((n) => `"${n}"`).join(', ');
    shared.push(`rules on ${trigger} (${rules})`);
  }
  return shared;
};

/** The triggers (a custom event by its name) of the active rules naming the experiment, with their names. */
const ruleTriggersNaming = (key: string, rules: Rule[]): Map<string, string[]> => {
  const triggers = new Map<string, string[]>();
  for (const { document } of rules) {
    const names = document.conditions.some(
      (c) => c.type === 'customer.experiment' && c.key === key,
    );
    if (!names) continue;
    const trigger =
      document.trigger === 'custom' ? `custom ${document.customEvent}` : document.trigger;
    triggers.set(trigger, [...(triggers.get(trigger) ?? []), document.name]);
  }
  return triggers;
};
