import type { Clock } from '../shared/clock.js';
import type { ArmStore } from '../experiments/treatment.js';
import { inGlobalControl } from './global-control.js';
import { NO_TREATMENT, messageTreatments, type MessageTreatment } from './messaging.experiments.js';
import { CLAIM_LEASE_MS, type Campaign, type MessagingRepository } from './messaging.js';
import { campaignDedupeKey, type EnqueueInput } from './messaging.service.js';

export interface ExpandDeps {
  messaging: Pick<
    MessagingRepository,
    'claimDueCampaign' | 'segmentMembers' | 'finishCampaign' | 'findTemplate' | 'settings'
  >;
  experiments: ArmStore;
  /** Enqueues one message in its own transaction (consent and the cap apply per customer). */
  enqueue(input: EnqueueInput): Promise<unknown>;
  clock: Clock;
}

/**
 * The experiments' decision for a page of recipients: one read per targeting experiment and one
 * write of the page's new exposures, not a query per recipient. The global control group of a
 * marketing campaign is left out (it gets nothing, whatever its arm, and is exposed in none).
 */
const pageTreatments = async (
  deps: ExpandDeps,
  campaign: Campaign,
  page: readonly string[],
): Promise<Map<string, MessageTreatment>> => {
  const template = await deps.messaging.findTemplate(campaign.templateKey);
  const settings = await deps.messaging.settings();
  const reachable =
    template?.kind === 'marketing' ? page.filter((id) => !inGlobalControl(settings, id)) : page;
  return messageTreatments(deps.experiments, { campaignId: campaign.id }, reachable, {
    source: 'message',
    at: deps.clock.now(),
  });
};

/**
 * Turns each due campaign into one message per member of its segment, page by page. A message's
 * dedupe key is the campaign's, so an expansion cut short by a crash is simply run again (after
 * its lease) and gives nobody a second message (nor a second exposure: the first one stays).
 */
export const expandDueCampaigns = async (
  deps: ExpandDeps,
  pageSize = 200,
): Promise<{ campaigns: number; messages: number }> => {
  const result = { campaigns: 0, messages: 0 };
  for (;;) {
    const now = deps.clock.now();
    const campaign = await deps.messaging.claimDueCampaign(
      now,
      new Date(now.getTime() + 10 * CLAIM_LEASE_MS),
    );
    if (!campaign) return result;
    let after: string | null = null;
    let audience = 0;
    for (;;) {
      const page = await deps.messaging.segmentMembers(campaign.segmentId, after, pageSize);
      const treatments = await pageTreatments(deps, campaign, page);
      for (const customerId of page) {
        await deps.enqueue({
          customerId,
          templateKey: campaign.templateKey,
          dedupeKey: campaignDedupeKey(campaign.id),
          campaignId: campaign.id,
          treatment: treatments.get(customerId) ?? NO_TREATMENT,
        });
      }
      audience += page.length;
      if (page.length < pageSize) break;
      after = page[page.length - 1]!;
    }
    await deps.messaging.finishCampaign(campaign.id, audience, deps.clock.now());
    result.campaigns += 1;
    result.messages += audience;
  }
};
