import { variantFor } from './assignment.js';
import type { Experiment, ExperimentVariant, ExposureSource, Exposure } from './experiments.js';

/**
 * Which arm of the running experiments a customer is in when a treatment is about to touch them
 * (a message is made, offers are chosen), recording the first exposure of every arm alike — the
 * control and the holdout too — so neither side is counted differently.
 */

export interface ArmStore {
  /** Every running experiment. */
  running(): Promise<Experiment[]>;
  /**
   * Of these customers, those in the experiment's population, each with the arm recorded at
   * their exposure, or null when not exposed yet. Fixed population: the exposed. Open: the
   * exposed and the segment's current members (every non-erased customer without a segment).
   */
  members(
    experiment: Experiment,
    customerIds: readonly string[],
  ): Promise<Map<string, string | null>>;
  /** First exposure wins; the customers already exposed are left as they are. */
  recordExposures(exposures: Exposure[]): Promise<number>;
}

export interface CustomerArm {
  experiment: Experiment;
  variant: ExperimentVariant;
}

/** When the arms are read for a treatment (not for a preview), the exposure to record. */
export interface ExposureAt {
  source: ExposureSource;
  at: Date;
}

const armNamed = (experiment: Experiment, key: string | null, customerId: string) =>
  (key === null ? undefined : experiment.variants.find((v) => v.key === key)) ??
  (variantFor(experiment.salt, customerId, experiment.variants) as ExperimentVariant);

/**
 * The arms these customers are in, per customer, over the given experiments (one read per
 * experiment for the whole list, one write for every new exposure). With `exposure`, members not
 * exposed yet are exposed now; without (a preview such as reach), nothing is written.
 */
export const armsOf = async (
  store: Pick<ArmStore, 'members' | 'recordExposures'>,
  experiments: readonly Experiment[],
  customerIds: readonly string[],
  exposure: ExposureAt | null,
): Promise<Map<string, CustomerArm[]>> => {
  const arms = new Map<string, CustomerArm[]>();
  if (experiments.length === 0 || customerIds.length === 0) return arms;
  const fresh: Exposure[] = [];
  for (const experiment of experiments) {
    const members = await store.members(experiment, customerIds);
    for (const [customerId, recorded] of members) {
      const variant = armNamed(experiment, recorded, customerId);
      arms.set(customerId, [...(arms.get(customerId) ?? []), { experiment, variant }]);
      if (recorded === null && exposure) {
        fresh.push({
          experimentId: experiment.id,
          customerId,
          variant: variant.key,
          exposedAt: exposure.at,
          source: exposure.source,
        });
      }
    }
  }
  if (fresh.length > 0) await store.recordExposures(fresh);
  return arms;
};

/**
 * Offers per arm: the rewards this customer must not see or redeem. A reward that any arm of a
 * running experiment names belongs to the experiment: only customers of the population whose arm
 * names it get it; everyone else (other arms, customers outside the population) does not.
 */
export const hiddenRewards = async (
  store: ArmStore,
  customerId: string,
  exposure: ExposureAt | null,
): Promise<Set<string>> => {
  const offering = (await store.running()).filter((e) =>
    e.variants.some((v) => v.rewardIds.length > 0),
  );
  if (offering.length === 0) return new Set();
  const named = new Set(offering.flatMap((e) => e.variants.flatMap((v) => v.rewardIds)));
  const arms = (await armsOf(store, offering, [customerId], exposure)).get(customerId) ?? [];
  for (const { variant } of arms) for (const id of variant.rewardIds) named.delete(id);
  return named;
};
