import { customerNotFound } from '../customers/customers.errors.js';
import { segmentNotFound, templateNotFound } from './messaging.errors.js';
import { inGlobalControl } from './global-control.js';
import { messageTreatments } from './messaging.experiments.js';
import { capWindowStart, suppressionGiven, type MessagingDeps } from './messaging.service.js';
import type { SuppressionReason } from './messaging.js';

/** Who a campaign would reach if it were sent now, and why the others would not get it. */
export interface CampaignReach {
  segmentSize: number;
  willReceive: number;
  /** Members suppressed, by the reason the send would record (no_email, global_control,
   * experiment_holdout, no_consent, frequency_cap). */
  excluded: Record<Exclude<SuppressionReason, 'template_missing'>, number>;
}

const PAGE = 200;

/**
 * Walks the segment's members as the campaign expansion does and asks each the very question
 * enqueue asks (suppressionGiven), so the count equals what a send made now would queue. A page
 * of members costs two reads (their records, their e-mails in the cap's window), not two each,
 * plus one per running experiment targeting the campaign (`campaignId`: a scheduled campaign's
 * holdout is counted as experiment_holdout; a preview exposes nobody).
 */
export const campaignReach = async (
  deps: MessagingDeps,
  input: { templateKey: string; segmentId: string; campaignId?: string | null },
): Promise<CampaignReach> => {
  const template = await deps.messaging.findTemplate(input.templateKey);
  if (!template) throw templateNotFound(input.templateKey);
  if (!(await deps.messaging.segmentExists(input.segmentId))) {
    throw segmentNotFound(input.segmentId);
  }
  const reach: CampaignReach = {
    segmentSize: 0,
    willReceive: 0,
    excluded: {
      no_consent: 0,
      no_email: 0,
      frequency_cap: 0,
      global_control: 0,
      experiment_holdout: 0,
    },
  };
  const settings = await deps.messaging.settings();
  const since = capWindowStart(deps, settings);
  let after: string | null = null;
  for (;;) {
    const page = await deps.messaging.segmentMembers(input.segmentId, after, PAGE);
    const records = page.length
      ? (await deps.customers.search({ ids: page, limit: page.length })).customers
      : [];
    const byId = new Map(records.map((c) => [c.id, c]));
    const recent =
      template.kind === 'marketing' && page.length
        ? await deps.messaging.countMarketingSinceMany(page, since)
        : new Map<string, number>();
    const reachable =
      template.kind === 'marketing' ? page.filter((id) => !inGlobalControl(settings, id)) : page;
    const treatments = await messageTreatments(
      deps.experiments,
      { campaignId: input.campaignId ?? null },
      reachable,
      null,
    );
    for (const customerId of page) {
      reach.segmentSize += 1;
      const customer = byId.get(customerId);
      // segment_member references customer, so this holds; enqueue would refuse the same way.
      if (!customer) throw customerNotFound(customerId);
      const treatment = treatments.get(customerId);
      const reason = await suppressionGiven(
        customer,
        // A variant's template is of the same kind (or not used), so the rules are the same.
        template,
        settings,
        async () => recent.get(customerId) ?? 0,
        treatment,
      );
      if (reason === null) reach.willReceive += 1;
      else if (reason !== 'template_missing') reach.excluded[reason] += 1;
    }
    if (page.length < PAGE) return reach;
    after = page[page.length - 1]!;
  }
};
