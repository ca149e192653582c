import { Link } from 'react-router';
import { formatDate, formatNumber, formatPercent } from '../../shared/format';
import { Empty, ErrorNotice, Loaded, Panel } from '../ui';
import { Badge, formatNps, ScrollBox, words } from './bits';
import { useSurveyTotals, type useSurveys } from './queries';
import type { Survey } from './types';

const QUESTION_NAMES: Record<string, string> = { nps: 'NPS', csat: 'CSAT' };

/** "NPS, CSAT, 2 text": the kinds of questions a survey asks. */
const questionKinds = (survey: Survey) => {
  const counts = new Map<string, number>();
  for (const q of survey.questions) {
    const type = String(q.type);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts]
    .map(
      ([type, n]) => `${n > 1 ? `${n} ` : ''}${QUESTION_NAMES[type] ?? words(type).toLowerCase()}`,
    )
    .join(', ');
};

/**
 * The surveys (GET /v1/surveys, which counts each one's responses) with the NPS and CSAT answers
 * each has had since it was created (GET /v1/feedback/nps?surveyId=…, per question type).
 */
export const SurveysPanel = ({
  query,
  today,
}: {
  query: ReturnType<typeof useSurveys>;
  today: string;
}) => (
  <Panel title="Surveys" actions={<Link to="/feedback/surveys/new">New survey</Link>}>
    <Loaded query={query} what="surveys">
      {({ surveys }) => <SurveysTable surveys={surveys} today={today} />}
    </Loaded>
    <p className="muted eng-note">
      Responses and answers are counted over the whole life of each survey. A response counts once
      whatever it answered; NPS and CSAT count the answers to those questions.
    </p>
  </Panel>
);

const SurveysTable = ({ surveys, today }: { surveys: Survey[]; today: string }) => {
  const totals = useSurveyTotals(surveys, today);
  return (
    <>
      {surveys.length === 0 ? (
        <Empty>No surveys yet.</Empty>
      ) : (
        <ScrollBox label="Surveys table">
          <table>
            <thead>
              <tr>
                <th scope="col">Survey</th>
                <th scope="col">Status</th>
                <th scope="col">Questions</th>
                <th scope="col" className="num">
                  Responses
                </th>
                <th scope="col" className="num">
                  NPS answers
                </th>
                <th scope="col" className="num">
                  NPS
                </th>
                <th scope="col" className="num">
                  CSAT answers
                </th>
                <th scope="col" className="num">
                  CSAT satisfied
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s, i) => {
                const t = totals[i];
                const total = t?.data?.total;
                const pending = (
                  <td colSpan={4} className="muted">
                    {t?.error ? <ErrorNotice error={t.error} /> : 'Loading answers…'}
                  </td>
                );
                return (
                  <tr key={s.id}>
                    <td>
                      <Link to={`/feedback/surveys/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                      <div className="muted mono">{s.key}</div>
                    </td>
                    <td>
                      <Badge status={s.status} />
                    </td>
                    <td>{questionKinds(s)}</td>
                    <td className="num">{formatNumber(s.responses)}</td>
                    {total ? (
                      <>
                        <td className="num">{formatNumber(total.nps.responses)}</td>
                        <td className="num">{formatNps(total.nps.score)}</td>
                        <td className="num">{formatNumber(total.csat.responses)}</td>
                        <td className="num">{formatPercent(total.csat.satisfiedPct)}</td>
                      </>
                    ) : (
                      pending
                    )}
                    <td>{formatDate(s.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </>
  );
};
