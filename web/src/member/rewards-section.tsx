import type { ReactNode } from 'react';
import { useI18n, type I18n } from './i18n';
import { benefitText } from './benefit';
import { FreshCoupon } from './coupons-section';
import { RedeemAction } from './redeem-action';
import { useRedeem, type MemberReward, type Redemption } from './member-api';

const reasonText = (reason: MemberReward['reasons'][number], i18n: I18n) => {
  if (reason.code === 'insufficient_points')
    return i18n.plural(i18n.t.pointsMissing, reason.pointsMissing ?? 0);
  // A code this page was built without (a newer server) shows the server's own English message.
  return Object.hasOwn(i18n.t.reasons, reason.code) ? i18n.t.reasons[reason.code] : reason.message;
};

/** What the member can redeem now (a button each) and what is still out of reach, and why. */
export const RewardsSection = ({
  token,
  rewards,
  balance,
  currency,
  fresh,
  onRedeemed,
}: {
  token: string;
  rewards: MemberReward[];
  /** Spendable points now: the confirm question tells what is left after spending. */
  balance: number;
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
                const mine = redeem.variables === reward.id;
                return item(
                  reward,
                  <RedeemAction
                    reward={reward}
                    balance={balance}
                    busy={redeem.isPending && mine}
                    blocked={redeem.isPending}
                    error={redeem.isError && mine ? redeem.error : null}
                    onConfirm={() => onRedeem(reward.id)}
                  />,
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
