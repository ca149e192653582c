import { formatNumber, formatPercent } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { addDays, formatDay, formatMonth, monthTicks } from './dates';
import { PercentLineChart } from './line-chart';
import { useMonthlyRetention, type DayWindow } from './queries';
import type { RetentionReport } from './types';

/** A month the end date cuts short: its figures are for the days up to the end date only. */
const isPartial = (end: string, to: string) => end > addDays(to, 1);

const TrendTable = ({ report }: { report: RetentionReport }) => (
  <details className="figures">
    <summary>Monthly figures</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col" className="num">
            Active at start
          </th>
          <th scope="col" className="num">
            New
          </th>
          <th scope="col" className="num">
            Churned
          </th>
          <th scope="col" className="num">
            Retention (CRR)
          </th>
          <th scope="col" className="num">
            Churn rate
          </th>
          <th scope="col" className="num">
            Buyers
          </th>
          <th scope="col" className="num">
            Repeat-purchase rate
          </th>
        </tr>
      </thead>
      <tbody>
        {report.periods.map((p) => (
          <tr key={p.start}>
            <th scope="row">
              {formatMonth(p.start)}
              {isPartial(p.end, report.to) && (
                <span className="muted"> (to {formatDay(report.to)})</span>
              )}
            </th>
            <td className="num">{formatNumber(p.customers.atStart)}</td>
            <td className="num">{formatNumber(p.customers.new)}</td>
            <td className="num">{formatNumber(p.customers.churned)}</td>
            <td className="num">{formatPercent(p.retentionRatePct)}</td>
            <td className="num">{formatPercent(p.churnRatePct)}</td>
            <td className="num">{formatNumber(p.buyers.total)}</td>
            <td className="num">{formatPercent(p.repeatPurchaseRatePct)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </details>
);

const Trend = ({ report }: { report: RetentionReport }) => {
  if (report.periods.every((p) => p.customers.atStart === 0 && p.buyers.total === 0)) {
    return (
      <Empty>No purchases in these twelve months yet, so there is no retention to show.</Empty>
    );
  }
  const labels = report.periods.map((p) => formatMonth(p.start));
  const last = report.periods.at(-1);
  return (
    <>
      <PercentLineChart
        labels={labels}
        axis={monthTicks(report.periods.map((p) => p.start))}
        description={`Customer retention rate and repeat-purchase rate per month, ${labels[0]} to ${labels.at(-1)}. The figures are in the table below.`}
        series={[
          {
            label: 'Retention rate (CRR)',
            values: report.periods.map((p) => p.retentionRatePct),
            style: 'solid',
          },
          {
            label: 'Repeat-purchase rate',
            values: report.periods.map((p) => p.repeatPurchaseRatePct),
            style: 'dashed',
          },
        ]}
      />
      <p className="muted caption">
        <strong>Retention rate (CRR)</strong>: of the customers active at the start of a month
        (bought in the previous {formatNumber(report.activeDays)} days), the share still active at
        its end, not counting customers new that month: (end − new) ÷ start.{' '}
        <strong>Repeat-purchase rate</strong>: share of the month&rsquo;s buyers who bought on two
        or more days.
        {last && isPartial(last.end, report.to) && (
          <>
            {' '}
            {formatMonth(last.start)} runs only to {formatDay(report.to)}.
          </>
        )}
      </p>
      <TrendTable report={report} />
    </>
  );
};

/** CRR and repeat-purchase rate per calendar month over the twelve months up to the end date. */
export const RetentionTrend = ({ months }: { months: DayWindow }) => {
  const retention = useMonthlyRetention(months);
  return (
    <Panel title="Retention, last 12 months">
      <Loaded query={retention} what="the retention trend">
        {(report) => <Trend report={report} />}
      </Loaded>
    </Panel>
  );
};
