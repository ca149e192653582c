import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { client, unwrap } from '../../shared/api';
import { FieldMessage, fieldMessage, invalidProps } from '../customer/field-errors';
import { SegmentPicker } from '../engagement/builder/segment-picker';
import { ErrorNotice, Panel } from '../ui';
import { bodyOf, emptyDraft, type ExperimentDraft } from './form-model';
import { PowerEstimate } from './power-estimate';
import { TargetsFields } from './targets-fields';
import type { Experiment } from './types';
import { VariantsEditor } from './variants-editor';

/**
 * A draft experiment: created here (POST /v1/experiments) or edited while still a draft (PATCH).
 * The server checks every field; its problem paths come back beside the fields. The power estimate
 * is computed from the form as it stands, before anything is saved or started.
 */
export const ExperimentForm = ({
  editing,
  initial,
  onSaved,
}: {
  /** The draft being edited; absent to create one. */
  editing?: Experiment;
  initial?: ExperimentDraft;
  onSaved?: () => void;
}) => {
  const [draft, setDraft] = useState<ExperimentDraft>(initial ?? emptyDraft());
  const set = (patch: Partial<ExperimentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const queries = useQueryClient();
  const navigate = useNavigate();

  const save = useMutation({
    mutationFn: (d: ExperimentDraft) => {
      // Blank numbers go as null so the server names them, rather than the page guessing.
      const body = bodyOf(d) as never;
      if (!editing) return unwrap(client.POST('/v1/experiments', { body }));
      const { key: _key, ...patch } = bodyOf(d);
      return unwrap(
        client.PATCH('/v1/experiments/{id}', {
          params: { path: { id: editing.id } },
          body: patch as never,
        }),
      );
    },
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ['exp'] });
      if (onSaved) onSaved();
      else void navigate(`/experiments/${encodeURIComponent(saved.id)}`);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  const at = (path: string) => fieldMessage(save.error, path);

  return (
    <Panel title={editing ? `Edit draft: ${editing.name}` : 'New experiment'}>
      <form className="eng-form exp-form" onSubmit={submit} noValidate>
        <div className="eng-form-row">
          {!editing && (
            <label>
              Key
              <input
                className="mono"
                value={draft.key}
                onChange={(e) => set({ key: e.target.value })}
                {...invalidProps('exp-key-error', at('key'))}
              />
              <span className="muted eng-hint">
                Lowercase letters, digits, - or _; earning rules name it.
              </span>
              <FieldMessage id="exp-key-error" message={at('key')} />
            </label>
          )}
          <label>
            Name
            <input
              value={draft.name}
              onChange={(e) => set({ name: e.target.value })}
              {...invalidProps('exp-name-error', at('name'))}
            />
            <FieldMessage id="exp-name-error" message={at('name')} />
          </label>
        </div>
        <label>
          Hypothesis
          <textarea
            rows={2}
            value={draft.hypothesis}
            placeholder="Double points on a second order raise the 60-day repeat rate."
            onChange={(e) => set({ hypothesis: e.target.value })}
            {...invalidProps('exp-hypothesis-error', at('hypothesis'))}
          />
          <FieldMessage id="exp-hypothesis-error" message={at('hypothesis')} />
        </label>
        <PopulationFields draft={draft} set={set} error={save.error} />
        <VariantsEditor
          variants={draft.variants}
          onChange={(variants) => set({ variants })}
          error={save.error}
        />
        <TargetsFields
          campaignIds={draft.campaignIds}
          journeys={draft.journeys}
          onChange={(targets) => set(targets)}
          error={save.error}
        />
        <SettingsFields draft={draft} set={set} error={save.error} />
        <PowerEstimate draft={draft} />
        {save.error !== null && <ErrorNotice error={save.error} />}
        <div className="eng-actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : editing ? 'Save draft' : 'Create draft'}
          </button>
          {editing && onSaved && (
            <button type="button" className="secondary" onClick={onSaved}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </Panel>
  );
};

type FieldsProps = {
  draft: ExperimentDraft;
  set: (patch: Partial<ExperimentDraft>) => void;
  error: unknown;
};

/** Who is in the experiment: every member or one segment; fixed at start or open to newcomers. */
const PopulationFields = ({ draft, set, error }: FieldsProps) => {
  const segmentError = fieldMessage(error, 'population.segmentId');
  return (
    <fieldset className="exp-population">
      <legend>Population</legend>
      <div className="eng-actions">
        <label className="eng-inline">
          <input
            type="radio"
            name="exp-population"
            checked={draft.scope === 'all'}
            onChange={() => set({ scope: 'all' })}
          />
          All members
        </label>
        <label className="eng-inline">
          <input
            type="radio"
            name="exp-population"
            checked={draft.scope === 'segment'}
            onChange={() => set({ scope: 'segment' })}
          />
          The members of a segment
        </label>
      </div>
      {draft.scope === 'segment' && (
        <SegmentPicker
          legend="Segment"
          by="id"
          single
          picked={draft.segmentId ? [draft.segmentId] : []}
          onChange={(picked) => set({ segmentId: picked[0] ?? '' })}
          invalid={segmentError !== undefined}
          describedBy={segmentError ? 'exp-segment-error' : undefined}
        />
      )}
      <FieldMessage id="exp-segment-error" message={segmentError} />
      <fieldset className="segmented">
        <legend>Who joins</legend>
        <label>
          <input
            type="radio"
            name="exp-entry"
            checked={draft.entry === 'fixed'}
            onChange={() => set({ entry: 'fixed' })}
          />
          Fixed: the members at start
        </label>
        <label>
          <input
            type="radio"
            name="exp-entry"
            checked={draft.entry === 'open'}
            onChange={() => set({ entry: 'open' })}
          />
          Open: newcomers join while it runs
        </label>
      </fieldset>
    </fieldset>
  );
};

const NumberField = ({
  label,
  path,
  value,
  onChange,
  error,
  hint,
}: {
  label: string;
  path: string;
  value: number | null;
  onChange: (value: number | null) => void;
  error: unknown;
  hint: string;
}) => {
  const id = `exp-${path.replace(/\W/g, '-')}-error`;
  const message = fieldMessage(error, path);
  return (
    <label>
      {label}
      <input
        type="number"
        min={1}
        step={1}
        className="eng-narrow-input"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        {...invalidProps(id, message)}
      />
      <span className="muted eng-hint">{hint}</span>
      <FieldMessage id={id} message={message} />
    </label>
  );
};

/** How the results are measured, whether it may share customers, and when it is meant to run. */
const SettingsFields = ({ draft, set, error }: FieldsProps) => (
  <fieldset className="exp-settings">
    <legend>Measurement and schedule</legend>
    <div className="eng-form-row">
      <NumberField
        label="Horizon (days)"
        path="metrics.horizonDays"
        value={draft.horizonDays}
        onChange={(horizonDays) => set({ horizonDays })}
        error={error}
        hint="Each customer's outcomes are counted this long after exposure."
      />
      <NumberField
        label="Churn after (days)"
        path="metrics.churnDays"
        value={draft.churnDays}
        onChange={(churnDays) => set({ churnDays })}
        error={error}
        hint="No order this long after exposure counts as churned."
      />
      <label>
        Planned start
        <input
          type="datetime-local"
          value={draft.plannedStartAt}
          onChange={(e) => set({ plannedStartAt: e.target.value })}
          {...invalidProps('exp-start-error', fieldMessage(error, 'plannedStartAt'))}
        />
        <FieldMessage id="exp-start-error" message={fieldMessage(error, 'plannedStartAt')} />
      </label>
      <label>
        Planned end
        <input
          type="datetime-local"
          value={draft.plannedEndAt}
          onChange={(e) => set({ plannedEndAt: e.target.value })}
          {...invalidProps('exp-end-error', fieldMessage(error, 'plannedEndAt'))}
        />
        <FieldMessage id="exp-end-error" message={fieldMessage(error, 'plannedEndAt')} />
      </label>
    </div>
    <label className="eng-inline">
      <input
        type="checkbox"
        checked={draft.orthogonal}
        onChange={(e) => set({ orthogonal: e.target.checked })}
      />
      Orthogonal: may share customers, rules and journeys with other running experiments
    </label>
  </fieldset>
);
