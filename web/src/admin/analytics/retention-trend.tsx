import { useState } from 'react';
import { formatNumber, formatPercent } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import {
  ActiveWindowPicker,
  describeActiveWindow,
  type useActiveWindowChoice,
} from './active-window';
import { addDays, formatDay, formatMonth, monthTicks } from './dates';
import { PercentLineChart } from './line-chart';
import { useMonthlyRetention, type DayWindow } from './queries';
import type { RetentionPeriod, RetentionReport } from './types';

/** "Dec 2011 (partial: data to 9 Dec 2011)": the data ends inside the month. */
const MonthLabel = ({ period, report }: { period: RetentionPeriod; report: RetentionReport }) => (
  <>
    {formatMonth(period.start)}
    {period.partial && report.observedUntil && (
      <span className="muted">
        {' '}
        (partial: data to {formatDay(addDays(report.observedUntil, -1))})
      </span>
    )}
  </>
);

const num = (label: string) => (
  <th scope="col" className="num">
    {label}
  </th>
);

const TrendTable = ({ report }: { report: RetentionReport }) => (
  <details className="figures">
    <summary>Monthly figures</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">Month</th>
          {num('Active at start')}
          {num('Kept')}
          {num('Churned')}
          {num('Came back')}
          {num('New')}
          {num('Retention (CRR)')}
          {num('Churn rate')}
          {num('Buyers')}
          {num('Repeat-purchase rate')}
        </tr>
      </thead>
      <tbody>
        {report.periods.map((p) => (
          <tr key={p.start}>
            <th scope="row">
              <MonthLabel period={p} report={report} />
            </th>
            <td className="num">{formatNumber(p.customers.atStart)}</td>
            <td className="num">{formatNumber(p.customers.retained)}</td>
            <td className="num">{formatNumber(p.customers.churned)}</td>
            <td className="num">{formatNumber(p.customers.reactivated)}</td>
            <td className="num">{formatNumber(p.customers.new)}</td>
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

const Trend = ({
  report,
  includePartial,
}: {
  report: RetentionReport;
  includePartial: boolean;
}) => {
  if (report.periods.every((p) => p.customers.atStart === 0 && p.buyers.total === 0)) {
    return (
      <Empty>No purchases in these twelve months yet, so there is no retention to show.</Empty>
    );
  }
  // A month the data ends inside would show a plunge that is only the end of the data.
  const shown = report.periods.filter((p) => includePartial || !p.partial);
  const left = report.periods.filter((p) => p.partial && !shown.includes(p));
  const labels = shown.map((p) => `${formatMonth(p.start)}${p.partial ? ' (partial)' : ''}`);
  return (
    <>
      <p className="period-note">{describeActiveWindow(report.activeWindow)}</p>
      {shown.length === 0 ? (
        <Empty>Every month here is only partly observed; include partial months to see them.</Empty>
      ) : (
        <PercentLineChart
          labels={labels}
          axis={monthTicks(shown.map((p) => p.start))}
          description={`Customer retention rate and repeat-purchase rate per month, ${labels[0]} to ${labels.at(-1)}. The figures are in the table below.`}
          series={[
            {
              label: 'Retention rate (CRR)',
              values: shown.map((p) => p.retentionRatePct),
              style: 'solid',
            },
            {
              label: 'Repeat-purchase rate',
              values: shown.map((p) => p.repeatPurchaseRatePct),
              style: 'dashed',
            },
          ]}
        />
      )}
      <p className="muted caption">
        <strong>Retention rate (CRR)</strong>: of the customers active at the start of a month
        (bought in the previous {formatNumber(report.activeDays)} days), the share still active at
        its end: kept ÷ active at start. Customers who lapsed and came back, and new customers, are
        counted apart and never raise it; churn rate = 100 % − CRR.{' '}
        <strong>Repeat-purchase rate</strong>: share of the month&rsquo;s buyers who bought on two
        or more days.
        {left.length > 0 && report.observedUntil && (
          <>
            {' '}
            Not drawn: {left.map((p) => formatMonth(p.start)).join(', ')}, where the data ends (
            {formatDay(addDays(report.observedUntil, -1))}); its figures are in the table.
          </>
        )}
      </p>
      <TrendTable report={report} />
    </>
  );
};

/** CRR and repeat-purchase rate per calendar month over the twelve months up to the end date. */
export const RetentionTrend = ({
  months,
  activeWindow,
}: {
  months: DayWindow;
  activeWindow: ReturnType<typeof useActiveWindowChoice>;
}) => {
  const retention = useMonthlyRetention({ ...months, activeDays: activeWindow.activeDays });
  const [includePartial, setIncludePartial] = useState(false);
  const controls = (
    <div className="toolbar">
      <ActiveWindowPicker {...activeWindow} />
      <label className="inline-label">
        <input
          type="checkbox"
          checked={includePartial}
          onChange={(e) => setIncludePartial(e.target.checked)}
        />
        Include partial months
      </label>
    </div>
  );
  return (
    <Panel title="Retention, last 12 months" actions={controls}>
      <Loaded query={retention} what="the retention trend">
        {(report) => <Trend report={report} includePartial={includePartial} />}
      </Loaded>
    </Panel>
  );
};
