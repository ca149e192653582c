import { useI18n } from './i18n';
import type { MemberSummary } from './member-api';

/** The balance (large), points waiting for the return period, and what expires when. */
export const PointsSection = ({ points }: { points: MemberSummary['points'] }) => {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="panel member-panel" aria-labelledby="member-points-heading">
      <h2 id="member-points-heading">{t.pointsHeading}</h2>
      <p className="member-balance">
        <span className="member-balance-label">{t.balanceLabel}</span>
        <span className="member-balance-figure">
          <strong className="member-balance-value" data-testid="member-balance">
            {i18n.number(points.balance)}
          </strong>{' '}
          {i18n.plural(t.pointsWord, points.balance)}
        </span>
      </p>
      {points.pending > 0 && (
        <div className="member-pending">
          <p>
            <strong>{t.pendingLabel}:</strong> {i18n.points(points.pending)}
          </p>
          {points.nextPendingRelease && (
            <p>
              {i18n.plural(t.nextRelease, points.nextPendingRelease.points, {
                date: i18n.date(points.nextPendingRelease.releaseAt),
              })}
            </p>
          )}
          <p className="muted">{t.pendingHint}</p>
        </div>
      )}
      <h3>{t.expiringHeading}</h3>
      {points.expiring.length === 0 ? (
        <p className="empty">{t.noneExpiring}</p>
      ) : (
        <ul className="member-list">
          {points.expiring.map((lot) => (
            <li key={lot.expiresAt}>
              {i18n.plural(t.expiring, lot.points, { date: i18n.date(lot.expiresAt) })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
