import { formatNumber, formatPercent } from '../../shared/format';
import { Empty } from '../ui';
import { formatDay, formatPeriod } from './dates';
import { HeatLegend, heatClass } from './heat';
import type { CohortCell, CohortReport } from './types';

const unitOf = (report: CohortReport) => (report.granularity === 'month' ? 'month' : 'quarter');

const Cell = ({
  cell,
  cohort,
  report,
}: {
  cell: CohortCell;
  cohort: string;
  report: CohortReport;
}) => {
  const where = `${cohort}, ${unitOf(report)} ${cell.offset}`;
  if (cell.retentionPct === null || cell.customers === null) {
    return (
      <td className="unobserved" title={`${where}: not observed yet`}>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">not observed yet</span>
      </td>
    );
  }
  const partial =
    cell.partial && report.observedUntil
      ? ` (partial: data up to ${formatDay(report.observedUntil)}, exclusive)`
      : '';
  return (
    <td
      className={`${heatClass(cell.retentionPct)}${cell.partial ? ' partial' : ''}`}
      title={`${where}: ${formatNumber(cell.customers)} customers bought, ${formatPercent(cell.retentionPct)}${partial}`}
    >
      {formatPercent(cell.retentionPct, 0)}
      {cell.partial && <span aria-hidden="true">*</span>}
    </td>
  );
};

/**
 * The cohort matrix as a table: one row per acquisition cohort, one column per period after the
 * first purchase; each cell shows the percentage (the colour only repeats it).
 */
export const CohortHeatmap = ({ report }: { report: CohortReport }) => {
  const cohorts = report.cohorts.filter((c) => c.customers > 0);
  if (cohorts.length === 0) {
    return <Empty>No customer made a first purchase in this range yet.</Empty>;
  }
  const offsets = Array.from({ length: report.offsets }, (_, k) => k);
  const unit = unitOf(report);
  return (
    <>
      <table className="heatmap">
        <caption className="visually-hidden">
          Share of each cohort buying again, by {unit}s after the first purchase
        </caption>
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col" className="num">
              Customers
            </th>
            {offsets.map((k) => (
              <th
                key={k}
                scope="col"
                className="num"
                title={`${k} ${unit}s after the first purchase`}
              >
                {k === 0 ? `${unit[0]!.toUpperCase()}${unit.slice(1)} 0` : k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((c) => {
            const name = formatPeriod(report.granularity, c.start);
            return (
              <tr key={c.start}>
                <th scope="row">{name}</th>
                <td className="num">{formatNumber(c.customers)}</td>
                {offsets.map((k) => {
                  const cell = c.cells.find((x) => x.offset === k);
                  return cell ? (
                    <Cell key={k} cell={cell} cohort={name} report={report} />
                  ) : (
                    <td key={k} className="unobserved">
                      –
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">All cohorts</th>
            <td className="num">{formatNumber(cohorts.reduce((n, c) => n + c.customers, 0))}</td>
            {offsets.map((k) => {
              const point = report.average.find((a) => a.offset === k);
              const value = point?.retentionPct ?? null;
              return (
                <td
                  key={k}
                  className={value === null ? 'unobserved' : heatClass(value)}
                  title={
                    point && value !== null
                      ? `Weighted average of ${formatNumber(point.cohorts)} cohorts (${formatNumber(point.customers)} customers)`
                      : 'No fully observed cohort yet'
                  }
                >
                  {formatPercent(value, 0)}
                </td>
              );
            })}
          </tr>
        </tfoot>
      </table>
      <HeatLegend label="Colour scale: share of the cohort buying in the period" />
    </>
  );
};
