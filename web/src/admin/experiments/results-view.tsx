import { formatDateTime, formatNumber, formatPercent } from '../../shared/format';
import { ScrollBox } from '../engagement/bits';
import { Loaded, Panel } from '../ui';
import { ForestLegend } from './forest-plot';
import { useResults } from './queries';
import { MetricResult } from './results-metric';
import { METRIC_VIEWS } from './results-format';
import {
  CupedTable,
  GuardrailsTable,
  HeterogeneityTable,
  IncrementalTable,
} from './results-tables';
import type { ExperimentResults } from './results-types';
import type { Experiment } from './types';

/**
 * The results of a running or stopped experiment: the sentences first, the sample-ratio check as
 * a blocking warning when it fails, each metric's forest plot and figures, then the incremental
 * totals, CUPED, guardrails and the exploratory breakdown.
 */
export const ResultsView = ({ experiment }: { experiment: Experiment }) => {
  const results = useResults(experiment.id, experiment.status !== 'draft');
  return (
    <Loaded query={results} what="the results">
      {(r) => <Results results={r} />}
    </Loaded>
  );
};

const Results = ({ results: r }: { results: ExperimentResults }) => {
  const names = new Map(r.arms.map((a) => [a.variant, a.name]));
  const horizon = r.metrics.horizonDays;
  return (
    <>
      <Panel title="Results">
        <p className="muted">As of {formatDateTime(r.asOf)}.</p>
        {r.sampleRatio.blocking ? (
          <div className="error exp-srm" role="alert">
            <strong>Sample ratio mismatch: do not trust these results.</strong> The customers
            exposed per arm do not match the weights (chi-square p ={' '}
            {r.sampleRatio.pValue.toPrecision(2)}
            ). Exposure recording or assignment is broken; fix it before reading anything below.
          </div>
        ) : (
          <p className="good exp-srm-ok">
            Sample ratio check passed: exposures match the weights (p ={' '}
            {r.sampleRatio.pValue.toPrecision(2)}).
          </p>
        )}
        <ul className="exp-summary" aria-label="Summary">
          {r.summary.map((s) => (
            <li key={s.variant}>{s.sentence}</li>
          ))}
        </ul>
        {r.warnings
          .filter((w) => !w.startsWith('Sample ratio mismatch'))
          .map((w) => (
            <p key={w} className="prog-warning">
              {w}
            </p>
          ))}
        <ArmsTable results={r} />
      </Panel>
      <Panel title="Effects with 95 % intervals">
        <ForestLegend alwaysValid={r.comparisons.every((c) => c.toDate.method === 'alwaysValid')} />
        {METRIC_VIEWS.map((view) => (
          <MetricResult key={view.metric} view={view} results={r} names={names} horizon={horizon} />
        ))}
      </Panel>
      <Panel title="Incremental totals">
        <IncrementalTable results={r} names={names} />
      </Panel>
      <Panel title="CUPED variance reduction">
        <CupedTable results={r} names={names} />
      </Panel>
      <Panel title="Guardrails">
        <GuardrailsTable results={r} names={names} />
      </Panel>
      <Panel title="By segment (exploratory)">
        <HeterogeneityTable results={r} names={names} />
      </Panel>
    </>
  );
};

const ArmsTable = ({ results: r }: { results: ExperimentResults }) => {
  const total = r.arms.reduce((s, a) => s + a.weight, 0);
  return (
    <ScrollBox label="Arms exposed">
      <table>
        <caption className="muted exp-caption">Customers per arm</caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col" className="num">
              Planned share
            </th>
            <th scope="col" className="num">
              Exposed
            </th>
            <th scope="col" className="num">
              Horizon complete
            </th>
          </tr>
        </thead>
        <tbody>
          {r.arms.map((a) => (
            <tr key={a.variant}>
              <th scope="row">
                {a.name}
                {a.control ? ' (control)' : ''}
              </th>
              <td className="num">{formatPercent((a.weight / total) * 100)}</td>
              <td className="num">{formatNumber(a.exposed)}</td>
              <td className="num">{formatNumber(a.horizonComplete)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
};
