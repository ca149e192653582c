import { useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { ErrorNotice, Panel } from '../ui';
import { CustomerPicker } from './customer-picker';
import { useFeedbackWrite } from './feedback-queries';

/**
 * A customer's personal link to the survey (GET /v1/surveys/{id}/link): the signed address they
 * answer at, once. Shown in a read-only field with a button that copies it.
 */
export const SurveyLinkPanel = ({ surveyId, active }: { surveyId: string; active: boolean }) => {
  const [customerId, setCustomerId] = useState('');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const link = useFeedbackWrite((id: string) =>
    unwrap(
      client.GET('/v1/surveys/{id}/link', {
        params: { path: { id: surveyId }, query: { customerId: id } },
      }),
    ),
  );
  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <Panel title="Survey link">
      {!active && (
        <p className="muted">Only an active survey takes answers: activate it before sending.</p>
      )}
      <form
        className="eng-form"
        onSubmit={(e) => {
          e.preventDefault();
          setCopied(null);
          if (customerId) link.mutate(customerId);
        }}
      >
        <CustomerPicker value={customerId} onChange={setCustomerId} />
        <div className="eng-actions">
          <button type="submit" disabled={!customerId || link.isPending}>
            {link.isPending ? 'Getting the link…' : 'Get the link'}
          </button>
        </div>
      </form>
      {link.error ? <ErrorNotice error={link.error} /> : null}
      {link.data && (
        <div className="eng-form-row eng-link">
          <label>
            Personal link
            <input readOnly value={link.data.url} onFocus={(e) => e.target.select()} />
          </label>
          <div className="eng-actions">
            <button type="button" onClick={() => void copy(link.data.url)}>
              Copy link
            </button>
            <span role="status" className="muted">
              {copied === 'yes'
                ? 'Copied.'
                : copied === 'no'
                  ? 'Could not copy: select the link and copy it.'
                  : ''}
            </span>
          </div>
        </div>
      )}
    </Panel>
  );
};
