import type { EventOf } from '../events/events.js';
import { recordActivity, type ActivityDeps } from './activities.js';

/** The sign-up gift: enrolment is an activity, once per customer, for customer.enrolled rules. */
export const enrolMember = async (deps: ActivityDeps, event: EventOf<'customer.created'>) => {
  if (!event.customerId) return;
  // Without a sign-up rule there is nothing to give; creating customers stays as cheap as before.
  const rules = await deps.activeRules();
  if (!rules.some((r) => r.document.trigger === 'customer.enrolled')) return;
  await recordActivity(deps, {
    customerId: event.customerId,
    trigger: 'customer.enrolled',
    idempotencyKey: `enrolled:${event.customerId}`,
    occurredAt: event.occurredAt,
  });
};

/** A converted referral runs the referral.converted rules for the member who referred. */
export const referralActivity = async (
  deps: ActivityDeps,
  event: EventOf<'referral.converted'>,
) => {
  await recordActivity(deps, {
    customerId: event.data.referrerId,
    trigger: 'referral.converted',
    idempotencyKey: `referral:${event.data.referralId}`,
    occurredAt: event.occurredAt,
    payload: { referredId: event.data.referredId, orderId: event.data.orderId },
  });
};
