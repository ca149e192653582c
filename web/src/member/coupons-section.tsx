import { useEffect, useRef } from 'react';
import { benefitText } from './benefit';
import { useI18n } from './i18n';
import { fill } from './i18n/messages';
import type { MemberCoupon, Redemption } from './member-api';

/** A coupon just issued: the code large and focused (it sits in a live region, so it is read). */
export const FreshCoupon = ({ redemption }: { redemption: Redemption }) => {
  const i18n = useI18n();
  const { t } = i18n;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="member-coupon" tabIndex={-1} ref={ref}>
      <h3>{fill(t.couponHeading, { reward: redemption.reward.name })}</h3>
      <p className="member-coupon-label">{t.couponCode}</p>
      <p className="member-coupon-code">{redemption.coupon.code}</p>
      <p>
        {redemption.coupon.validUntil
          ? fill(t.couponValidUntil, { date: i18n.date(redemption.coupon.validUntil) })
          : t.couponNoEnd}
      </p>
      <p className="muted">{t.couponHint}</p>
    </div>
  );
};

/** The member's wallet: coupons they can still use (those just shown above are left out). */
export const CouponsSection = ({
  coupons,
  currency,
}: {
  coupons: MemberCoupon[];
  currency: string;
}) => {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="panel member-panel" aria-labelledby="member-coupons-heading">
      <h2 id="member-coupons-heading">{t.couponsHeading}</h2>
      {coupons.length === 0 ? (
        <p className="empty">{t.couponsEmpty}</p>
      ) : (
        <ul className="member-rewards">
          {coupons.map((coupon) => (
            <li key={coupon.code} className="member-reward member-wallet-coupon">
              <div className="member-reward-text">
                <strong>{coupon.rewardName ?? benefitText(coupon, i18n, currency)}</strong>
                {coupon.rewardName && <span>{benefitText(coupon, i18n, currency)}</span>}
                <span className="member-coupon-code member-wallet-code">{coupon.code}</span>
                {coupon.validFrom && new Date(coupon.validFrom) > new Date() && (
                  <span>{fill(t.couponValidFrom, { date: i18n.date(coupon.validFrom) })}</span>
                )}
                <span>
                  {coupon.validUntil
                    ? fill(t.couponValidUntil, { date: i18n.date(coupon.validUntil) })
                    : t.couponNoEnd}
                </span>
                {coupon.usesLeft > 1 && (
                  <span className="muted">{i18n.plural(t.couponUsesLeft, coupon.usesLeft)}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
