import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { TEMPLATE_LOCALES } from '../../../../src/core/shared/locales';
import { ApiError, client, newIdempotencyKey, unwrap, type Schemas } from '../../shared/api';
import { ErrorNotice, Loaded, Panel } from '../ui';
import { CustomerPicker } from './customer-picker';
import { useDebounced } from './use-debounced';

type Template = Schemas['MessageTemplate'];
type Version = Template['versions'][number];
type Kind = Template['kind'];
type Part = 'subject' | 'html' | 'text';

const PART_LABELS: Record<Part, string> = {
  subject: 'Subject',
  html: 'HTML body',
  text: 'Plain-text body',
};

const emptyVersion = (locale: string): Version => ({ locale, subject: '', html: '', text: '' });

/** The API's messages for one part of one version (`versions.<i>.<part>`). */
const partIssues = (error: unknown, index: number, part: Part): string[] =>
  error instanceof ApiError
    ? error.issues.filter((i) => i.path === `versions.${index}.${part}`).map((i) => i.message)
    : [];

const useVariables = () =>
  useQuery({
    queryKey: ['eng', 'template-variables'],
    queryFn: ({ signal }) => unwrap(client.GET('/v1/template-variables', { signal })),
    staleTime: Infinity,
  });

/**
 * Creates or edits one template: a tab per language with its subject and bodies, and beside it
 * the draft rendered for a chosen customer (POST /v1/templates/preview), refreshed as one types.
 */
export const TemplateEditor = ({
  template,
  onDone,
}: {
  template: Template | null;
  onDone: () => void;
}) => {
  const queries = useQueryClient();
  const variables = useVariables();
  const [key, setKey] = useState(template?.key ?? '');
  const [kind, setKind] = useState<Kind>(template?.kind ?? 'marketing');
  const [description, setDescription] = useState(template?.description ?? '');
  const [defaultLocale, setDefaultLocale] = useState(template?.defaultLocale ?? 'en');
  const [versions, setVersions] = useState<Version[]>(template?.versions ?? [emptyVersion('en')]);
  const [active, setActive] = useState(0);
  const [newLocale, setNewLocale] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [idempotencyKey] = useState(newIdempotencyKey);

  const current = versions[active] ?? versions[0]!;
  // Debounced as text: an object made anew each render would restart the timer forever.
  const draftText = useDebounced(
    JSON.stringify({
      kind,
      defaultLocale: versions.some((v) => v.locale === defaultLocale)
        ? defaultLocale
        : current.locale,
      versions,
      locale: current.locale,
    }),
    400,
  );
  const draft = JSON.parse(draftText) as {
    kind: Kind;
    defaultLocale: string;
    versions: Version[];
    locale: string;
  };
  const preview = useQuery({
    queryKey: ['eng', 'template-preview', customerId, draftText],
    enabled: customerId !== '',
    retry: false,
    queryFn: ({ signal }) =>
      unwrap(
        client.POST('/v1/templates/preview', {
          body: {
            customerId,
            locale: draft.locale,
            draft: {
              kind: draft.kind,
              defaultLocale: draft.defaultLocale,
              versions: draft.versions,
            },
          },
          signal,
        }),
      ),
  });

  const save = useMutation({
    mutationFn: () => {
      const body = {
        kind,
        defaultLocale,
        description: description.trim() || null,
        versions,
      };
      return template
        ? unwrap(
            client.PUT('/v1/templates/{key}', { params: { path: { key: template.key } }, body }),
          )
        : unwrap(
            client.POST('/v1/templates', {
              params: { header: { 'idempotency-key': idempotencyKey } },
              body: { ...body, key },
            }),
          );
    },
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['eng', 'templates'] });
      onDone();
    },
  });

  const setPart = (part: Part, value: string) =>
    setVersions((all) => all.map((v, i) => (i === active ? { ...v, [part]: value } : v)));

  const addLocale = () => {
    if (!newLocale || versions.some((v) => v.locale === newLocale)) return;
    setVersions((all) => [...all, emptyVersion(newLocale)]);
    setActive(versions.length);
    setNewLocale('');
  };

  const removeLocale = (index: number) => {
    setVersions((all) => all.filter((_, i) => i !== index));
    setActive(0);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  // A fault is shown at its field: the preview's (as one types) or the save's (on Save).
  const issuesOf = (part: Part) => {
    const fromSave = partIssues(save.error, active, part);
    return fromSave.length > 0 ? fromSave : partIssues(preview.error, active, part);
  };
  const unplacedError =
    save.error instanceof ApiError &&
    save.error.issues.every((i) => !i.path.startsWith('versions.'))
      ? save.error
      : save.error && !(save.error instanceof ApiError)
        ? save.error
        : null;

  return (
    <Panel title={template ? `Edit template ${template.key}` : 'New template'}>
      <div className="eng-template-layout">
        <form className="eng-form" onSubmit={submit} aria-label="Template">
          <div className="eng-form-row">
            <label>
              Key
              <input
                value={key}
                required
                disabled={template !== null}
                pattern="[a-z0-9][a-z0-9_.\-]{0,99}"
                title="Lowercase letters, digits, dot, dash or underscore"
                onChange={(e) => setKey(e.target.value)}
              />
            </label>
            <label>
              Kind
              <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                <option value="marketing">
                  Marketing (consent, frequency cap and control group apply)
                </option>
                <option value="transactional">Transactional</option>
              </select>
            </label>
            <label>
              Default language
              <select value={defaultLocale} onChange={(e) => setDefaultLocale(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.locale} value={v.locale}>
                    {v.locale}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            Description (optional)
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>

          <div className="eng-form-row">
            <div role="tablist" aria-label="Languages" className="eng-tabs">
              {versions.map((v, i) => (
                <button
                  key={v.locale}
                  type="button"
                  role="tab"
                  id={`locale-tab-${v.locale}`}
                  aria-selected={i === active}
                  aria-controls="locale-panel"
                  className={i === active ? '' : 'secondary'}
                  onClick={() => setActive(i)}
                >
                  {v.locale}
                </button>
              ))}
            </div>
            <label>
              Add a language
              <select value={newLocale} onChange={(e) => setNewLocale(e.target.value)}>
                <option value="">Choose a language</option>
                {TEMPLATE_LOCALES.filter((l) => !versions.some((v) => v.locale === l)).map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="secondary" disabled={!newLocale} onClick={addLocale}>
              Add language
            </button>
          </div>

          <div id="locale-panel" role="tabpanel" aria-labelledby={`locale-tab-${current.locale}`}>
            {(['subject', 'html', 'text'] as const).map((part) => {
              const issues = issuesOf(part);
              const messageId = `template-${part}-issues`;
              const Field = part === 'subject' ? 'input' : 'textarea';
              return (
                <label key={part}>
                  {PART_LABELS[part]} ({current.locale})
                  <Field
                    value={current[part]}
                    required
                    rows={part === 'subject' ? undefined : 6}
                    className="mono"
                    onChange={(e) => setPart(part, e.target.value)}
                    {...(issues.length > 0
                      ? { 'aria-invalid': true as const, 'aria-describedby': messageId }
                      : {})}
                  />
                  {issues.length > 0 && (
                    <span id={messageId} className="bad field-message">
                      {issues.join('; ')}
                    </span>
                  )}
                </label>
              );
            })}
            {versions.length > 1 && (
              <button type="button" className="secondary" onClick={() => removeLocale(active)}>
                Remove {current.locale}
              </button>
            )}
          </div>

          <div className="eng-actions">
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save template'}
            </button>
            <button type="button" className="secondary" onClick={onDone}>
              Cancel
            </button>
          </div>
          {unplacedError ? <ErrorNotice error={unplacedError} /> : null}
        </form>

        <section aria-labelledby="template-preview-title" className="eng-preview">
          <h3 id="template-preview-title">Preview ({current.locale})</h3>
          <CustomerPicker value={customerId} onChange={setCustomerId} chooseLabel="Preview for" />
          {customerId === '' ? (
            <p className="empty">Choose a customer to see this draft with their data.</p>
          ) : preview.error ? (
            preview.error instanceof ApiError && preview.error.status === 422 ? (
              <p className="bad" role="status">
                The draft cannot be rendered: see the messages at the fields.
              </p>
            ) : (
              <ErrorNotice error={preview.error} />
            )
          ) : !preview.data ? (
            <p className="muted" role="status">
              Rendering…
            </p>
          ) : (
            <div role="status" aria-live="polite">
              <p>
                <strong>To:</strong> {preview.data.to || '(no e-mail address)'} ·{' '}
                <strong>Language:</strong> {preview.data.locale}
              </p>
              <p>
                <strong>Subject:</strong>{' '}
                <span data-testid="preview-subject">{preview.data.subject}</span>
              </p>
              <iframe
                title="HTML preview"
                sandbox=""
                srcDoc={preview.data.html}
                className="eng-preview-frame"
              />
              <pre className="eng-preview-text" data-testid="preview-text">
                {preview.data.text}
              </pre>
            </div>
          )}
        </section>
      </div>

      <details>
        <summary>Variables you can use</summary>
        <Loaded query={variables} what="variables">
          {(v) => (
            <dl className="eng-variables">
              {v.variables.map((variable) => (
                <div key={variable.name}>
                  <dt className="mono">{`{{${variable.name}}}`}</dt>
                  <dd>{variable.description}</dd>
                </div>
              ))}
            </dl>
          )}
        </Loaded>
      </details>
    </Panel>
  );
};
