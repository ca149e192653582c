import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../shared/api';
import { fill, type RedeemErrorCode, type RedeemErrorText } from './i18n/messages';
import { useI18n, type I18n } from './i18n';
import type { MemberReward } from './member-api';

// Each code the redeem route documents needs a text here: a new one is a type error until told.
const REDEEM_ERROR_TEXT: Record<RedeemErrorCode, RedeemErrorText> = {
  insufficient_points: 'insufficient_points',
  out_of_stock: 'out_of_stock',
  reward_limit_reached: 'reward_limit_reached',
  tier_required: 'tier_required',
  reward_not_available: 'reward_not_available',
  reward_not_found: 'reward_not_available',
  // Another arm's offer (an experiment): to the member it is simply not available.
  reward_not_offered: 'reward_not_available',
  card_not_found: 'card_not_found',
  customer_not_found: 'card_not_found',
  // Keys are drawn fresh per reward, so a reused one is the page's fault, not the member's.
  idempotency_key_reused: 'generic',
};

const redeemErrorText = (error: unknown, i18n: I18n) => {
  const code = error instanceof ApiError ? error.code : null;
  const text =
    code !== null && Object.hasOwn(REDEEM_ERROR_TEXT, code)
      ? REDEEM_ERROR_TEXT[code as RedeemErrorCode]
      : 'generic';
  return i18n.t.redeemErrors[text];
};

/**
 * A reward's Redeem button, which first asks: spending points cannot be undone by the member, so
 * nothing is sent until they confirm with the price and what will be left in front of them.
 */
export const RedeemAction = ({
  reward,
  balance,
  busy,
  blocked,
  error,
  onConfirm,
}: {
  reward: MemberReward;
  balance: number;
  /** This reward's redemption is on its way. */
  busy: boolean;
  /** Some redemption is on its way: one at a time. */
  blocked: boolean;
  /** The last failure of this reward's redemption, if any. */
  error: unknown;
  onConfirm: () => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const redeemRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    // Focus follows the question: onto Confirm when asked, back to Redeem when answered.
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) redeemRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (asking) {
    const question = fill(t.confirmSpend, {
      points: i18n.points(reward.pointsPrice),
      reward: reward.name,
      left: i18n.points(Math.max(0, balance - reward.pointsPrice)),
    });
    return (
      <div className="member-reward-action member-confirm" role="group" aria-label={question}>
        <p className="member-confirm-question">{question}</p>
        <div className="member-confirm-buttons">
          <button
            ref={confirmRef}
            type="button"
            disabled={blocked}
            onClick={() => {
              setAsking(false);
              onConfirm();
            }}
          >
            {t.confirmRedeem}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            {t.cancelRedeem}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="member-reward-action">
      <button
        ref={redeemRef}
        type="button"
        disabled={blocked}
        aria-label={
          busy
            ? undefined
            : fill(t.redeemFor, { reward: reward.name, points: i18n.points(reward.pointsPrice) })
        }
        onClick={() => setAsking(true)}
      >
        {busy ? t.redeeming : t.redeem}
      </button>
      {error !== null && (
        <p className="error" role="alert">
          {redeemErrorText(error, i18n)}
        </p>
      )}
    </div>
  );
};
