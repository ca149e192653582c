import { startOfLocalDay, zonedParts } from '../shared/zoned-time.js';
import type { RefusalReason, ReferralSettings } from './referrals.js';

/** The pure decisions of the referral programme: who may refer whom, what converts, what reverses. */

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * One mailbox, however it is written: case-insensitive, without a `+tag`, and for Gmail without
 * the dots it ignores. `Ann.Lee+friend@GoogleMail.com` and `annlee@gmail.com` are one person.
 */
export const emailForMatching = (email: string | null): string | null => {
  if (!email) return null;
  const trimmed = email.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return trimmed;
  let local = trimmed.slice(0, at).split('+')[0] ?? '';
  let domain = trimmed.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replace(/\./g, '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
};

/** A phone number's digits, an international `00` prefix read as `+`: `+44 20…` = `0044 20…`. */
export const phoneForMatching = (phone: string | null): string | null => {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '').replace(/^00/, '');
  return digits.length >= 5 ? digits : null;
};

export interface Identity {
  id: string;
  email: string | null;
  phone: string | null;
}

/** Why a member may not refer this friend as themselves, or null. */
export const selfReferralReason = (referrer: Identity, friend: Identity): RefusalReason | null => {
  if (referrer.id === friend.id) return 'same_customer';
  const email = emailForMatching(referrer.email);
  if (email !== null && email === emailForMatching(friend.email)) return 'same_email';
  const phone = phoneForMatching(referrer.phone);
  if (phone !== null && phone === phoneForMatching(friend.phone)) return 'same_phone';
  return null;
};

/** An order converts when it is in the programme currency and reaches the minimum. */
export const orderQualifies = (
  settings: Pick<ReferralSettings, 'minOrderMinor'>,
  programmeCurrency: string,
  order: { currency: string; totalMinor: number },
): boolean => order.currency === programmeCurrency && order.totalMinor >= settings.minOrderMinor;

/**
 * The converting order's rewards are taken back when it is returned whole, or when what is left of
 * it falls below the minimum that was in force when it converted.
 */
export const returnReverses = (input: {
  totalMinor: number;
  returnedMinor: number;
  minOrderMinor: number;
  fullyReturned: boolean;
}): boolean =>
  input.fullyReturned ||
  input.returnedMinor >= input.totalMinor ||
  input.totalMinor - input.returnedMinor < input.minOrderMinor;

/** The calendar year around an instant in the programme's time zone, as [from, to). */
export const calendarYearOf = (at: Date, timeZone: string): { from: Date; to: Date } => {
  const { year } = zonedParts(at, timeZone);
  return {
    from: startOfLocalDay(year, 1, 1, timeZone),
    to: startOfLocalDay(year + 1, 1, 1, timeZone),
  };
};

/** True when the referrer has already been paid for as many conversions as the year allows. */
export const referrerCapReached = (
  settings: Pick<ReferralSettings, 'maxConversionsPerReferrer'>,
  paidThisYear: number,
): boolean =>
  settings.maxConversionsPerReferrer !== null && paidThisYear >= settings.maxConversionsPerReferrer;
