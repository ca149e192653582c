import type { EventOf } from '../events/events.js';
import { creditAward, reverseAward } from '../ledger/ledger.service.js';
import { getOrder } from '../orders/orders.service.js';
import { REFERRER_CAP_REACHED, type Referral } from './referrals.js';
import {
  calendarYearOf,
  orderQualifies,
  referrerCapReached,
  returnReverses,
} from './referrals.policy.js';
import { attributeReferral, getReferralSettings, type ReferralDeps } from './referrals.service.js';

/**
 * The referral programme's answers to domain events. Each runs inside the transaction that emitted
 * the event, so a referral converts or reverses together with the order or return that caused it.
 */

export const awardKeys = (referralId: string) => ({
  referrer: `referral:${referralId}:referrer`,
  friend: `referral:${referralId}:friend`,
});

/** A customer who signed up with a referral code is attributed, or the refusal is recorded. */
export const referOnSignUp = async (
  deps: ReferralDeps,
  event: EventOf<'customer.created'>,
): Promise<void> => {
  if (!event.customerId || event.data.referralCode === null) return;
  await attributeReferral(
    deps,
    { code: event.data.referralCode, customerId: event.customerId },
    'signup',
  );
};

const credit = async (
  deps: ReferralDeps,
  referral: Referral,
  side: 'referrer' | 'friend',
  points: number,
  orderId: string,
) => {
  const customerId = side === 'friend' ? referral.referredId : referral.referrerId!;
  const credited = await creditAward(deps, deps.programme, {
    customerId,
    points,
    idempotencyKey: awardKeys(referral.id)[side],
    reason: `referral.${side}`,
    // The order is the friend's: the referrer's entry does not point at another member's order.
    orderId: side === 'friend' ? orderId : null,
  });
  if (!credited?.created) return;
  deps.events.emit({
    type: 'points.earned',
    customerId,
    occurredAt: deps.clock.now(),
    data: {
      points,
      entryId: credited.entry.id,
      reason: `referral.${side}`,
      orderId: side === 'friend' ? orderId : null,
      eventId: referral.id,
      pending: false,
    },
  });
};

/**
 * The friend's first qualifying order converts their pending referral: the friend is credited,
 * and the referrer too unless they were already paid for the year's maximum of conversions (then
 * the referral converts with `referrer_cap_reached` and no referrer points).
 */
export const convertOnOrder = async (
  deps: ReferralDeps,
  event: EventOf<'order.earned'>,
): Promise<void> => {
  if (!event.customerId) return;
  const referral = await deps.referrals.liveForReferred(event.customerId);
  if (referral?.status !== 'pending' || referral.referrerId === null) return;
  const settings = await getReferralSettings(deps);
  if (!settings.enabled || !orderQualifies(settings, deps.programme.currency, event.data)) return;
  // The referrer's lock makes count-then-convert atomic: two friends of one member converting at
  // once are counted one after the other, so the cap cannot be overshot.
  await deps.ledger.lockMember(referral.referrerId);
  const now = deps.clock.now();
  const year = calendarYearOf(now, deps.programme.timeZone);
  const paid = await deps.referrals.countPaidConversions(referral.referrerId, year.from, year.to);
  const capped = referrerCapReached(settings, paid);
  const update = {
    orderId: event.data.orderId,
    minOrderMinor: settings.minOrderMinor,
    referrerPoints: capped ? 0 : settings.referrerPoints,
    friendPoints: settings.friendPoints,
    reason: capped ? REFERRER_CAP_REACHED : null,
    at: now,
  };
  // Only one transaction moves it out of pending; a concurrent one finds nothing to convert.
  if (!(await deps.referrals.markConverted(referral, update))) return;
  await credit(deps, referral, 'friend', update.friendPoints, update.orderId);
  await credit(deps, referral, 'referrer', update.referrerPoints, update.orderId);
  deps.events.emit({
    type: 'referral.converted',
    customerId: referral.referrerId,
    occurredAt: now,
    data: {
      referralId: referral.id,
      referrerId: referral.referrerId,
      referredId: referral.referredId,
      orderId: update.orderId,
    },
  });
};

/**
 * A return that leaves the converting order below the minimum it converted at (or returns it whole)
 * takes both rewards back; points already spent are recorded as unrecovered. Once reversed, later
 * returns of the order change nothing.
 */
export const reverseOnReturn = async (
  deps: ReferralDeps,
  event: EventOf<'order.returned'>,
): Promise<void> => {
  if (!event.customerId) return;
  const referral = await deps.referrals.findByOrder(event.customerId, event.data.orderId);
  if (referral?.status !== 'converted' || referral.referrerId === null) return;
  const order = await getOrder(deps, event.data.orderId);
  const returnedMinor = order.lines.reduce(
    (sum, l) => sum + l.returnedQuantity * l.unitPriceMinor,
    0,
  );
  const reverses = returnReverses({
    totalMinor: order.totalMinor,
    returnedMinor,
    minOrderMinor: referral.minOrderMinor ?? 0,
    fullyReturned: event.data.fullyReturned,
  });
  if (!reverses) return;
  const now = deps.clock.now();
  const update = { returnId: event.data.returnId, at: now };
  if (!(await deps.referrals.markReversed(referral, update))) return;
  const keys = awardKeys(referral.id);
  const reason = `referral.reversed: order ${order.id} returned`;
  const friend = await reverseAward(deps, deps.programme, {
    customerId: referral.referredId,
    awardKey: keys.friend,
    reason,
  });
  const referrer = await reverseAward(deps, deps.programme, {
    customerId: referral.referrerId,
    awardKey: keys.referrer,
    reason,
  });
  await deps.referrals.recordUnrecovered(referral, referrer.unrecovered, friend.unrecovered);
  deps.events.emit({
    type: 'referral.reversed',
    customerId: referral.referrerId,
    occurredAt: now,
    data: {
      referralId: referral.id,
      referrerId: referral.referrerId,
      referredId: referral.referredId,
      orderId: order.id,
    },
  });
};
