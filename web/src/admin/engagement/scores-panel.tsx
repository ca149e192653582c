import { formatNumber, formatPercent } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { Figures, formatNps, ScrollBox } from './bits';
import { formatDay, formatPeriod } from './feedback-window';
import { scoresQuery, useScores, type ReportWindow } from './queries';
import type { ScoreCounts } from './types';

const mean = (value: number | null) =>
  value === null
    ? '–'
    : new Intl.NumberFormat(undefined, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(value);

/** One row of figures: the same cells for a period and for the total. */
const Cells = ({ counts: { nps, csat } }: { counts: ScoreCounts }) => (
  <>
    <td className="num">{formatNumber(nps.responses)}</td>
    <td className="num">{formatNumber(nps.promoters)}</td>
    <td className="num">{formatNumber(nps.passives)}</td>
    <td className="num">{formatNumber(nps.detractors)}</td>
    <td className="num">{formatNps(nps.score)}</td>
    <td className="num">{formatNumber(csat.responses)}</td>
    <td className="num">{formatNumber(csat.satisfied)}</td>
    <td className="num">{formatPercent(csat.satisfiedPct)}</td>
    <td className="num">{mean(csat.mean)}</td>
  </>
);

/**
 * NPS and CSAT per period (GET /v1/feedback/nps) with the server's chart of the same query
 * (/v1/feedback/charts/nps.svg); the table under it carries every figure the chart draws.
 */
export const ScoresPanel = ({
  range,
  surveyId,
  surveyTitle,
}: {
  range: ReportWindow;
  surveyId: string;
  surveyTitle: string | undefined;
}) => {
  const scores = useScores(range, surveyId || undefined);
  const span = `${formatDay(range.from)} – ${formatDay(range.to)}`;
  const about = surveyTitle ? `the survey “${surveyTitle}”` : 'all surveys';

  return (
    <Panel title="NPS and CSAT">
      <Loaded query={scores} what="NPS and CSAT">
        {(report) =>
          report.total.nps.responses === 0 && report.total.csat.responses === 0 ? (
            <Empty>
              No NPS or CSAT answers from {about} between {span}.
            </Empty>
          ) : (
            <>
              <Figures
                items={[
                  { label: 'NPS', value: formatNps(report.total.nps.score) },
                  { label: 'NPS answers', value: formatNumber(report.total.nps.responses) },
                  { label: 'CSAT satisfied', value: formatPercent(report.total.csat.satisfiedPct) },
                  { label: 'CSAT mean (1–5)', value: mean(report.total.csat.mean) },
                  { label: 'CSAT answers', value: formatNumber(report.total.csat.responses) },
                ]}
              />
              <figure className="embedded-chart eng-chart">
                <img
                  src={`/v1/feedback/charts/nps.svg${scoresQuery(range, surveyId || undefined)}`}
                  alt={`Line chart of NPS and CSAT (share satisfied) by ${range.granularity} for ${about}, ${span}. The figures are in the table below.`}
                />
                <figcaption>
                  NPS = % promoters (9–10) − % detractors (0–6), from −100 to 100. CSAT = share of
                  answers of 4 or 5 on a 1–5 scale.
                </figcaption>
              </figure>
              <ScrollBox label="NPS and CSAT table">
                <table className="eng-scores">
                  <caption className="visually-hidden">
                    NPS and CSAT by {range.granularity}, {span}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Period</th>
                      <th scope="col" className="num">
                        NPS answers
                      </th>
                      <th scope="col" className="num">
                        Promoters
                      </th>
                      <th scope="col" className="num">
                        Passives
                      </th>
                      <th scope="col" className="num">
                        Detractors
                      </th>
                      <th scope="col" className="num">
                        NPS
                      </th>
                      <th scope="col" className="num">
                        CSAT answers
                      </th>
                      <th scope="col" className="num">
                        Satisfied
                      </th>
                      <th scope="col" className="num">
                        CSAT satisfied
                      </th>
                      <th scope="col" className="num">
                        CSAT mean
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.periods.map((p) => (
                      <tr key={p.start}>
                        <th scope="row">{formatPeriod(range.granularity, p.start)}</th>
                        <Cells counts={p} />
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">Total</th>
                      <Cells counts={report.total} />
                    </tr>
                  </tfoot>
                </table>
              </ScrollBox>
            </>
          )
        }
      </Loaded>
    </Panel>
  );
};
