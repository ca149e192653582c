import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { FieldMessage, fieldMessage, invalidProps } from '../customer/field-errors';
import { ErrorNotice, PageTitle, Panel } from '../ui';
import { words } from './bits';
import { CustomerPicker } from './customer-picker';
import { useFeedbackWrite } from './feedback-queries';

const CHANNELS = ['email', 'phone', 'web', 'store', 'social', 'other'] as const;

/** /admin/feedback/complaints/new: open a case for a customer, then go to it. */
export const ComplaintForm = () => {
  const navigate = useNavigate();
  const [customerId, setCustomerId] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('email');
  const open = useFeedbackWrite(() =>
    unwrap(client.POST('/v1/complaints', { body: { customerId, subject, body, channel } })),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    open.mutate(undefined, { onSuccess: (c) => navigate(`/feedback/complaints/${c.id}`) });
  };
  const err = (path: string) => fieldMessage(open.error, path);
  return (
    <>
      <p>
        <Link to="/feedback">← Feedback</Link>
      </p>
      <PageTitle>New complaint</PageTitle>
      <Panel title="Open a complaint">
        <form className="eng-form" onSubmit={submit}>
          <CustomerPicker
            value={customerId}
            onChange={setCustomerId}
            invalid={{ id: 'complaint-customer-error', message: err('customerId') }}
          />
          <FieldMessage id="complaint-customer-error" message={err('customerId')} />
          <div className="eng-form-row">
            <label>
              Subject
              <input
                value={subject}
                required
                maxLength={300}
                onChange={(e) => setSubject(e.target.value)}
                {...invalidProps('complaint-subject-error', err('subject'))}
              />
              <FieldMessage id="complaint-subject-error" message={err('subject')} />
            </label>
            <label>
              Channel
              <select
                value={channel}
                onChange={(e) => setChannel(e.target.value as (typeof CHANNELS)[number])}
              >
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {words(c)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            What the customer said
            <textarea
              rows={5}
              value={body}
              required
              maxLength={20_000}
              onChange={(e) => setBody(e.target.value)}
              {...invalidProps('complaint-body-error', err('body'))}
            />
            <FieldMessage id="complaint-body-error" message={err('body')} />
          </label>
          {open.error ? <ErrorNotice error={open.error} /> : null}
          <div className="eng-actions">
            <button type="submit" disabled={open.isPending || !customerId}>
              {open.isPending ? 'Opening…' : 'Open complaint'}
            </button>
          </div>
        </form>
      </Panel>
    </>
  );
};
