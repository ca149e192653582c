import { CohortPanels } from '../analytics/cohort-panels';
import { LifecycleFunnelView } from '../analytics/lifecycle-funnel';
import { useAnalyticsRange, useLifecycle, useRfm } from '../analytics/queries';
import { AnalyticsFreshness } from '../analytics/refresh-now';
import { RfmPanelBody } from '../analytics/rfm-panel';
import { Loaded, PageTitle, Panel } from '../ui';

/**
 * /admin/retention: who comes back (cohorts, computed live from orders) and who the customers are
 * now (RFM segments and lifecycle stages, from the last analytics refresh).
 */
export const RetentionPage = () => {
  const range = useAnalyticsRange();
  const rfm = useRfm();
  const lifecycle = useLifecycle();
  return (
    <>
      <PageTitle>Retention</PageTitle>
      <AnalyticsFreshness />
      <Loaded query={range} what="the data range">
        {(r) => <CohortPanels range={r} />}
      </Loaded>
      <Panel title="RFM segments">
        <Loaded query={rfm} what="RFM segments">
          {(s) => <RfmPanelBody summary={s} />}
        </Loaded>
      </Panel>
      <Panel title="Lifecycle funnel">
        <Loaded query={lifecycle} what="the lifecycle funnel">
          {(f) => <LifecycleFunnelView funnel={f} />}
        </Loaded>
      </Panel>
    </>
  );
};
