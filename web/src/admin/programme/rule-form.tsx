import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, client, newIdempotencyKey, unwrap } from '../../shared/api';
import { ErrorNotice } from '../ui';
import { RuleBuilder } from './rule-builder';
import type { RuleParts } from './rule-builder-model';
import {
  NEW_RULE,
  buildDocument,
  parsePartsJson,
  partsJson,
  splitDocument,
  type RuleDocumentInput,
  type RuleFields,
} from './rule-document';
import { RuleJsonHelp } from './rule-json-help';
import { Saved, useProgramme } from './shared';
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
  const [parts, setParts] = useState<RuleParts>(start.parts);
  // The Advanced view's JSON while it is open; null while the builder is in charge.
  const [json, setJson] = useState<string | null>(null);
  const [saveAs, setSaveAs] = useState<'draft' | 'active'>('draft');
  const [period, setPeriod] = useState(defaultPeriod);
  const programme = useProgramme();
  const currency = programme.data?.currency ?? '';
  const [clientError, setClientError] = useState<string | null>(null);
  // A confirmation belongs to the version it saved: it goes once the rule moves on (activated…).
  const [savedNote, setSavedNote] = useState(saved ?? null);
  // Only the last action's error is shown; a simulation's figures stay while saving.
  const [lastAction, setLastAction] = useState<'simulate' | 'save'>('save');
  const set = <K extends keyof RuleFields>(key: K, value: RuleFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));

  const simulate = useMutation({
    mutationFn: (document: RuleDocumentInput) =>
      unwrap(
        client.POST('/v1/rules/simulate', {
          body: { rule: document, from: period.from, to: period.to },
        }),
      ),
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

  /** The builder's parts, read back from the Advanced JSON if it is open; null if unreadable. */
  const currentParts = () => {
    if (json === null) return parts;
    const read = parsePartsJson(json);
    setClientError(read.ok ? null : read.message);
    if (!read.ok) return null;
    setParts(read.parts);
    return read.parts;
  };
  /** The document from the form, or null after showing why the JSON cannot be read. */
  const documentFromForm = () => {
    setSavedNote(null);
    const current = currentParts();
    return current ? buildDocument(fields, current) : null;
  };
  const toggleAdvanced = () => {
    if (json === null) {
      setJson(partsJson(parts));
      return;
    }
    if (currentParts()) setJson(null);
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
      {json === null ? (
        <RuleBuilder
          parts={parts}
          currency={currency}
          orderRule={fields.trigger === 'order.placed'}
          onChange={setParts}
        />
      ) : (
        <>
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
        </>
      )}
      <button type="button" className="link" onClick={toggleAdvanced} aria-expanded={json !== null}>
        {json === null ? 'Advanced: edit as JSON' : 'Back to the builder'}
      </button>
      <RuleSentence document={json === null ? buildDocument(fields, parts) : null} />
      {clientError && (
        <div className="error" role="alert">
          {clientError}
        </div>
      )}
      {serverError && <ErrorNotice error={serverError} />}
      {savedNote && savedNote.version === rule?.version && <Saved>{savedNote.note}</Saved>}
      <div className="toolbar">
        <label>
          Simulate from
          <input
            type="date"
            value={period.from}
            onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))}
          />
        </label>
        <label>
          to (included)
          <input
            type="date"
            value={period.to}
            onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))}
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

const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The last 90 days, today included, until the admin picks other dates. */
const defaultPeriod = () => {
  const today = new Date();
  const from = new Date(today);
  from.setDate(from.getDate() - 89);
  return { from: isoDay(from), to: isoDay(today) };
};

/** The value after it has stopped changing for a moment, so typing does not flood the server. */
const useSettled = <T,>(value: T, ms: number): T => {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
};

/** What the rule does in plain language (POST /v1/rules/describe), as it is being built. */
const RuleSentence = ({ document }: { document: RuleDocumentInput | null }) => {
  const settled = useSettled(document && { ...document, name: document.name || 'draft' }, 300);
  const sentence = useQuery({
    queryKey: ['rule-sentence', settled],
    queryFn: ({ signal }) =>
      unwrap(client.POST('/v1/rules/describe', { body: { rule: settled! }, signal })),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <section className="rule-sentence" aria-label="What this rule does" aria-live="polite">
      <h3>What this rule does</h3>
      {settled === null ? (
        <p className="muted">Back to the builder to see the sentence.</p>
      ) : sentence.error ? (
        <p className="muted">
          Not a complete rule yet:{' '}
          {sentence.error instanceof ApiError && sentence.error.issues.length > 0
            ? sentence.error.issues
                .map((i) => `${i.path.replace(/^rule\./, '')}: ${i.message}`)
                .join('; ')
            : 'the server could not read it.'}
        </p>
      ) : sentence.data ? (
        <p className="rule-sentence-text">{sentence.data.description}</p>
      ) : (
        <p className="muted">Writing the sentence…</p>
      )}
    </section>
  );
};
