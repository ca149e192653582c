import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { client, newIdempotencyKey, unwrap, type Schemas } from '../../shared/api';
import type { paths } from '../../shared/api.generated';
import { ErrorNotice, Panel } from '../ui';
import { LOCALE_SUGGESTIONS_ID, LocaleSuggestions } from './locale-suggestions';
import { FieldMessage, fieldMessage, invalidProps } from './field-errors';

type CreateBody = paths['/v1/customers']['post']['requestBody']['content']['application/json'];

const EMPTY = {
  firstName: '',
  lastName: '',
  email: '',
  source: '',
  externalId: '',
  locale: '',
  emailConsent: false,
  consentSource: 'admin',
};

const orNull = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** A new customer typed on the page: identity, locale and e-mail consent with its source. */
export const CreateCustomerForm = ({ onCancel }: { onCancel: () => void }) => {
  const [form, setForm] = useState(EMPTY);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const set = (field: keyof typeof EMPTY) => (value: string | boolean) =>
    setForm((f) => ({ ...f, [field]: value }));

  const create = useMutation({
    mutationFn: (body: CreateBody) =>
      unwrap(
        client.POST('/v1/customers', {
          params: { header: { 'idempotency-key': newIdempotencyKey() } },
          body,
        }),
      ),
    onSuccess: async (customer: Schemas['Customer']) => {
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
      void navigate(`/customers/${customer.id}`);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const source = orNull(form.source);
    const id = orNull(form.externalId);
    create.mutate({
      firstName: orNull(form.firstName),
      lastName: orNull(form.lastName),
      email: orNull(form.email),
      locale: orNull(form.locale),
      externalIds: source || id ? [{ source: source ?? '', id: id ?? '' }] : undefined,
      consents: form.emailConsent
        ? [{ channel: 'email', granted: true, source: form.consentSource.trim() }]
        : undefined,
    });
  };

  const error = create.error;
  const msg = {
    firstName: fieldMessage(error, 'firstName'),
    lastName: fieldMessage(error, 'lastName'),
    email: fieldMessage(error, 'email'),
    source: fieldMessage(error, 'externalIds.0.source'),
    externalId: fieldMessage(error, 'externalIds.0.id', 'externalIds'),
    locale: fieldMessage(error, 'locale'),
    consentSource: fieldMessage(error, 'consents'),
  };
  const text = (
    field: 'firstName' | 'lastName' | 'email' | 'source' | 'externalId' | 'locale',
    label: string,
    extra: { type?: string; placeholder?: string } = {},
  ) => (
    <div>
      <label>
        {label}
        <input
          type={extra.type ?? 'text'}
          placeholder={extra.placeholder}
          list={field === 'locale' ? LOCALE_SUGGESTIONS_ID : undefined}
          value={form[field]}
          onChange={(e) => set(field)(e.target.value)}
          {...invalidProps(`new-${field}-error`, msg[field])}
        />
      </label>
      <FieldMessage id={`new-${field}-error`} message={msg[field]} />
    </div>
  );

  return (
    <Panel title="New customer">
      <form className="c360-form" onSubmit={submit} noValidate>
        {text('firstName', 'First name')}
        {text('lastName', 'Last name')}
        {text('email', 'E-mail', { type: 'email' })}
        {text('source', 'External id source', { placeholder: 'shopify' })}
        {text('externalId', 'External id', { placeholder: '1001' })}
        {text('locale', 'Locale', { placeholder: 'en, de-AT' })}
        <LocaleSuggestions />
        <label>
          <span>
            <input
              type="checkbox"
              checked={form.emailConsent}
              onChange={(e) => set('emailConsent')(e.target.checked)}
            />{' '}
            Agreed to marketing e-mail
          </span>
        </label>
        <div>
          <label>
            Consent source
            <input
              type="text"
              value={form.consentSource}
              disabled={!form.emailConsent}
              onChange={(e) => set('consentSource')(e.target.value)}
              {...invalidProps('new-consentSource-error', msg.consentSource)}
            />
          </label>
          <FieldMessage id="new-consentSource-error" message={msg.consentSource} />
        </div>
        <div className="c360-form-actions">
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create customer'}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {error && <ErrorNotice error={error} />}
    </Panel>
  );
};
