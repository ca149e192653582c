import { z } from 'zod';
import { DomainError, type FieldIssue } from '../shared/errors.js';

/**
 * Lifecycle stages: where a customer stands in their relationship with the shop, from the days
 * since their first and last purchase as of an instant. The stages and their thresholds are data
 * (`LIFECYCLE_RULES`): the pure `lifecycleStageOf` and the SQL of the refresh both read them.
 */
export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'at_risk', 'lapsed', 'lost'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export interface LifecycleThresholds {
  /** A first purchase at most this many days before as-of makes a customer `new`. */
  newDays: number;
  /** A last purchase at most this many days before as-of: `active`. */
  activeDays: number;
  /** … at most this many days: `at_risk`. */
  atRiskDays: number;
  /** … at most this many days: `lapsed`; older: `lost`. */
  lapsedDays: number;
}

export const DEFAULT_LIFECYCLE_THRESHOLDS: Readonly<LifecycleThresholds> = {
  newDays: 30,
  activeDays: 90,
  atRiskDays: 180,
  lapsedDays: 365,
};

/** The thresholds in the order they must increase. */
export const THRESHOLD_FIELDS = ['newDays', 'activeDays', 'atRiskDays', 'lapsedDays'] as const;
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

/** Which of the two day counts a rule looks at. */
export type LifecycleMeasure = 'firstPurchaseAgeDays' | 'recencyDays';

export interface LifecycleRule {
  stage: Exclude<LifecycleStage, 'prospect' | 'lost'>;
  measure: LifecycleMeasure;
  threshold: ThresholdField;
}

/**
 * Tried in order; the first whose measure is at most its threshold (inclusive) gives the stage.
 * No purchase: `prospect`; none matches: `lost`.
 */
export const LIFECYCLE_RULES: readonly LifecycleRule[] = [
  { stage: 'new', measure: 'firstPurchaseAgeDays', threshold: 'newDays' },
  { stage: 'active', measure: 'recencyDays', threshold: 'activeDays' },
  { stage: 'at_risk', measure: 'recencyDays', threshold: 'atRiskDays' },
  { stage: 'lapsed', measure: 'recencyDays', threshold: 'lapsedDays' },
];

export interface PurchaseAges {
  /** Whole calendar days from the first purchase day to the as-of day. */
  firstPurchaseAgeDays: number;
  /** Whole calendar days from the last purchase day to the as-of day. */
  recencyDays: number;
}

export const lifecycleStageOf = (
  ages: PurchaseAges | null,
  thresholds: LifecycleThresholds,
): LifecycleStage => {
  if (ages === null) return 'prospect';
  const rule = LIFECYCLE_RULES.find((r) => ages[r.measure] <= thresholds[r.threshold]);
  return rule ? rule.stage : 'lost';
};

export const MAX_THRESHOLD_DAYS = 36_500;

/**
 * The thresholds must strictly increase. Given only some of them (the rest default), each issue
 * names a field the caller sent: the later one of the pair when it was sent, else the earlier.
 */
export const thresholdIssues = (given: Partial<LifecycleThresholds>): FieldIssue[] => {
  const t = resolveThresholds(given);
  const issues: FieldIssue[] = [];
  for (let i = 1; i < THRESHOLD_FIELDS.length; i += 1) {
    const before = THRESHOLD_FIELDS[i - 1]!;
    const after = THRESHOLD_FIELDS[i]!;
    if (t[after] > t[before]) continue;
    issues.push(
      given[after] !== undefined || given[before] === undefined
        ? { path: after, message: `must be greater than ${before} (${t[before]})` }
        : { path: before, message: `must be less than ${after} (${t[after]})` },
    );
  }
  return issues;
};

/** The given thresholds over the defaults. */
export const resolveThresholds = (given: Partial<LifecycleThresholds>): LifecycleThresholds => ({
  newDays: given.newDays ?? DEFAULT_LIFECYCLE_THRESHOLDS.newDays,
  activeDays: given.activeDays ?? DEFAULT_LIFECYCLE_THRESHOLDS.activeDays,
  atRiskDays: given.atRiskDays ?? DEFAULT_LIFECYCLE_THRESHOLDS.atRiskDays,
  lapsedDays: given.lapsedDays ?? DEFAULT_LIFECYCLE_THRESHOLDS.lapsedDays,
});

const thresholdsSchema = <T extends z.ZodType<number | undefined>>(days: T) =>
  z
    .object({ newDays: days, activeDays: days, atRiskDays: days, lapsedDays: days })
    .superRefine((given, ctx) => {
      for (const issue of thresholdIssues(given)) {
        ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
      }
    });

const dayCount = () => z.number().int().min(0).max(MAX_THRESHOLD_DAYS);
const queryDayCount = () => z.coerce.number().int().min(0).max(MAX_THRESHOLD_DAYS).optional();

/** Thresholds in a JSON body; absent fields take the defaults. */
export const LifecycleThresholdsSchema = thresholdsSchema(dayCount().optional());

/** The threshold fields of a query string (`?newDays=14&activeDays=60`), to merge into one. */
export const lifecycleThresholdQueryFields = () => ({
  newDays: queryDayCount(),
  activeDays: queryDayCount(),
  atRiskDays: queryDayCount(),
  lapsedDays: queryDayCount(),
});

/** The same as a query schema on its own. */
export const LifecycleThresholdsQuerySchema = thresholdsSchema(queryDayCount());

export type LifecycleThresholdsInput = z.infer<typeof LifecycleThresholdsSchema>;

/** For callers that bypass the HTTP schemas (jobs, CLI): the same checks, as a domain error. */
export const validThresholds = (given: Partial<LifecycleThresholds>): LifecycleThresholds => {
  const rangeIssues = THRESHOLD_FIELDS.filter((f) => {
    const v = given[f];
    return v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= MAX_THRESHOLD_DAYS);
  }).map((f) => ({ path: f, message: `must be a whole number from 0 to ${MAX_THRESHOLD_DAYS}` }));
  const issues = rangeIssues.length > 0 ? rangeIssues : thresholdIssues(given);
  if (issues.length > 0) {
    throw new DomainError(
      'invalid',
      'invalid_lifecycle_thresholds',
      `Lifecycle thresholds are invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      {},
      issues,
    );
  }
  return resolveThresholds(given);
};

/** True when the caller sent any threshold (so stages are re-evaluated rather than read). */
export const anyThresholdGiven = (given: Partial<LifecycleThresholds>): boolean =>
  THRESHOLD_FIELDS.some((f) => given[f] !== undefined);

export interface StageCount {
  stage: LifecycleStage;
  customers: number;
  sharePercent: number | null;
}

/** Percent with two decimals; null when the whole is empty. */
export const roundedPercent = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 100;

/** Every stage in funnel order, zeros included, with its share of all customers counted. */
export const lifecycleFunnel = (counts: Partial<Record<string, number>>): StageCount[] => {
  const total = LIFECYCLE_STAGES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  return LIFECYCLE_STAGES.map((stage) => ({
    stage,
    customers: counts[stage] ?? 0,
    sharePercent: roundedPercent(counts[stage] ?? 0, total),
  }));
};

export interface StageCountsQuery {
  /** null: count the stages stored by the last refresh; else re-evaluate them with these. */
  thresholds: LifecycleThresholds | null;
  timeZone: string;
}

export interface LifecycleCountsSource {
  stageCounts(query: StageCountsQuery): Promise<{
    asOf: Date | null;
    counts: Partial<Record<LifecycleStage, number>>;
  }>;
}

export interface LifecycleFunnel {
  asOf: Date | null;
  /** The thresholds the stages were re-evaluated with; null: as stored by the last refresh. */
  thresholds: LifecycleThresholds | null;
  customers: number;
  stages: StageCount[];
}

/**
 * The lifecycle funnel of the last refresh. Given thresholds, the stages are re-evaluated from
 * the stored day counts (a what-if that needs no refresh); without, the stored stages count.
 */
export const lifecycleFunnelOf = async (
  deps: { analytics: LifecycleCountsSource; programme: { timeZone: string } },
  given: Partial<LifecycleThresholds>,
): Promise<LifecycleFunnel> => {
  const thresholds = anyThresholdGiven(given) ? validThresholds(given) : null;
  const { asOf, counts } = await deps.analytics.stageCounts({
    thresholds,
    timeZone: deps.programme.timeZone,
  });
  const stages = lifecycleFunnel(counts);
  return {
    asOf,
    thresholds,
    customers: stages.reduce((sum, s) => sum + s.customers, 0),
    stages,
  };
};
