import { useState } from 'react';
import { formatDateTime, formatNumber } from '../../shared/format';
import { Empty, Loaded, Panel } from '../ui';
import { CustomerLink, ScrollBox } from './bits';
import {
  RESPONSES_PAGE,
  useScoreDistribution,
  useSurveyResponses,
  type ResponseFilter,
} from './feedback-queries';
import type { Survey } from './types';

/** How many answers each score had, per NPS/CSAT question, as a bar per score with its number. */
export const ScoreDistributionPanel = ({ surveyId }: { surveyId: string }) => {
  const distribution = useScoreDistribution(surveyId);
  return (
    <Panel title="Score distribution">
      <Loaded query={distribution} what="the scores">
        {({ questions }) =>
          questions.length === 0 ? (
            <Empty>This survey asks no NPS or CSAT question.</Empty>
          ) : (
            <>
              {questions.map((q) => {
                const max = Math.max(0, ...q.scores.map((s) => s.count));
                return (
                  <figure key={q.questionId} className="eng-distribution">
                    <figcaption>
                      {q.type.toUpperCase()}: {q.prompt} ({formatNumber(q.answers)} answers)
                    </figcaption>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">Score</th>
                          <th scope="col">Answers</th>
                        </tr>
                      </thead>
                      <tbody>
                        {q.scores.map((s) => (
                          <tr key={s.score}>
                            <th scope="row">{s.score}</th>
                            <td>
                              <div className="eng-bar">
                                <div className="eng-bar-track" aria-hidden="true">
                                  <div
                                    className="eng-bar-fill"
                                    style={{ width: `${max > 0 ? (s.count / max) * 100 : 0}%` }}
                                  />
                                </div>
                                <span className="eng-bar-value">{formatNumber(s.count)}</span>
                              </div>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </figure>
                );
              })}
            </>
          )
        }
      </Loaded>
    </Panel>
  );
};

const answerText = (a: { type: string; score: number | null; value: string | null }) =>
  a.score !== null ? String(a.score) : (a.value ?? '–');

/** The answers, newest first, page by page, with the customer named; filter by score or text. */
export const SurveyResponsesPanel = ({ survey }: { survey: Survey }) => {
  const [filter, setFilter] = useState<ResponseFilter>({
    score: '',
    q: '',
    withText: false,
    offset: 0,
  });
  const set = (patch: Partial<ResponseFilter>) => setFilter((f) => ({ ...f, offset: 0, ...patch }));
  const responses = useSurveyResponses(survey.id, filter);
  const prompts = new Map(survey.questions.map((q) => [String(q.id), String(q.prompt)]));
  return (
    <Panel title="Responses">
      <form className="toolbar" aria-label="Filter responses" onSubmit={(e) => e.preventDefault()}>
        <label>
          Score
          <select value={filter.score} onChange={(e) => set({ score: e.target.value })}>
            <option value="">Any score</option>
            {Array.from({ length: 11 }, (_, n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Text contains
          <input type="search" value={filter.q} onChange={(e) => set({ q: e.target.value })} />
        </label>
        <label className="eng-check">
          <input
            type="checkbox"
            checked={filter.withText}
            onChange={(e) => set({ withText: e.target.checked })}
          />
          Only with a text answer
        </label>
      </form>
      <Loaded query={responses} what="responses">
        {(page) =>
          page.total === 0 ? (
            <Empty>
              No responses{filter.score || filter.q || filter.withText ? ' match' : ' yet'}.
            </Empty>
          ) : (
            <>
              <p className="muted" role="status">
                {formatNumber(page.offset + 1)}–{formatNumber(page.offset + page.responses.length)}{' '}
                of {formatNumber(page.total)} responses, newest first.
              </p>
              <ScrollBox label="Responses table">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Answered</th>
                      <th scope="col">Customer</th>
                      <th scope="col">Answers</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.responses.map((r) => (
                      <tr key={r.id}>
                        <td>{formatDateTime(r.submittedAt)}</td>
                        <td>
                          <CustomerLink id={r.customerId} />
                        </td>
                        <td>
                          <dl className="eng-answers">
                            {r.answers.map((a) => (
                              <div key={a.questionId}>
                                <dt>{prompts.get(a.questionId) ?? a.questionId}</dt>
                                <dd className={a.type === 'text' ? 'eng-answer-text' : undefined}>
                                  {answerText(a)}
                                </dd>
                              </div>
                            ))}
                          </dl>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
              <div className="eng-actions">
                <button
                  type="button"
                  className="secondary"
                  disabled={page.offset === 0}
                  onClick={() =>
                    setFilter((f) => ({ ...f, offset: Math.max(0, f.offset - RESPONSES_PAGE) }))
                  }
                >
                  Newer
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={page.offset + page.responses.length >= page.total}
                  onClick={() => setFilter((f) => ({ ...f, offset: f.offset + RESPONSES_PAGE }))}
                >
                  Older
                </button>
              </div>
            </>
          )
        }
      </Loaded>
    </Panel>
  );
};
