import { useEffect, useMemo, useState } from 'react';
import { CardSection } from './card-section';
import { CouponsSection } from './coupons-section';
import { HistorySection } from './history-section';
import { chooseLocale, I18nContext, makeI18n, useI18n } from './i18n';
import { fill } from './i18n/messages';
import { tokenFromPath, useMemberSummary, type MemberSummary, type Redemption } from './member-api';
import { PointsSection } from './points-section';
import { ReferralSection } from './referral-section';
import { RewardsSection } from './rewards-section';
import { CardError, LoadingCard } from './states';
import { TierSection } from './tier-section';

const browserLanguages = () =>
  navigator.languages.length > 0 ? navigator.languages : [navigator.language];

/** Texts, numbers and dates in the member's language: their own locale once the API has told. */
const useMemberI18n = (summary: MemberSummary | undefined) => {
  const tags = summary?.customer.locale ? [summary.customer.locale] : browserLanguages();
  const { language, locale } = chooseLocale(tags);
  const i18n = useMemo(() => makeI18n({ language, locale }), [language, locale]);
  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = i18n.t.documentTitle;
  }, [i18n]);
  return i18n;
};

const MemberView = ({ summary, token }: { summary: MemberSummary; token: string }) => {
  const { t } = useI18n();
  const name = summary.customer.firstName ?? summary.customer.name;
  const [fresh, setFresh] = useState<Redemption[]>([]);
  const shown = new Set(fresh.map((r) => r.coupon.code));
  const wallet = summary.coupons.filter((c) => !shown.has(c.code));
  return (
    <>
      <header className="member-header">
        <h1 className="member-title">{name ? fill(t.greeting, { name }) : t.greetingNoName}</h1>
      </header>
      <div className="member-grid">
        <div className="member-column">
          <CardSection summary={summary} />
          <PointsSection points={summary.points} />
          {summary.tier && (
            <TierSection tier={summary.tier} currency={summary.programme.currency} />
          )}
        </div>
        <div className="member-column">
          <RewardsSection
            token={token}
            rewards={summary.rewards}
            balance={summary.points.balance}
            currency={summary.programme.currency}
            fresh={fresh}
            onRedeemed={(redemption) => setFresh((list) => [redemption, ...list])}
          />
          {/* Only coupons not shown above; none at all is worth saying only before any redeem. */}
          {(wallet.length > 0 || fresh.length === 0) && (
            <CouponsSection coupons={wallet} currency={summary.programme.currency} />
          )}
          {summary.referral && <ReferralSection referral={summary.referral} />}
          <HistorySection history={summary.history} />
        </div>
      </div>
    </>
  );
};

const MemberPage = ({ token }: { token: string }) => {
  const query = useMemberSummary(token);
  const i18n = useMemberI18n(query.data);
  let body;
  if (query.data) body = <MemberView summary={query.data} token={token} />;
  else if (query.error)
    body = <CardError error={query.error} onRetry={() => void query.refetch()} />;
  else body = <LoadingCard />;
  return (
    <I18nContext.Provider value={i18n}>
      <main className="member">{body}</main>
    </I18nContext.Provider>
  );
};

/** An address without a card token: said plainly, in the browser's language. */
const NoCard = () => {
  const i18n = useMemberI18n(undefined);
  return (
    <I18nContext.Provider value={i18n}>
      <main className="member">
        <CardError error={null} />
      </main>
    </I18nContext.Provider>
  );
};

/** The member page at /m/{card token}: the token in the address is the member's credential. */
export const MemberApp = () => {
  const token = tokenFromPath(window.location.pathname);
  return token ? <MemberPage token={token} /> : <NoCard />;
};
