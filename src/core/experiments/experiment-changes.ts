import { z } from 'zod';
import type { FieldIssue } from '../shared/errors.js';
import {
  ExperimentKeySchema,
  MetricSettingsSchema,
  PopulationSchema,
  TargetsSchema,
  VariantSchema,
  type Experiment,
} from './experiments.js';

/**
 * What a client may send to create or change an experiment, and which fields may change in which
 * status: arms, population, targets and metrics decide who is in which arm and what is measured,
 * so they are fixed once the experiment runs.
 */

const instant = z.iso.datetime({ offset: true }).nullable();
const MAX_VARIANTS = 20;

const documentShape = {
  name: z.string().trim().min(1).max(200),
  hypothesis: z.string().trim().min(1).max(5000),
  population: PopulationSchema,
  variants: z.array(VariantSchema).min(2).max(MAX_VARIANTS),
  targets: TargetsSchema,
  metrics: MetricSettingsSchema,
  orthogonal: z.boolean(),
  plannedStartAt: instant,
  plannedEndAt: instant,
};

export const CreateExperimentSchema = z
  .object({
    key: ExperimentKeySchema,
    ...documentShape,
    population: PopulationSchema.prefault({}),
    targets: TargetsSchema.prefault({}),
    metrics: MetricSettingsSchema.prefault({}),
    orthogonal: documentShape.orthogonal.default(false),
    plannedStartAt: instant.default(null),
    plannedEndAt: instant.default(null),
  })
  .strict();
export type CreateExperimentInput = z.input<typeof CreateExperimentSchema>;

/** Every field optional; the key never changes (rules name the experiment by it). */
export const UpdateExperimentSchema = z.object(documentShape).partial().strict();
export type UpdateExperimentInput = z.input<typeof UpdateExperimentSchema>;
export type ExperimentChanges = z.output<typeof UpdateExperimentSchema>;

/** What a running experiment may still change: its wording and when it is planned to end. */
export const CHANGEABLE_WHILE_RUNNING = ['name', 'hypothesis', 'plannedEndAt'] as const;

/** The fields of `changes` whose value differs from the experiment's (sending one unchanged is fine). */
export const changedFields = (experiment: Experiment, changes: ExperimentChanges): string[] =>
  Object.entries(changes)
    .filter(([field, value]) => {
      if (value === undefined) return false;
      const current = experiment[field as keyof Experiment];
      const comparable = current instanceof Date ? current.toISOString() : current;
      const wanted =
        typeof value === 'string' && current instanceof Date
          ? new Date(value).toISOString()
          : value;
      return JSON.stringify(comparable) !== JSON.stringify(wanted);
    })
    .map(([field]) => field);

/** Rules across fields of a whole experiment: planned dates in order, arms that can act. */
export const documentIssues = (experiment: Experiment): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const { plannedStartAt: start, plannedEndAt: end } = experiment;
  if (start && end && end.getTime() <= start.getTime()) {
    issues.push({ path: 'plannedEndAt', message: 'must be after plannedStartAt' });
  }
  const reaches =
    experiment.targets.campaignIds.length > 0 || experiment.targets.journeys.length > 0;
  experiment.variants.forEach((variant, i) => {
    if (variant.holdout && variant.templateKey !== null) {
      issues.push({
        path: `variants.${i}.templateKey`,
        message: 'a holdout receives no e-mail, so it has no template',
      });
    }
    // Holdouts and templates act on the targeted campaigns and journeys only.
    if (!reaches && variant.holdout) {
      issues.push({
        path: `variants.${i}.holdout`,
        message: 'the experiment targets no campaign or journey to hold out from',
      });
    }
    if (!reaches && variant.templateKey !== null) {
      issues.push({
        path: `variants.${i}.templateKey`,
        message: 'the experiment targets no campaign or journey to send it in',
      });
    }
  });
  return issues;
};
