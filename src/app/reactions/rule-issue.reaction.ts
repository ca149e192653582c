import type { EventOf } from '../../core/events/events.js';
import { issueForRule } from '../../core/rewards/rewards.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { withRewardRepositories } from '../rewards-deps.js';

/**
 * A rule's `issue.reward` / `issue.coupon` effect gives the customer a coupon, in the transaction
 * that fired the rule; the event's source key makes a second dispatch a no-op. What it gave, or
 * why it gave nothing (reward out of stock, unknown batch), is recorded in coupon_issue.
 */
export const issueCouponForRule = async (
  uow: UnitOfWork,
  event: EventOf<'rule.issue'>,
): Promise<void> => {
  if (event.customerId === null) return;
  await issueForRule(withRewardRepositories(uow), {
    customerId: event.customerId,
    kind: event.data.kind,
    ref: event.data.ref,
    sourceKey: event.data.sourceKey,
  });
};
