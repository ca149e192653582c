import { fill } from './i18n/messages';
import { useI18n, type I18n } from './i18n';
import type { MemberSummary } from './member-api';

type Tier = NonNullable<MemberSummary['tier']>;

/** "120 more points to reach Gold", in the tier's own metric (points, spend or orders). */
const remainingText = (tier: Tier, i18n: I18n, currency: string) => {
  const next = tier.next!;
  const { t } = i18n;
  switch (tier.metric) {
    case 'spend':
      return fill(t.toNextSpend, { amount: i18n.money(next.remaining, currency), tier: next.name });
    case 'orders':
      return i18n.plural(t.toNextOrders, next.remaining, { tier: next.name });
    default:
      return i18n.plural(t.toNextPoints, next.remaining, { tier: next.name });
  }
};

/** The member's tier, a bar towards the next one and the tier's benefits. */
export const TierSection = ({ tier, currency }: { tier: Tier; currency: string }) => {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="panel member-panel" aria-labelledby="member-tier-heading">
      <h2 id="member-tier-heading">{t.tierHeading}</h2>
      {tier.current ? (
        <p className="member-tier-name">{tier.current.name}</p>
      ) : (
        <p className="empty">{t.tierNone}</p>
      )}
      {tier.next ? (
        <>
          <div
            className="member-progress"
            role="progressbar"
            aria-label={fill(t.tierProgressLabel, { tier: tier.next.name })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={tier.next.percent}
            aria-valuetext={`${i18n.number(tier.next.percent)} %`}
          >
            <div className="member-progress-fill" style={{ width: `${tier.next.percent}%` }} />
          </div>
          <p>{remainingText(tier, i18n, currency)}</p>
        </>
      ) : (
        tier.current && <p>{t.tierTop}</p>
      )}
      {tier.current && tier.current.benefits.length > 0 && (
        <>
          <h3>{t.benefitsHeading}</h3>
          <ul className="member-list">
            {tier.current.benefits.map((benefit) => (
              <li key={benefit}>{benefit}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
};
