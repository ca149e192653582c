import { formatNumber } from '../../shared/format';
import { Empty } from '../ui';
import { formatDay } from './dates';
import { formatDecimal } from './numbers';
import type { ClvRun } from './types';

/** Does the model predict well? Its forecast for a held-out period against what happened. */
export const ClvValidation = ({ run }: { run: ClvRun }) => {
  // The stored holdout check of the last fit: null when the refresh skipped it, absent in old runs.
  const holdout = run.details.validation;
  if (!holdout) {
    const problem = run.details.validationProblem;
    return (
      <Empty>
        The last fit has no validation report
        {typeof problem === 'string'
          ? `: ${problem}`
          : ' (the refresh ran without a holdout period)'}
        .
      </Empty>
    );
  }
  const { report } = holdout;
  const period = `${formatDay(holdout.calibrationEnd)} to ${formatDay(holdout.holdoutEnd)}`;
  return (
    <>
      <p className="muted caption">
        The model was refitted on the orders before {formatDay(holdout.calibrationEnd)} and asked to
        predict {period}. It expected {formatNumber(Math.round(report.totalExpected))} repeat
        purchases; customers made {formatNumber(report.totalActual)}.
      </p>
      <div className="two-columns">
        <figure className="embedded-chart">
          <img
            src="/v1/analytics/charts/clv-validation.svg"
            alt={`Bar chart: mean repeat purchases per customer from ${period}, expected by the model against actual, for customers grouped by how many repeat purchases they had made before. The figures are in the table below.`}
            loading="lazy"
          />
          <figcaption>
            Expected (model) and actual repeat purchases per customer in the holdout period, by the
            number of repeat purchases before it. Bars of equal height mean a good fit.
          </figcaption>
        </figure>
        <figure className="embedded-chart">
          <img
            src="/v1/analytics/charts/clv-tracking.svg"
            alt={`Line chart: cumulative repeat purchases week by week, actual against the model's expectation, with the calibration end on ${formatDay(holdout.calibrationEnd)} marked.`}
            loading="lazy"
          />
          <figcaption>
            Cumulative repeat purchases week by week, actual and expected. After the calibration end
            the model is forecasting: the closer the lines stay, the better.
          </figcaption>
        </figure>
      </div>
      <details className="figures">
        <summary>Expected and actual repeat purchases by group</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Repeat purchases before</th>
              <th scope="col" className="num">
                Customers
              </th>
              <th scope="col" className="num">
                Expected per customer
              </th>
              <th scope="col" className="num">
                Actual per customer
              </th>
            </tr>
          </thead>
          <tbody>
            {report.byFrequency.map((r) => (
              <tr key={r.frequency}>
                <th scope="row">{r.frequency}</th>
                <td className="num">{formatNumber(r.customers)}</td>
                <td className="num">{formatDecimal(r.expectedMean, 2)}</td>
                <td className="num">{formatDecimal(r.actualMean, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
};
