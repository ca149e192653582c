import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../ui';
import { usePatchCustomer } from './edit-customer-form';
import { FieldMessage, fieldMessage, invalidProps } from './field-errors';

/**
 * Records a consent given or withdrawn, with where it came from (a till, a phone call, a form):
 * the API appends it to the history, and the latest per channel is what messaging obeys.
 */
export const ConsentForm = ({ customerId }: { customerId: string }) => {
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [granted, setGranted] = useState('true');
  const [source, setSource] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const patch = usePatchCustomer(customerId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    patch.mutate(
      { consents: [{ channel, granted: granted === 'true', source: source.trim() }] },
      {
        onSuccess: () => {
          setDone(
            `Recorded: ${channel === 'email' ? 'e-mail' : 'SMS'} consent ${granted === 'true' ? 'granted' : 'withdrawn'} (${source.trim()}).`,
          );
          setSource('');
        },
      },
    );
  };
  const message = fieldMessage(patch.error, 'consents');

  return (
    <form className="c360-form" onSubmit={submit} noValidate aria-label="Record consent">
      <label>
        Channel
        <select value={channel} onChange={(e) => setChannel(e.target.value as 'email' | 'sms')}>
          <option value="email">E-mail</option>
          <option value="sms">SMS</option>
        </select>
      </label>
      <label>
        Consent
        <select value={granted} onChange={(e) => setGranted(e.target.value)}>
          <option value="true">Granted</option>
          <option value="false">Withdrawn</option>
        </select>
      </label>
      <div>
        <label>
          Source
          <input
            type="text"
            placeholder="till, phone call, sign-up form"
            value={source}
            onChange={(e) => setSource(e.target.value)}
            {...invalidProps('consent-source-error', message)}
          />
        </label>
        <FieldMessage id="consent-source-error" message={message} />
      </div>
      <div className="c360-form-actions">
        <button type="submit" disabled={patch.isPending}>
          {patch.isPending ? 'Recording…' : 'Record consent'}
        </button>
      </div>
      {patch.error && <ErrorNotice error={patch.error} />}
      <p role="status" className="good">
        {done}
      </p>
    </form>
  );
};
