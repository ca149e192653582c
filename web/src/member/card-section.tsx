import { useI18n } from './i18n';
import type { MemberSummary } from './member-api';

/** `crd_01JD3Q4X…` → `01JD 3Q4X …`: easier to read out at a till than one long string. */
const cardNumberOf = (cardId: string) =>
  cardId
    .replace(/^crd_/, '')
    .replace(/(.{4})(?=.)/g, '$1 ')
    .trim();

/** The digital card: what the member shows at the till. */
export const CardSection = ({ summary }: { summary: MemberSummary }) => {
  const { t } = useI18n();
  return (
    <section className="member-card" aria-labelledby="member-card-heading">
      <div className="member-card-top">
        <h2 id="member-card-heading">{t.cardHeading}</h2>
        <span className="member-card-brand">{summary.programme.name}</span>
      </div>
      <div className="member-qr-frame">
        <img
          className="member-qr"
          src={summary.card.qrSvgUrl}
          alt={t.qrAlt}
          width={220}
          height={220}
        />
      </div>
      {summary.customer.name && <p className="member-card-holder">{summary.customer.name}</p>}
      <p className="member-card-number">
        <span className="member-card-label">{t.cardNumber}</span>
        <span className="member-card-digits">{cardNumberOf(summary.card.cardId)}</span>
      </p>
      <p className="member-card-hint">{t.cardHint}</p>
    </section>
  );
};
