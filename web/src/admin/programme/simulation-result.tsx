import { formatDate, formatMoney, formatNumber, formatPercent } from '../../shared/format';
import { Empty } from '../ui';
import type { RuleSimulation } from './types';

/** The period's end is exclusive: its last moment is on the day the admin chose as the end. */
const lastMoment = (end: string) => new Date(Date.parse(end) - 1).toISOString();

/** What a draft rule would have done over past orders (POST /v1/rules/simulate). */
export const SimulationResult = ({ result }: { result: RuleSimulation }) => (
  <section aria-label="Simulation result" className="prog-simulation">
    <h3>
      Simulation: {formatDate(result.from)} to {formatDate(lastMoment(result.to))}
    </h3>
    {result.ordersEvaluated === 0 ? (
      <Empty>No orders were placed in this period, so there was nothing to replay.</Empty>
    ) : (
      <>
        <dl className="figure-list">
          <div>
            <dt>Orders that would earn</dt>
            <dd>
              {formatNumber(result.ordersMatched)} of {formatNumber(result.ordersEvaluated)} (
              {formatPercent((result.ordersMatched / result.ordersEvaluated) * 100)})
            </dd>
          </div>
          <div>
            <dt>Customers who would earn</dt>
            <dd>{formatNumber(result.customersAffected)}</dd>
          </div>
          <div>
            <dt>Points issued</dt>
            <dd>{formatNumber(result.pointsIssued)}</dd>
          </div>
          <div>
            <dt>Points without the caps</dt>
            <dd>{formatNumber(result.pointsBeforeCaps)}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd>{formatMoney(result.costMinor, result.currency)}</dd>
          </div>
        </dl>
        {result.skippedReasons.length > 0 && (
          <table>
            <caption>Why other orders did not qualify</caption>
            <thead>
              <tr>
                <th>Reason</th>
                <th className="num">Orders</th>
              </tr>
            </thead>
            <tbody>
              {result.skippedReasons.map((r) => (
                <tr key={r.reason}>
                  <td>{r.reason}</td>
                  <td className="num">{formatNumber(r.orders)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>Orders that qualified</td>
                <td className="num">{formatNumber(result.ordersMatched)}</td>
              </tr>
              <tr>
                <th scope="row">All orders in the period</th>
                <td className="num">{formatNumber(result.ordersEvaluated)}</td>
              </tr>
            </tfoot>
          </table>
        )}
        <PointsByDay days={result.pointsByDay} />
      </>
    )}
  </section>
);

/** Bars of points per day; every bar has a title, and the figures are in a table beneath. */
const PointsByDay = ({ days }: { days: RuleSimulation['pointsByDay'] }) => {
  if (days.length === 0) return null;
  const max = Math.max(1, ...days.map((d) => d.points));
  const width = 600;
  const height = 80;
  const bar = width / days.length;
  const total = days.reduce((sum, d) => sum + d.points, 0);
  return (
    <figure className="prog-points-by-day">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Points by day: ${formatNumber(total)} points over ${days.length} days, at most ${formatNumber(max)} in a day`}
      >
        {days.map((d, i) => {
          const h = (d.points / max) * height;
          return (
            <rect key={d.day} x={i * bar} y={height - h} width={Math.max(bar - 1, 1)} height={h}>
              <title>{`${d.day}: ${formatNumber(d.points)} points, ${formatNumber(d.orders)} orders`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="muted">Points by day (UTC)</figcaption>
      <details>
        <summary>Points by day as a table</summary>
        <table>
          <thead>
            <tr>
              <th>Day</th>
              <th className="num">Orders</th>
              <th className="num">Points</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td>{d.day}</td>
                <td className="num">{formatNumber(d.orders)}</td>
                <td className="num">{formatNumber(d.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
