import { formatNumber, formatPercent } from '../../shared/format';
import { ScrollBox, words } from '../engagement/bits';
import { Empty } from '../ui';
import { formatPp, metricView } from './results-format';
import { isCompared, type Comparison, type ExperimentResults } from './results-types';

type Props = { results: ExperimentResults; names: Map<string, string> };

/** Which cohort a table reads: the fixed horizon once any customer completed it, else to date. */
const cohortOf = (r: ExperimentResults) => r.heterogeneity.cohort;
const cohortWords = (r: ExperimentResults) =>
  cohortOf(r) === 'fixed'
    ? `customers whose ${r.metrics.horizonDays} days have passed`
    : 'every exposed customer to date';

const range = (c: { interval: { lower: number; upper: number } }, f: (v: number) => string) =>
  `${f(c.interval.lower)} to ${f(c.interval.upper)}`;

/** What each treatment added over its whole arm: orders, net revenue, profit after points cost. */
export const IncrementalTable = ({ results: r, names }: Props) => {
  const money = (v: number) => metricView('netRevenue').format(Math.round(v), r.currency);
  const count = (v: number) =>
    new Intl.NumberFormat(undefined, {
      signDisplay: 'exceptZero',
      maximumFractionDigits: 0,
    }).format(v);
  const rows = [
    { key: 'orders', label: 'Orders', f: count },
    { key: 'netRevenue', label: 'Net revenue', f: money },
    { key: 'profit', label: 'Profit after points cost', f: money },
  ] as const;
  return (
    <ScrollBox label="Incremental totals table">
      <table>
        <caption className="muted exp-caption">
          Per-customer difference × the arm's customers ({cohortWords(r)}), with its 95 % interval.
        </caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            {rows.map((x) => (
              <th key={x.key} scope="col" className="num">
                {x.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.comparisons.map((c) => {
            const inc = c[cohortOf(r)].incremental;
            return (
              <tr key={c.variant}>
                <th scope="row">{names.get(c.variant) ?? c.variant}</th>
                {rows.map((x) => {
                  const total = inc[x.key];
                  return (
                    <td key={x.key} className="num">
                      {total ? (
                        <>
                          {x.f(total.total)}
                          <div className="muted">{range(total, x.f)}</div>
                        </>
                      ) : (
                        'Too few customers'
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
};

/** How much the pre-experiment covariates narrowed each interval. */
export const CupedTable = ({ results: r, names }: Props) => (
  <ScrollBox label="CUPED table">
    <table>
      <caption className="muted exp-caption">
        Adjusted with each customer's net revenue and orders in the {r.metrics.preDays} days before
        exposure ({cohortWords(r)}).
      </caption>
      <thead>
        <tr>
          <th scope="col">Arm</th>
          <th scope="col">Metric</th>
          <th scope="col" className="num">
            Variance reduction
          </th>
          <th scope="col" className="num">
            Adjusted difference
          </th>
          <th scope="col" className="num">
            95 % interval
          </th>
        </tr>
      </thead>
      <tbody>
        {r.comparisons.flatMap((c) =>
          (['netRevenue', 'orders', 'profit'] as const).map((metric) => {
            const found = c[cohortOf(r)].cuped[metric];
            const view = metricView(metric);
            const f = (v: number) => view.format(v, r.currency);
            return (
              <tr key={`${c.variant}-${metric}`}>
                <th scope="row">{names.get(c.variant) ?? c.variant}</th>
                <td>{view.label(r.metrics.horizonDays)}</td>
                {found && isCompared(found) ? (
                  <>
                    <td className="num">{formatPercent(found.varianceReduction * 100)}</td>
                    <td className="num">{f(found.difference)}</td>
                    <td className="num">{range(found, f)}</td>
                  </>
                ) : (
                  <td colSpan={3} className="muted">
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
);

/** Unsubscribes and complaints: flagged when an arm has significantly more than control. */
export const GuardrailsTable = ({ results: r, names }: Props) => {
  const rows = r.guardrails.filter((g) => g.cohort === cohortOf(r));
  if (rows.length === 0) return <Empty>No guardrail to show.</Empty>;
  return (
    <ScrollBox label="Guardrails table">
      <table>
        <caption className="muted exp-caption">
          Difference from control ({cohortWords(r)}); flagged when the whole 95 % interval is above
          zero.
        </caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col">Guardrail</th>
            <th scope="col" className="num">
              Difference
            </th>
            <th scope="col" className="num">
              95 % interval
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr key={`${g.variant}-${g.metric}`}>
              <th scope="row">{names.get(g.variant) ?? g.variant}</th>
              <td>{metricView(g.metric).label(r.metrics.horizonDays)}</td>
              {isCompared(g.comparison) ? (
                <>
                  <td className="num">{formatPp(g.comparison.difference)}</td>
                  <td className="num">{range(g.comparison, formatPp)}</td>
                </>
              ) : (
                <td colSpan={2} className="muted">
                  {g.comparison.skipped}
                </td>
              )}
              <td>
                {g.flagged ? (
                  <strong className="bad">⚠ Flagged: worse than control</strong>
                ) : (
                  <span className="good">OK</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
};

const cell = (c: Comparison | null, f: (v: number) => string) =>
  c ? (
    <>
      {f(c.difference)}
      <div className="muted">{range(c, f)}</div>
    </>
  ) : (
    <span className="muted">Too few</span>
  );

/** The same uplift per RFM segment and lifecycle stage: many comparisons, so exploratory only. */
export const HeterogeneityTable = ({ results: r, names }: Props) => {
  const groups = r.heterogeneity.groups;
  const money = (v: number) => metricView('netRevenue').format(v, r.currency);
  return (
    <>
      <p className="prog-warning exp-exploratory">
        Exploratory: with many groups some differences look real by chance. Use these to form the
        next hypothesis, not to decide.
      </p>
      {groups.length === 0 ? (
        <Empty>No groups to compare yet.</Empty>
      ) : (
        <ScrollBox label="Heterogeneity table">
          <table>
            <caption className="muted exp-caption">
              Difference from control by group ({cohortWords(r)}), with 95 % intervals. Customers
              are grouped by the segment and stage they had when exposed.
            </caption>
            <thead>
              <tr>
                <th scope="col">Grouped by</th>
                <th scope="col">Group</th>
                <th scope="col">Arm</th>
                <th scope="col" className="num">
                  Customers (arm / control)
                </th>
                <th scope="col" className="num">
                  {r.metrics.horizonDays}-day repeat rate
                </th>
                <th scope="col" className="num">
                  Net revenue per customer
                </th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={`${g.dimension}-${g.value}-${g.variant}`}>
                  <td>{g.dimension === 'rfmSegment' ? 'RFM segment' : 'Lifecycle stage'}</td>
                  <th scope="row">{words(g.value)}</th>
                  <td>{names.get(g.variant) ?? g.variant}</td>
                  <td className="num">
                    {formatNumber(g.n.treatment)} / {formatNumber(g.n.control)}
                  </td>
                  <td className="num">{cell(g.converted, formatPp)}</td>
                  <td className="num">{cell(g.netRevenue, money)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
};
