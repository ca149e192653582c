import type { Condition } from './rule-builder-model';

/**
 * The experiments a rule's "Experiment arm" condition can name: drafts (to prepare the rule before
 * the start) and running ones; a stopped experiment applies no treatment, so it is not offered.
 */
export interface ExperimentChoice {
  key: string;
  name: string;
  status: string;
  variants: { key: string; name: string }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The list from GET /v1/experiments, read defensively: only what the picker shows is kept. */
export const experimentChoices = (body: unknown): ExperimentChoice[] => {
  const list = isRecord(body) && Array.isArray(body.experiments) ? body.experiments : [];
  return list.flatMap((e): ExperimentChoice[] => {
    if (!isRecord(e) || typeof e.key !== 'string' || !Array.isArray(e.variants)) return [];
    if (e.status !== 'draft' && e.status !== 'running') return [];
    const variants = e.variants.flatMap((v) =>
      isRecord(v) && typeof v.key === 'string'
        ? [{ key: v.key, name: typeof v.name === 'string' ? v.name : v.key }]
        : [],
    );
    return [
      { key: e.key, name: typeof e.name === 'string' ? e.name : e.key, status: e.status, variants },
    ];
  });
};

/**
 * The condition once an experiment is picked: its arm is kept when the new experiment has one of
 * that key, else the first arm that is not the control is proposed (usually the treatment).
 */
export const withExperiment = (
  condition: Condition,
  key: string,
  choices: ExperimentChoice[],
): Condition => {
  const experiment = choices.find((e) => e.key === key);
  const arms = experiment?.variants.map((v) => v.key) ?? [];
  const kept = typeof condition.variant === 'string' && arms.includes(condition.variant);
  return {
    ...condition,
    key,
    variant: kept ? condition.variant : (arms[1] ?? arms[0] ?? ''),
  };
};

/** GET /v1/experiments through the session; the typed client gains the route with its API. */
export const fetchExperimentChoices = async (signal: AbortSignal) => {
  const response = await fetch('/v1/experiments', {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal,
  });
  if (!response.ok) throw new Error(`The experiments could not be listed (${response.status})`);
  return experimentChoices(await response.json());
};
