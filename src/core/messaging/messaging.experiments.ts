import type { Experiment } from '../experiments/experiments.js';
import { armsOf, type ArmStore, type ExposureAt } from '../experiments/treatment.js';

/**
 * What the running experiments do to a campaign's or journey's message: a holdout arm gets none
 * (suppressed as experiment_holdout), an arm with a template gets that template instead.
 */

export interface MessageTreatment {
  /** The key of the experiment whose holdout arm the customer is in, or null. */
  holdoutOf: string | null;
  /** The template an arm sends instead of the message's own, or null. */
  templateKey: string | null;
}

export const NO_TREATMENT: MessageTreatment = { holdoutOf: null, templateKey: null };

/** The campaign or journey a message belongs to; a message of neither is never treated. */
export interface MessageTarget {
  campaignId?: string | null;
  journey?: string | null;
}

export const targetsMessage = (experiment: Experiment, target: MessageTarget): boolean =>
  (!!target.campaignId && experiment.targets.campaignIds.includes(target.campaignId)) ||
  (!!target.journey && (experiment.targets.journeys as string[]).includes(target.journey));

/**
 * The treatment of each customer (all of them present in the map) under the running experiments
 * that target the message. Experiments come newest first, so when two orthogonal ones both swap
 * the template, the newer wins; a holdout in either wins over any template.
 */
export const messageTreatments = async (
  store: ArmStore,
  target: MessageTarget,
  customerIds: readonly string[],
  exposure: ExposureAt | null,
): Promise<Map<string, MessageTreatment>> => {
  const treatments = new Map(customerIds.map((id) => [id, NO_TREATMENT]));
  if (!target.campaignId && !target.journey) return treatments;
  const experiments = (await store.running()).filter((e) => targetsMessage(e, target));
  const arms = await armsOf(store, experiments, customerIds, exposure);
  for (const [customerId, list] of arms) {
    treatments.set(customerId, {
      holdoutOf: list.find((a) => a.variant.holdout)?.experiment.key ?? null,
      templateKey: list.find((a) => a.variant.templateKey)?.variant.templateKey ?? null,
    });
  }
  return treatments;
};
