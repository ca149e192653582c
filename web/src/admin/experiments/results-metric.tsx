import { formatNumber } from '../../shared/format';
import { ScrollBox } from '../engagement/bits';
import { ForestPlot, type ForestInterval, type ForestRow } from './forest-plot';
import { formatLift, formatPValue, type MetricView } from './results-format';
import {
  isCompared,
  type CohortComparison,
  type Comparison,
  type ExperimentResults,
} from './results-types';

const find = (c: CohortComparison, metric: string) => c.metrics.find((m) => m.metric === metric);

const asInterval = (c: Comparison): ForestInterval => ({
  estimate: c.difference,
  low: c.interval.lower,
  high: c.interval.upper,
});

/** How a cohort's figures are to be read. */
export const methodWords = (c: CohortComparison) =>
  c.method === 'fixedHorizon'
    ? 'Fixed horizon'
    : c.method === 'alwaysValid'
      ? 'To date (always valid)'
      : 'To date (classic, not for daily reading)';

/** One metric: each treatment's difference from control, drawn, then every figure in a table. */
export const MetricResult = ({
  view,
  results: r,
  names,
  horizon,
}: {
  view: MetricView;
  results: ExperimentResults;
  names: Map<string, string>;
  horizon: number;
}) => {
  const label = view.label(horizon);
  const format = (v: number) => view.format(v, r.currency);
  const rows: ForestRow[] = r.comparisons.map((c) => {
    const fixed = find(c.fixed, view.metric);
    const toDate = find(c.toDate, view.metric);
    return {
      label: names.get(c.variant) ?? c.variant,
      fixed: isCompared(fixed) ? asInterval(fixed) : null,
      toDate: isCompared(toDate) ? asInterval(toDate) : null,
    };
  });
  const id = `exp-metric-${view.metric}`;
  return (
    <section className="exp-metric" aria-labelledby={id}>
      <h3 id={id}>{label}</h3>
      {rows.some((row) => row.fixed || row.toDate) ? (
        <ForestPlot title={`Difference in ${label} vs control`} rows={rows} format={format} />
      ) : (
        <p className="muted">Too few customers yet to compare.</p>
      )}
      <ScrollBox label={`${label}: figures`}>
        <table className="exp-figures">
          <thead>
            <tr>
              <th scope="col">Arm</th>
              <th scope="col">Read</th>
              <th scope="col" className="num">
                Customers (arm / control)
              </th>
              <th scope="col" className="num">
                Difference
              </th>
              <th scope="col" className="num">
                95 % interval
              </th>
              <th scope="col" className="num">
                Relative lift
              </th>
              <th scope="col" className="num">
                p-value
              </th>
            </tr>
          </thead>
          <tbody>
            {r.comparisons.flatMap((c) =>
              (['fixed', 'toDate'] as const).map((cohort) => {
                const found = find(c[cohort], view.metric);
                const n = c[cohort];
                return (
                  <tr key={`${c.variant}-${cohort}`}>
                    <th scope="row">{names.get(c.variant) ?? c.variant}</th>
                    <td>{methodWords(n)}</td>
                    <td className="num">
                      {formatNumber(n.treatment.n)} / {formatNumber(n.control.n)}
                    </td>
                    {isCompared(found) ? (
                      <>
                        <td className="num">{format(found.difference)}</td>
                        <td className="num">
                          {format(found.interval.lower)} to {format(found.interval.upper)}
                        </td>
                        <td className="num">{formatLift(found.relativeLift)}</td>
                        <td className="num">{formatPValue(found.pValue)}</td>
                      </>
                    ) : (
                      <td colSpan={4} className="muted">
                        {found && 'skipped' in found ? found.skipped : 'Not measured'}
                      </td>
                    )}
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
};
