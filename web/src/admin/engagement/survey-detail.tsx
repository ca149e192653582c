import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { formatDate, formatNumber } from '../../shared/format';
import { localeName } from '../programme/translations-editor';
import { ErrorNotice, Loaded, PageTitle, Panel } from '../ui';
import { Badge } from './bits';
import { useFeedbackWrite, useSurvey } from './feedback-queries';
import { SurveyForm } from './survey-form';
import { SurveyLinkPanel } from './survey-link';
import { ScoreDistributionPanel, SurveyResponsesPanel } from './survey-responses';
import type { Survey } from './types';

/** /admin/feedback/surveys/:id: the survey, its status, its links, its scores and answers. */
export const SurveyDetail = () => {
  const id = useParams().id ?? '';
  const survey = useSurvey(id);
  return (
    <>
      <p>
        <Link to="/feedback">← Feedback</Link>
      </p>
      <Loaded query={survey} what="the survey">
        {(s) => <SurveyView survey={s} />}
      </Loaded>
    </>
  );
};

const SurveyView = ({ survey }: { survey: Survey }) => {
  const [editing, setEditing] = useState(false);
  const status = useFeedbackWrite((next: 'active' | 'archived') =>
    unwrap(
      client.PATCH('/v1/surveys/{id}', {
        params: { path: { id: survey.id } },
        body: { status: next },
      }),
    ),
  );
  return (
    <>
      <PageTitle>{survey.title}</PageTitle>
      <Panel
        title="Survey"
        actions={
          <div className="eng-actions">
            {survey.status !== 'active' && (
              <button type="button" onClick={() => status.mutate('active')}>
                {survey.status === 'archived' ? 'Reopen survey' : 'Activate survey'}
              </button>
            )}
            {survey.status !== 'archived' && (
              <button type="button" className="secondary" onClick={() => status.mutate('archived')}>
                Close survey
              </button>
            )}
            {!editing && (
              <button type="button" className="secondary" onClick={() => setEditing(true)}>
                Edit survey
              </button>
            )}
          </div>
        }
      >
        <p>
          <Badge status={survey.status} /> · key <span className="mono">{survey.key}</span> ·
          created {formatDate(survey.createdAt)} · {formatNumber(survey.responses)} responses
        </p>
        {survey.description && <p>{survey.description}</p>}
        <p className="muted">
          {Object.keys(survey.translations).length > 0
            ? `Translated into ${Object.keys(survey.translations).map(localeName).join(', ')}; other languages read it as written.`
            : 'Not translated: customers of every language read it as written.'}
        </p>
        {survey.status === 'archived' && (
          <p className="muted">Closed: its links no longer open and it takes no answers.</p>
        )}
        {status.error ? <ErrorNotice error={status.error} /> : null}
      </Panel>
      {editing && <SurveyForm survey={survey} onDone={() => setEditing(false)} />}
      <SurveyLinkPanel surveyId={survey.id} active={survey.status === 'active'} />
      <ScoreDistributionPanel surveyId={survey.id} />
      <SurveyResponsesPanel survey={survey} />
    </>
  );
};
