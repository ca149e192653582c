import { useSearchParams } from 'react-router';
import { query } from '../../shared/api';
import { Empty, Loaded, Panel } from '../ui';
import { CohortHeatmap } from './cohort-heatmap';
import { addMonths, formatPeriod } from './dates';
import { defaultEndDay } from './period-controls';
import { useCohorts } from './queries';
import type { AnalyticsRange, Granularity } from './types';

/** How many cohorts to show: two years of months, three of quarters. */
const COHORTS: Record<Granularity, { count: number; months: number }> = {
  month: { count: 24, months: 1 },
  quarter: { count: 12, months: 3 },
};

const cohortRequest = (range: AnalyticsRange, granularity: Granularity) => {
  const to = defaultEndDay(range);
  const { count, months } = COHORTS[granularity];
  const earliest = addMonths(to, -(count - 1) * months);
  // Cohorts before the first purchase would be empty rows.
  const first = range.firstPurchaseDay ?? to;
  return { granularity, from: earliest < first ? first : earliest, to, maxOffsets: count - 1 };
};

/** Cohort heat map and retention curves, for months or quarters (?cohorts=quarter). */
export const CohortPanels = ({ range }: { range: AnalyticsRange }) => {
  const [params, setParams] = useSearchParams();
  const granularity: Granularity = params.get('cohorts') === 'quarter' ? 'quarter' : 'month';
  const request = cohortRequest(range, granularity);
  const cohorts = useCohorts(range.firstPurchaseDay ? request : null);
  const picker = (
    <label className="inline-label">
      Cohorts by
      <select
        value={granularity}
        onChange={(e) =>
          setParams(
            (p) => {
              p.set('cohorts', e.target.value);
              return p;
            },
            { replace: true },
          )
        }
      >
        <option value="month">Month</option>
        <option value="quarter">Quarter</option>
      </select>
    </label>
  );
  const unit = granularity === 'month' ? 'month' : 'quarter';
  if (!range.firstPurchaseDay) {
    return (
      <Panel title="Cohorts">
        <Empty>No purchases yet: cohorts appear once customers have bought.</Empty>
      </Panel>
    );
  }
  return (
    <>
      <Panel title="Cohort retention" actions={picker}>
        <p className="muted caption">
          Customers grouped by the {unit} of their first purchase (the cohort). Each cell is the
          share of the cohort that bought again{' '}
          {unit === 'month' ? 'that many months' : 'that many quarters'} later; {unit} 0 is 100 % by
          definition. “–” means not observed yet, * a {unit} still in progress. Computed live from
          the orders, from {formatPeriod(granularity, request.from)} to{' '}
          {formatPeriod(granularity, request.to)}.
        </p>
        <Loaded query={cohorts} what="cohorts">
          {(report) => <CohortHeatmap report={report} />}
        </Loaded>
      </Panel>
      <Panel title="Retention curves">
        <figure className="embedded-chart">
          <img
            src={`/v1/analytics/charts/retention-curves.svg${query(request)}`}
            alt={`Line chart: the share of each ${unit}ly cohort buying again in the ${unit}s after its first purchase, and all cohorts together. The same figures are in the cohort table above.`}
            loading="lazy"
          />
          <figcaption>
            One line per cohort (periods still in progress left out); the dashed line is all cohorts
            together, weighted by size. A curve that flattens shows the customers who stay.
          </figcaption>
        </figure>
      </Panel>
    </>
  );
};
