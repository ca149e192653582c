import { useActiveWindowChoice } from '../analytics/active-window';
import { formatWindow } from '../analytics/dates';
import { OverviewKpis } from '../analytics/overview-kpis';
import { PeriodControls, useOverviewWindows } from '../analytics/period-controls';
import { useAnalyticsRange } from '../analytics/queries';
import { AnalyticsFreshness } from '../analytics/refresh-now';
import { RetentionTrend } from '../analytics/retention-trend';
import type { AnalyticsRange } from '../analytics/types';
import { Empty, Loaded, PageTitle, Panel } from '../ui';

const Overview = ({ range }: { range: AnalyticsRange }) => {
  const period = useOverviewWindows(range);
  const { current, previous, months } = period.windows;
  const activeWindow = useActiveWindowChoice();
  const dataEndsEarly = range.lastPurchaseDay !== null && range.lastPurchaseDay < range.today;
  return (
    <>
      <PeriodControls range={range} {...period} />
      {range.lastPurchaseDay === null && (
        <Empty>
          No purchases yet. Buyer, basket and retention figures appear once the first orders arrive;
          members and points are counted already.
        </Empty>
      )}
      <Panel title="Key figures">
        <p className="muted period-note">
          {formatWindow(current.from, current.to)} compared with the {period.windows.days} days
          before ({formatWindow(previous.from, previous.to)}). Money in {range.currency}, days in{' '}
          {range.timeZone}.
          {dataEndsEarly && current.to === range.lastPurchaseDay && (
            <> The last purchase was on this end date, so the period ends there.</>
          )}
        </p>
        <OverviewKpis
          current={current}
          previous={previous}
          trend={{ ...months, activeDays: activeWindow.activeDays }}
        />
      </Panel>
      <RetentionTrend months={months} activeWindow={activeWindow} />
    </>
  );
};

/** /admin: the programme's health at a glance for a chosen period against the one before. */
export const OverviewPage = () => {
  const range = useAnalyticsRange();
  return (
    <>
      <PageTitle>Overview</PageTitle>
      <AnalyticsFreshness />
      <Loaded query={range} what="the data range">
        {(r) => <Overview range={r} />}
      </Loaded>
    </>
  );
};
