import {
  AtRiskPanel,
  ClvDistributionPanel,
  ClvRunNote,
  TopCustomersPanel,
} from '../analytics/clv-panels';
import { ClvValidation } from '../analytics/clv-validation';
import { combine } from '../analytics/combine';
import { useAnalyticsRange, useClv } from '../analytics/queries';
import { AnalyticsFreshness } from '../analytics/refresh-now';
import type { AnalyticsRange, ClvOverview } from '../analytics/types';
import { Empty, Loaded, PageTitle, Panel } from '../ui';

const TOP_CUSTOMERS = 20;

const Value = ({ overview, range }: { overview: ClvOverview; range: AnalyticsRange }) => {
  // The CLV endpoints give no currency: amounts are in the programme's, which the range names.
  const { currency } = range;
  if (!overview.run) {
    return (
      <Empty>
        Customer value has not been computed yet. It is predicted by the analytics refresh (every
        night, or Refresh now above), once customers have bought more than once.
      </Empty>
    );
  }
  return (
    <>
      <ClvRunNote run={overview.run} />
      <ClvDistributionPanel overview={overview} currency={currency} />
      <TopCustomersPanel overview={overview} currency={currency} />
      <AtRiskPanel currency={currency} />
      <Panel title="Model validation">
        <ClvValidation run={overview.run} />
      </Panel>
    </>
  );
};

/** /admin/value: predicted customer lifetime value, who is worth most and who is slipping. */
export const ValuePage = () => {
  const range = useAnalyticsRange();
  const clv = useClv(TOP_CUSTOMERS);
  return (
    <>
      <PageTitle>Customer value</PageTitle>
      <AnalyticsFreshness />
      <Loaded query={combine(clv, range)} what="customer value">
        {([overview, r]) => <Value overview={overview} range={r} />}
      </Loaded>
    </>
  );
};
