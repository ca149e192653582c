import type { ReactNode } from 'react';
import { ApiError } from '../shared/api';
import { fill, type RedeemErrorCode, type RedeemErrorText } from './i18n/messages';
import { useI18n, type I18n } from './i18n';
import { benefitText } from './benefit';
import { FreshCoupon } from './coupons-section';
import { useRedeem, type MemberReward, type Redemption } from './member-api';

const reasonText = (reason: MemberReward['reasons'][number], i18n: I18n) => {
  if (reason.code === 'insufficient_points')
    return i18n.plural(i18n.t.pointsMissing, reason.pointsMissing ?? 0);
  // A code this page was built without (a newer server) shows the server's own English message.
  return Object.hasOwn(i18n.t.reasons, reason.code) ? i18n.t.reasons[reason.code] : reason.message;
};

// Each code the redeem route documents needs a text here: a new one is a type error until told.
const REDEEM_ERROR_TEXT: Record<RedeemErrorCode, RedeemErrorText> = {
  insufficient_points: 'insufficient_points',
  out_of_stock: 'out_of_stock',
  reward_limit_reached: 'reward_limit_reached',
  tier_required: 'tier_required',
  reward_not_available: 'reward_not_available',
  reward_not_found: 'reward_not_available',
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

/** What the member can redeem now (a button each) and what is still out of reach, and why. */
export const RewardsSection = ({
  token,
  rewards,
  currency,
  fresh,
  onRedeemed,
}: {
  token: string;
  rewards: MemberReward[];
  currency: string;
  /** Coupons redeemed on this visit, newest first. */
  fresh: Redemption[];
  onRedeemed: (redemption: Redemption) => void;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  const redeem = useRedeem(token);
  const ready = rewards.filter((r) => r.eligible);
  const later = rewards.filter((r) => !r.eligible);

  const onRedeem = (rewardId: string) =>
    redeem.mutate(rewardId, {
      onSuccess: onRedeemed,
    });

  const item = (reward: MemberReward, action: ReactNode) => (
    <li key={reward.id} className="member-reward">
      <div className="member-reward-text">
        <strong>{reward.name}</strong>
        <span>{benefitText(reward, i18n, currency)}</span>
        {reward.description && <span className="muted">{reward.description}</span>}
        <span className="member-reward-price">{i18n.points(reward.pointsPrice)}</span>
      </div>
      {action}
    </li>
  );

  return (
    <section className="panel member-panel" aria-labelledby="member-rewards-heading">
      <h2 id="member-rewards-heading">{t.rewardsHeading}</h2>
      {/* Present from the start, so the coupon that appears in it is announced. */}
      <div role="status" aria-live="polite">
        {fresh.map((redemption) => (
          <FreshCoupon key={redemption.coupon.code} redemption={redemption} />
        ))}
      </div>
      {rewards.length === 0 && <p className="empty">{t.noRewards}</p>}
      {rewards.length > 0 && (
        <>
          <h3>{t.rewardsReady}</h3>
          {ready.length === 0 && <p className="empty">{t.noneReady}</p>}
          {ready.length > 0 && (
            <ul className="member-rewards">
              {ready.map((reward) => {
                const busy = redeem.isPending && redeem.variables === reward.id;
                const failed = redeem.isError && redeem.variables === reward.id;
                return item(
                  reward,
                  <div className="member-reward-action">
                    <button
                      type="button"
                      disabled={redeem.isPending}
                      aria-label={
                        busy
                          ? undefined
                          : fill(t.redeemFor, {
                              reward: reward.name,
                              points: i18n.points(reward.pointsPrice),
                            })
                      }
                      onClick={() => onRedeem(reward.id)}
                    >
                      {busy ? t.redeeming : t.redeem}
                    </button>
                    {failed && (
                      <p className="error" role="alert">
                        {redeemErrorText(redeem.error, i18n)}
                      </p>
                    )}
                  </div>,
                );
              })}
            </ul>
          )}
        </>
      )}
      {later.length > 0 && (
        <>
          <h3>{t.rewardsLater}</h3>
          <ul className="member-rewards">
            {later.map((reward) =>
              item(
                reward,
                <ul className="member-reasons">
                  {reward.reasons.map((reason) => (
                    <li key={reason.code}>{reasonText(reason, i18n)}</li>
                  ))}
                </ul>,
              ),
            )}
          </ul>
        </>
      )}
    </section>
  );
};
