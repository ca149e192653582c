import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { asTyped, client, unwrap, type BodyOf } from '../../shared/api';
import { ErrorNotice, Panel } from '../ui';
import { METRIC_LABELS, fromMinor, moneyStep, optionalNumber, toMinor } from './forms';
import { Saved } from './shared';
import {
  TranslationsEditor,
  translationTexts,
  translationsBody,
  type TranslatedField,
  type TranslationTexts,
} from './translations-editor';
import type { TierConfig, TierMetric } from './types';

interface TierRow {
  code: string;
  name: string;
  threshold: string;
  multiplier: string;
  benefits: string;
  translations: TranslationTexts;
}

const TRANSLATED: TranslatedField[] = [
  { key: 'name', label: 'Name' },
  { key: 'benefits', label: 'Benefits (one per line)', multiline: true },
];

const emptyRow = (): TierRow => ({
  code: '',
  name: '',
  threshold: '',
  multiplier: '100',
  benefits: '',
  translations: {},
});

/** Replaces the whole tier configuration (PUT /v1/tiers); the server checks order and codes. */
export const TierEditor = ({
  config,
  currency,
  onClose,
}: {
  config: TierConfig;
  currency: string;
  onClose: () => void;
}) => {
  const queries = useQueryClient();
  const policy = config.policy;
  const [metric, setMetric] = useState<TierMetric>(policy?.metric ?? 'spend');
  const [windowKind, setWindowKind] = useState(policy?.window.kind ?? 'calendarYear');
  const [windowDays, setWindowDays] = useState(
    policy?.window.kind === 'rolling' ? String(policy.window.days) : '365',
  );
  const [graceDays, setGraceDays] = useState(String(policy?.graceDays ?? 30));
  const [rows, setRows] = useState<TierRow[]>(() =>
    config.tiers.length === 0
      ? [emptyRow()]
      : config.tiers.map((t) => ({
          code: t.code,
          name: t.name,
          threshold: metric === 'spend' ? fromMinor(t.threshold, currency) : String(t.threshold),
          multiplier: String(t.earnMultiplierPercent),
          benefits: t.benefits.join('\n'),
          translations: translationTexts(t.translations),
        })),
  );
  const setRow = (index: number, change: Partial<TierRow>) =>
    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...change } : r)));

  const save = useMutation({
    mutationFn: () =>
      unwrap(
        client.PUT('/v1/tiers', {
          body: asTyped<BodyOf<'/v1/tiers', 'put'>>({
            policy: {
              metric,
              window:
                windowKind === 'rolling'
                  ? { kind: 'rolling', days: optionalNumber(windowDays) }
                  : { kind: 'calendarYear' },
              graceDays: optionalNumber(graceDays),
            },
            tiers: rows.map((r) => ({
              code: r.code.trim(),
              name: r.name,
              threshold:
                metric === 'spend' ? toMinor(r.threshold, currency) : optionalNumber(r.threshold),
              earnMultiplierPercent: optionalNumber(r.multiplier) ?? 100,
              benefits: r.benefits
                .split('\n')
                .map((b) => b.trim())
                .filter((b) => b !== ''),
              translations: translationsBody(r.translations, ['benefits']),
            })),
          }),
        }),
      ),
    onSuccess: async (saved) => {
      queries.setQueryData(['tiers'], saved);
      await queries.invalidateQueries({ queryKey: ['tier-members'] });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const unit = metric === 'spend' ? currency : metric;

  return (
    <Panel title="Edit tiers">
      <form onSubmit={onSubmit} noValidate>
        <div className="prog-form-grid">
          <label>
            Qualify by
            <select value={metric} onChange={(e) => setMetric(e.target.value as TierMetric)}>
              {(Object.keys(METRIC_LABELS) as TierMetric[]).map((m) => (
                <option key={m} value={m}>
                  {METRIC_LABELS[m]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Qualification window
            <select
              value={windowKind}
              onChange={(e) => setWindowKind(e.target.value as 'rolling' | 'calendarYear')}
            >
              <option value="calendarYear">Calendar year</option>
              <option value="rolling">Rolling number of days</option>
            </select>
          </label>
          {windowKind === 'rolling' && (
            <label>
              Window length (days)
              <input
                type="number"
                min={1}
                value={windowDays}
                onChange={(e) => setWindowDays(e.target.value)}
              />
            </label>
          )}
          <label>
            Grace days before a downgrade
            <input
              type="number"
              min={0}
              value={graceDays}
              onChange={(e) => setGraceDays(e.target.value)}
            />
          </label>
        </div>
        <p className="muted">Tiers from lowest to highest; thresholds must rise.</p>
        {rows.map((row, i) => (
          <fieldset key={i} className="prog-tier-row">
            <legend>Tier {i + 1}</legend>
            <label>
              Code
              <input value={row.code} onChange={(e) => setRow(i, { code: e.target.value })} />
            </label>
            <label>
              Name
              <input value={row.name} onChange={(e) => setRow(i, { name: e.target.value })} />
            </label>
            <label>
              Threshold ({unit})
              <input
                type="number"
                min={0}
                step={metric === 'spend' ? moneyStep(currency) : 1}
                value={row.threshold}
                onChange={(e) => setRow(i, { threshold: e.target.value })}
              />
            </label>
            <label>
              Earn multiplier (%)
              <input
                type="number"
                min={100}
                value={row.multiplier}
                onChange={(e) => setRow(i, { multiplier: e.target.value })}
              />
            </label>
            <label>
              Benefits (one per line)
              <textarea
                rows={2}
                value={row.benefits}
                onChange={(e) => setRow(i, { benefits: e.target.value })}
              />
            </label>
            <TranslationsEditor
              subject={`tier ${i + 1}`}
              fields={TRANSLATED}
              value={row.translations}
              onChange={(translations) => setRow(i, { translations })}
            />
            <button
              type="button"
              className="secondary"
              onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
            >
              Remove tier {i + 1}
            </button>
          </fieldset>
        ))}
        {save.error && <ErrorNotice error={save.error} />}
        {save.isSuccess && <Saved>Tiers saved.</Saved>}
        <div className="toolbar">
          <button
            type="button"
            className="secondary"
            onClick={() => setRows((all) => [...all, emptyRow()])}
          >
            Add tier
          </button>
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save tiers'}
          </button>
          <button type="button" className="link" onClick={onClose}>
            Close editor
          </button>
        </div>
      </form>
    </Panel>
  );
};
