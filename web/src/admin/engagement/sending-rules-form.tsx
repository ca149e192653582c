import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { client, unwrap, type Schemas } from '../../shared/api';
import { ErrorNotice } from '../ui';
import { FieldMessage, fieldMessage, invalidProps } from '../customer/field-errors';
import { checkSendingRules, type SendingRules } from './sending-rules';

type Field = keyof SendingRules;

/**
 * Edits the frequency cap and the global control share (PUT /v1/messaging/settings). The PUT
 * replaces every setting, so the sender is sent back as it is; the control group's salt is
 * the server's and never leaves it.
 */
export const SendingRulesForm = ({ settings }: { settings: Schemas['MessagingSettings'] }) => {
  const queries = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({
    maxMarketingPerWindow: String(settings.maxMarketingPerWindow),
    windowDays: String(settings.windowDays),
    globalControlPercent: String(settings.globalControlPercent),
  });
  const [issues, setIssues] = useState<Partial<Record<Field, string>>>({});
  const save = useMutation({
    mutationFn: (rules: SendingRules) =>
      unwrap(
        client.PUT('/v1/messaging/settings', {
          body: { ...rules, fromAddress: settings.fromAddress, fromName: settings.fromName },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['eng', 'messaging-settings'] }),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkSendingRules(values);
    setIssues(checked.ok ? {} : checked.issues);
    if (checked.ok) save.mutate(checked.rules);
  };

  const field = (name: Field, label: string, props: { step: number; max: number; min: number }) => {
    const id = `sending-rules-${name}-message`;
    const message = issues[name] ?? fieldMessage(save.error, name);
    return (
      <label>
        {label}
        <input
          type="number"
          inputMode="decimal"
          {...props}
          value={values[name]}
          onChange={(e) => {
            setValues({ ...values, [name]: e.target.value });
            save.reset();
          }}
          {...invalidProps(id, message)}
        />
        <FieldMessage id={id} message={message} />
      </label>
    );
  };

  return (
    <form className="eng-form" onSubmit={submit} noValidate aria-label="Sending rules">
      <div className="eng-form-row">
        {field('maxMarketingPerWindow', 'Marketing e-mails per customer', {
          step: 1,
          min: 0,
          max: 1000,
        })}
        {field('windowDays', 'Within (days)', { step: 1, min: 1, max: 365 })}
        {field('globalControlPercent', 'Global control group (%)', {
          step: 0.1,
          min: 0,
          max: 50,
        })}
      </div>
      <p className="muted eng-hint" id="sending-rules-help">
        The global control group is a fixed share of members who get no marketing e-mail at all — no
        campaigns, no journeys; receipts and other transactional mail still go. Comparing them with
        everyone else shows what the programme's e-mails bring. The same members stay in the group
        while the share is unchanged; raising it only adds members. 0 turns it off.
      </p>
      <div className="eng-actions">
        <button type="submit" className="secondary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save sending rules'}
        </button>
      </div>
      {save.error && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p className="good" role="status">
          Sending rules saved.
        </p>
      )}
    </form>
  );
};
