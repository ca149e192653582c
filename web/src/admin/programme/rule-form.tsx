import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, client, newIdempotencyKey, unwrap } from '../../shared/api';
import { ErrorNotice } from '../ui';
import {
  NEW_RULE,
  buildDocument,
  splitDocument,
  type RuleDocumentInput,
  type RuleFields,
} from './rule-document';
import { RuleJsonHelp } from './rule-json-help';
import { Saved } from './shared';
import { SimulationResult } from './simulation-result';
import { RULE_TRIGGERS, type Rule } from './types';

/** Whether the server named this top-level field (`document.name`, `rule.name`) as at fault. */
const faulted = (error: unknown, key: string) =>
  error instanceof ApiError &&
  error.issues.some((i) => i.path.replace(/^(document|rule)\./, '').split('.')[0] === key);

/**
 * Writes a rule: new (POST /v1/rules) or a new version of a saved one (PATCH). "Simulate" replays
 * the document as it stands in the form over past orders, before anything is saved.
 */
export const RuleForm = ({
  rule,
  saved,
}: {
  rule: Rule | null;
  saved?: { note: string; version: number };
}) => {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const start = rule ? splitDocument(rule.document) : NEW_RULE;
  const [fields, setFields] = useState<RuleFields>(start.fields);
  const [json, setJson] = useState(start.json);
  const [saveAs, setSaveAs] = useState<'draft' | 'active'>('draft');
  const [days, setDays] = useState('90');
  const [clientError, setClientError] = useState<string | null>(null);
  // A confirmation belongs to the version it saved: it goes once the rule moves on (activated…).
  const [savedNote, setSavedNote] = useState(saved ?? null);
  // Only the last action's error is shown; a simulation's figures stay while saving.
  const [lastAction, setLastAction] = useState<'simulate' | 'save'>('save');
  const set = <K extends keyof RuleFields>(key: K, value: RuleFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));

  const simulate = useMutation({
    mutationFn: (document: RuleDocumentInput) =>
      unwrap(client.POST('/v1/rules/simulate', { body: { rule: document, days: Number(days) } })),
  });
  const save = useMutation({
    mutationFn: (document: RuleDocumentInput) =>
      rule
        ? unwrap(
            client.PATCH('/v1/rules/{id}', {
              params: { path: { id: rule.id } },
              body: { document },
            }),
          )
        : unwrap(
            client.POST('/v1/rules', {
              params: { header: { 'idempotency-key': newIdempotencyKey() } },
              body: { document, status: saveAs },
            }),
          ),
    onSuccess: async (result) => {
      await queries.invalidateQueries({ queryKey: ['rules'] });
      await queries.invalidateQueries({ queryKey: ['rule-versions', result.id] });
      queries.setQueryData(['rule', result.id], result);
      const note = {
        note: `Rule saved as version ${result.version} (${result.status}).`,
        version: result.version,
      };
      if (rule) setSavedNote(note);
      else void navigate(`/programme/rules/${result.id}`, { state: { saved: note } });
    },
  });

  /** The document from the form, or null after showing why the JSON cannot be read. */
  const documentFromForm = () => {
    setSavedNote(null);
    const built = buildDocument(fields, json);
    setClientError(built.ok ? null : built.message);
    return built.ok ? built.document : null;
  };
  const onSimulate = () => {
    setLastAction('simulate');
    const document = documentFromForm();
    if (document) simulate.mutate(document);
  };
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    setLastAction('save');
    const document = documentFromForm();
    if (document) save.mutate(document);
  };
  const serverError = lastAction === 'save' ? save.error : simulate.error;
  const simulable = fields.trigger === 'order.placed';

  return (
    <form className="prog-rule-form" onSubmit={onSave} noValidate>
      <div className="prog-form-grid">
        <label>
          Name
          <input
            value={fields.name}
            onChange={(e) => set('name', e.target.value)}
            aria-invalid={faulted(serverError, 'name')}
            required
          />
        </label>
        <label>
          Trigger
          <select
            value={fields.trigger}
            onChange={(e) => set('trigger', e.target.value as RuleFields['trigger'])}
            aria-invalid={faulted(serverError, 'trigger')}
          >
            {RULE_TRIGGERS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {fields.trigger === 'custom' && (
          <label>
            Custom event name
            <input
              value={fields.customEvent}
              onChange={(e) => set('customEvent', e.target.value)}
              aria-invalid={faulted(serverError, 'customEvent')}
              placeholder="app.installed"
            />
          </label>
        )}
        <label>
          Priority (higher runs first)
          <input
            type="number"
            value={fields.priority}
            onChange={(e) => set('priority', e.target.value)}
            aria-invalid={faulted(serverError, 'priority')}
          />
        </label>
        <label>
          Starts at (optional)
          <input
            type="datetime-local"
            value={fields.startsAt}
            onChange={(e) => set('startsAt', e.target.value)}
            aria-invalid={faulted(serverError, 'startsAt')}
          />
        </label>
        <label>
          Ends at (optional)
          <input
            type="datetime-local"
            value={fields.endsAt}
            onChange={(e) => set('endsAt', e.target.value)}
            aria-invalid={faulted(serverError, 'endsAt')}
          />
        </label>
      </div>
      <label>
        Description (optional)
        <input value={fields.description} onChange={(e) => set('description', e.target.value)} />
      </label>
      <label className="prog-inline">
        <input
          type="checkbox"
          checked={fields.stopsLowerPriority}
          onChange={(e) => set('stopsLowerPriority', e.target.checked)}
        />
        Stop lower-priority rules when this one applies
      </label>
      <label>
        Rule JSON (lines, conditions, effects, caps)
        <textarea
          value={json}
          onChange={(e) => setJson(e.target.value)}
          rows={16}
          spellCheck={false}
          aria-invalid={clientError !== null}
        />
      </label>
      <RuleJsonHelp />
      {clientError && (
        <div className="error" role="alert">
          {clientError}
        </div>
      )}
      {serverError && <ErrorNotice error={serverError} />}
      {savedNote && savedNote.version === rule?.version && <Saved>{savedNote.note}</Saved>}
      <div className="toolbar">
        <label>
          Simulate over the last (days)
          <input
            type="number"
            min={1}
            max={3650}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="secondary"
          onClick={onSimulate}
          disabled={simulate.isPending || !simulable}
        >
          {simulate.isPending ? 'Simulating…' : 'Simulate'}
        </button>
        {!rule && (
          <label>
            Save as
            <select
              value={saveAs}
              onChange={(e) => setSaveAs(e.target.value as 'draft' | 'active')}
            >
              <option value="draft">Draft (not applied yet)</option>
              <option value="active">Active (applies to new orders at once)</option>
            </select>
          </label>
        )}
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save rule'}
        </button>
      </div>
      {!simulable && (
        <p className="muted">
          Simulation replays past orders: only order.placed rules can be simulated.
        </p>
      )}
      {simulate.isPending && (
        <p className="muted" role="status">
          Replaying past orders…
        </p>
      )}
      {simulate.data && <SimulationResult result={simulate.data} />}
    </form>
  );
};
