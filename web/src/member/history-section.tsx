import { useI18n, type I18n } from './i18n';
import type { MemberSummary } from './member-api';

type Movement = MemberSummary['history'][number];

// A code this page was built without (a newer server) still gets a neutral word.
const kindText = (kind: Movement['kind'], i18n: I18n) =>
  Object.hasOwn(i18n.t.kinds, kind) ? i18n.t.kinds[kind] : i18n.t.kinds.other;

/** A movement changes the spendable balance, or else only the pending points (marked so). */
const pointsText = (movement: Movement, i18n: I18n) =>
  movement.points !== 0 || movement.pendingPoints === 0
    ? i18n.signed(movement.points)
    : `${i18n.signed(movement.pendingPoints)} (${i18n.t.pendingTag})`;

/** The latest ledger movements, newest first. */
export const HistorySection = ({ history }: { history: Movement[] }) => {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section className="panel member-panel" aria-labelledby="member-history-heading">
      <h2 id="member-history-heading">{t.historyHeading}</h2>
      {history.length === 0 ? (
        <p className="empty">{t.historyEmpty}</p>
      ) : (
        <table className="member-history">
          <thead>
            <tr>
              <th scope="col">{t.historyDate}</th>
              <th scope="col">{t.historyActivity}</th>
              <th scope="col" className="num">
                {t.historyPoints}
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((movement) => (
              <tr key={movement.id}>
                <td>{i18n.date(movement.at)}</td>
                <td>
                  {kindText(movement.kind, i18n)}
                  {movement.description && (
                    <span className="member-history-note">{movement.description}</span>
                  )}
                </td>
                <td className={`num ${movement.points < 0 ? 'bad' : ''}`}>
                  {pointsText(movement, i18n)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
