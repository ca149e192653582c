import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { client, newIdempotencyKey, unwrap } from '../../shared/api';
import type { paths } from '../../shared/api.generated';
import { ErrorNotice, Panel } from '../ui';
import { FieldMessage, fieldMessage, invalidProps } from './field-errors';
import { customerKey } from './queries';
import { LOCALE_SUGGESTIONS_ID, LocaleSuggestions } from './locale-suggestions';
import type { Customer } from './types';

export type PatchBody =
  paths['/v1/customers/{id}']['patch']['requestBody']['content']['application/json'];

/** One PATCH of the customer, refreshing their record and the list afterwards. */
export const usePatchCustomer = (id: string, onDone?: () => void) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PatchBody) =>
      unwrap(
        client.PATCH('/v1/customers/{id}', {
          params: { path: { id }, header: { 'idempotency-key': newIdempotencyKey() } },
          body,
        }),
      ),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: customerKey(id) }),
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
      ]);
      onDone?.();
    },
  });
};

const FIELDS = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['email', 'E-mail'],
  ['phone', 'Phone'],
  ['locale', 'Locale'],
  ['birthday', 'Birthday (YYYY-MM-DD)'],
] as const;
type Field = (typeof FIELDS)[number][0];

/** A typed attribute value: numbers and true/false stay numbers and booleans in the record. */
const attributeValue = (text: string): string | number | boolean =>
  text === 'true'
    ? true
    : text === 'false'
      ? false
      : /^-?\d+(\.\d+)?$/.test(text)
        ? Number(text)
        : text;

/**
 * The profile as a form: an emptied field clears it (null), an added external id joins the
 * others, an attribute set to nothing is removed. Only what changed is sent.
 */
export const EditCustomerForm = ({
  customer,
  onDone,
}: {
  customer: Customer;
  onDone: () => void;
}) => {
  const [values, setValues] = useState<Record<Field, string>>(
    () => Object.fromEntries(FIELDS.map(([f]) => [f, customer[f] ?? ''])) as Record<Field, string>,
  );
  const [attributes, setAttributes] = useState(() =>
    Object.entries(customer.attributes).map(([key, value]) => ({
      key,
      value: value === null ? '' : String(value),
    })),
  );
  const [external, setExternal] = useState({ source: '', id: '' });
  const patch = usePatchCustomer(customer.id, onDone);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: PatchBody = {};
    for (const [field] of FIELDS) {
      const next = values[field].trim();
      if (next !== (customer[field] ?? '')) body[field] = next === '' ? null : next;
    }
    const changed: Record<string, string | number | boolean | null> = {};
    for (const { key, value } of attributes) {
      const name = key.trim();
      if (!name) continue;
      const next = value.trim() === '' ? null : attributeValue(value.trim());
      if (next !== (customer.attributes[name] ?? null)) changed[name] = next;
    }
    for (const old of Object.keys(customer.attributes)) {
      if (!attributes.some((a) => a.key.trim() === old)) changed[old] = null;
    }
    if (Object.keys(changed).length > 0) body.attributes = changed;
    if (external.source.trim() || external.id.trim())
      body.externalIds = [{ source: external.source.trim(), id: external.id.trim() }];
    patch.mutate(body);
  };

  const error = patch.error;
  return (
    <Panel title="Edit profile">
      <form className="c360-form" onSubmit={submit} noValidate>
        {FIELDS.map(([field, label]) => {
          const message = fieldMessage(error, field);
          return (
            <div key={field}>
              <label>
                {label}
                <input
                  type={field === 'email' ? 'email' : 'text'}
                  list={field === 'locale' ? LOCALE_SUGGESTIONS_ID : undefined}
                  value={values[field]}
                  onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
                  {...invalidProps(`edit-${field}-error`, message)}
                />
              </label>
              <FieldMessage id={`edit-${field}-error`} message={message} />
            </div>
          );
        })}
        <LocaleSuggestions />
        <div>
          <label>
            Add an external id: source
            <input
              type="text"
              placeholder="shopify"
              value={external.source}
              onChange={(e) => setExternal((x) => ({ ...x, source: e.target.value }))}
              {...invalidProps('edit-xsource-error', fieldMessage(error, 'externalIds.0.source'))}
            />
          </label>
          <FieldMessage
            id="edit-xsource-error"
            message={fieldMessage(error, 'externalIds.0.source')}
          />
        </div>
        <div>
          <label>
            External id
            <input
              type="text"
              value={external.id}
              onChange={(e) => setExternal((x) => ({ ...x, id: e.target.value }))}
              {...invalidProps(
                'edit-xid-error',
                fieldMessage(error, 'externalIds.0.id', 'externalIds'),
              )}
            />
          </label>
          <FieldMessage
            id="edit-xid-error"
            message={fieldMessage(error, 'externalIds.0.id', 'externalIds')}
          />
        </div>
        <fieldset className="c360-form-actions">
          <legend>Attributes (empty value removes one)</legend>
          {attributes.map((a, i) => (
            <span key={i}>
              <label>
                Name
                <input
                  type="text"
                  value={a.key}
                  onChange={(e) =>
                    setAttributes((all) =>
                      all.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)),
                    )
                  }
                />
              </label>{' '}
              <label>
                Value
                <input
                  type="text"
                  value={a.value}
                  onChange={(e) =>
                    setAttributes((all) =>
                      all.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)),
                    )
                  }
                />
              </label>
            </span>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => setAttributes((all) => [...all, { key: '', value: '' }])}
          >
            Add attribute
          </button>
          <FieldMessage id="edit-attributes-error" message={fieldMessage(error, 'attributes')} />
        </fieldset>
        <div className="c360-form-actions">
          <button type="submit" disabled={patch.isPending}>
            {patch.isPending ? 'Saving…' : 'Save profile'}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
      {error && <ErrorNotice error={error} />}
    </Panel>
  );
};
