import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { client, unwrap } from '../../shared/api';
import { useDebounced } from '../engagement/use-debounced';
import { ErrorNotice } from '../ui';
import {
  metricsOf,
  plannedDays,
  populationOf,
  variantsOf,
  type ExperimentDraft,
} from './form-model';
import { powerSentences } from './power-words';

const DEFAULT_DAYS = 28;

/**
 * Before start: how small a change in the repeat rate the experiment can detect over the planned
 * days, with the population's baseline from history (POST /v1/experiments/power), and, for an
 * effect the admin names, how many days that takes. Asked 400 ms after the form last changed.
 */
export const PowerEstimate = ({ draft }: { draft: ExperimentDraft }) => {
  const id = useId();
  const planned = plannedDays(draft.plannedStartAt, draft.plannedEndAt);
  const [days, setDays] = useState<number | null>(null);
  /** A relative change of the repeat rate, in percent of the baseline. */
  const [effectPercent, setEffectPercent] = useState<number | null>(null);
  const durationDays = days ?? planned ?? DEFAULT_DAYS;
  const body = {
    population: populationOf(draft),
    variants: variantsOf(draft),
    metrics: metricsOf(draft),
    durationDays,
    effect:
      effectPercent === null || effectPercent === 0
        ? undefined
        : { metric: 'converted', relative: effectPercent / 100 },
  };
  const settled = useDebounced(JSON.stringify(body), 400);
  const power = useQuery({
    queryKey: ['exp', 'power', settled],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(client.POST('/v1/experiments/power', { body: JSON.parse(settled) as never, signal })),
  });
  const sentences = power.data ? powerSentences(power.data, draft.horizonDays ?? 60) : null;

  return (
    <section className="exp-power" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Power estimate</h3>
      <div className="eng-form-row">
        <label>
          Planned duration (days)
          <input
            type="number"
            min={1}
            step={1}
            className="eng-narrow-input"
            value={days ?? planned ?? DEFAULT_DAYS}
            onChange={(e) => setDays(e.target.value === '' ? null : Number(e.target.value))}
          />
        </label>
        <label>
          Effect to detect (% change of the repeat rate, optional)
          <input
            type="number"
            step="1"
            className="eng-narrow-input"
            value={effectPercent ?? ''}
            onChange={(e) =>
              setEffectPercent(e.target.value === '' ? null : Number(e.target.value))
            }
          />
        </label>
      </div>
      {power.error ? (
        <ErrorNotice error={power.error} />
      ) : !sentences ? (
        <p className="muted" role="status">
          Estimating from the population's history…
        </p>
      ) : (
        <div role="status" aria-live="polite" data-testid="power-estimate">
          {sentences.map((s) => (
            <p key={s} className="exp-power-sentence">
              {s}
            </p>
          ))}
        </div>
      )}
      <p className="muted eng-note">
        Two-sided test at 5 % with 80 % power, from the population's repeat rate over the last
        horizon; the smallest arm decides.
      </p>
    </section>
  );
};
