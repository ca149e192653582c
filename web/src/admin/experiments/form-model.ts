/**
 * The create/edit form's state and its translation to the API's body. The form keeps what the
 * admin typed (a blank number is null, a blank date is ''); the server checks every field and its
 * problem paths (`variants.1.weight`, `population.segmentId`) come back beside the inputs.
 */

export interface VariantDraft {
  key: string;
  name: string;
  weight: number | null;
  control: boolean;
  holdout: boolean;
  /** '' = the campaign's or journey's own template. */
  templateKey: string;
  rewardIds: string[];
}

export type Entry = 'fixed' | 'open';

export interface ExperimentDraft {
  key: string;
  name: string;
  hypothesis: string;
  /** Every member, or the members of one segment. */
  scope: 'all' | 'segment';
  /** The segment picked ('' while none is: the server then names the field). */
  segmentId: string;
  entry: Entry;
  variants: VariantDraft[];
  campaignIds: string[];
  journeys: string[];
  horizonDays: number | null;
  churnDays: number | null;
  /** Not on the form: kept so saving a draft does not reset it. */
  preDays: number;
  orthogonal: boolean;
  /** `YYYY-MM-DDTHH:mm` in the browser's time zone (datetime-local), or ''. */
  plannedStartAt: string;
  plannedEndAt: string;
}

export const newVariant = (index: number, control = false): VariantDraft => {
  const letter = String.fromCharCode(97 + (index % 26));
  return {
    key: control ? 'control' : `variant-${letter}`,
    name: control ? 'Control' : `Variant ${letter.toUpperCase()}`,
    weight: 50,
    control,
    holdout: false,
    templateKey: '',
    rewardIds: [],
  };
};

export const emptyDraft = (): ExperimentDraft => ({
  key: '',
  name: '',
  hypothesis: '',
  scope: 'all',
  segmentId: '',
  entry: 'fixed',
  variants: [newVariant(0, true), newVariant(1)],
  campaignIds: [],
  journeys: [],
  horizonDays: 60,
  churnDays: 90,
  preDays: 365,
  orthogonal: false,
  plannedStartAt: '',
  plannedEndAt: '',
});

/** Each arm's share of the allocation in percent; null where a weight is missing or none is positive. */
export const sharesPercent = (variants: { weight: number | null }[]): (number | null)[] => {
  const total = variants.reduce((sum, v) => sum + (v.weight && v.weight > 0 ? v.weight : 0), 0);
  return variants.map((v) =>
    total > 0 && v.weight !== null && v.weight > 0 ? (v.weight / total) * 100 : null,
  );
};

/** The one control: ticking an arm's radio makes every other arm a treatment. */
export const withControl = (variants: VariantDraft[], index: number): VariantDraft[] =>
  variants.map((v, i) => ({ ...v, control: i === index }));

/** Removes an arm; if it was the control, the first remaining arm becomes the control. */
export const withoutVariant = (variants: VariantDraft[], index: number): VariantDraft[] => {
  const rest = variants.filter((_, i) => i !== index);
  return rest.some((v) => v.control) ? rest : withControl(rest, 0);
};

/** A local `datetime-local` value as an ISO instant; '' stays absent. */
const instant = (local: string) => (local ? new Date(local).toISOString() : null);

/** An ISO instant as the `datetime-local` value of the browser's time zone. */
export const localInput = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export const populationOf = (d: ExperimentDraft) => ({
  segmentId: d.scope === 'all' ? null : d.segmentId,
  entry: d.entry,
});

export const variantsOf = (d: ExperimentDraft) =>
  d.variants.map((v) => ({
    key: v.key,
    name: v.name,
    weight: v.weight,
    control: v.control,
    holdout: v.holdout,
    templateKey: v.templateKey || null,
    rewardIds: v.rewardIds,
  }));

export const metricsOf = (d: ExperimentDraft) => ({
  horizonDays: d.horizonDays,
  churnDays: d.churnDays,
  preDays: d.preDays,
});

/** The body of POST /v1/experiments (and of PATCH on a draft, without the key). */
export const bodyOf = (d: ExperimentDraft) => ({
  key: d.key,
  name: d.name,
  hypothesis: d.hypothesis,
  population: populationOf(d),
  variants: variantsOf(d),
  targets: { campaignIds: d.campaignIds, journeys: d.journeys },
  metrics: metricsOf(d),
  orthogonal: d.orthogonal,
  plannedStartAt: instant(d.plannedStartAt),
  plannedEndAt: instant(d.plannedEndAt),
});

/** The stored experiment back in the form, to edit a draft. */
export const draftOf = (e: {
  key: string;
  name: string;
  hypothesis: string;
  population: { segmentId: string | null; entry: Entry };
  variants: {
    key: string;
    name: string;
    weight: number;
    control: boolean;
    holdout: boolean;
    templateKey: string | null;
    rewardIds: string[];
  }[];
  targets: { campaignIds: string[]; journeys: string[] };
  metrics: { horizonDays: number; churnDays: number; preDays: number };
  orthogonal: boolean;
  plannedStartAt: string | null;
  plannedEndAt: string | null;
}): ExperimentDraft => ({
  key: e.key,
  name: e.name,
  hypothesis: e.hypothesis,
  scope: e.population.segmentId === null ? 'all' : 'segment',
  segmentId: e.population.segmentId ?? '',
  entry: e.population.entry,
  variants: e.variants.map((v) => ({ ...v, templateKey: v.templateKey ?? '' })),
  campaignIds: e.targets.campaignIds,
  journeys: e.targets.journeys,
  horizonDays: e.metrics.horizonDays,
  churnDays: e.metrics.churnDays,
  preDays: e.metrics.preDays,
  orthogonal: e.orthogonal,
  plannedStartAt: localInput(e.plannedStartAt),
  plannedEndAt: localInput(e.plannedEndAt),
});

/** Whole days between two `datetime-local` values, or null when either is missing. */
export const plannedDays = (start: string, end: string) => {
  if (!start || !end) return null;
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
  return days > 0 ? days : null;
};
