import { DomainError } from '../shared/errors.js';
import type { RefusalReason } from './referrals.js';

const REFUSALS: Record<RefusalReason, { path: 'code' | 'customerId'; message: string }> = {
  disabled: { path: 'code', message: 'the referral programme is switched off' },
  unknown_code: { path: 'code', message: 'no member has this referral code' },
  same_customer: { path: 'customerId', message: 'a member cannot refer themselves' },
  same_email: { path: 'customerId', message: 'the customer has the referrer’s e-mail address' },
  same_phone: { path: 'customerId', message: 'the customer has the referrer’s phone number' },
  already_referred: { path: 'customerId', message: 'the customer was already referred' },
  has_orders: { path: 'customerId', message: 'only a customer without orders can be referred' },
  circular: {
    path: 'customerId',
    message: 'the customer referred this referrer, directly or through others',
  },
};

/** A refused attribution: 422 with the code `referral_<reason>`, naming the field at fault. */
export const referralRefused = (reason: RefusalReason) => {
  const { path, message } = REFUSALS[reason];
  return new DomainError(
    'invalid',
    `referral_${reason}`,
    `Referral refused: ${message}`,
    { reason },
    [{ path, message }],
  );
};
