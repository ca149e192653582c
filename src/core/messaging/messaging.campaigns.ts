import type { Clock } from '../shared/clock.js';
import { CLAIM_LEASE_MS, type MessagingRepository } from './messaging.js';
import { campaignDedupeKey, type EnqueueInput } from './messaging.service.js';

export interface ExpandDeps {
  messaging: Pick<MessagingRepository, 'claimDueCampaign' | 'segmentMembers' | 'finishCampaign'>;
  /** Enqueues one message in its own transaction (consent and the cap apply per customer). */
  enqueue(input: EnqueueInput): Promise<unknown>;
  clock: Clock;
}

/**
 * Turns each due campaign into one message per member of its segment, page by page. A message's
 * dedupe key is the campaign's, so an expansion cut short by a crash is simply run again (after
 * its lease) and gives nobody a second message.
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
      for (const customerId of page) {
        await deps.enqueue({
          customerId,
          templateKey: campaign.templateKey,
          dedupeKey: campaignDedupeKey(campaign.id),
          campaignId: campaign.id,
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
