import {
  MetricSettingsSchema,
  PopulationSchema,
  TargetsSchema,
  VariantSchema,
  type Experiment,
} from '../../src/core/experiments/experiments.js';

/**
 * A running experiment started at `at`, as the store holds it: every member, a control and a
 * treatment arm weighted 1:1, default targets and metrics. The salt comes from the id, so each
 * experiment splits customers its own way and the split is the same on every run.
 * Tests and benchmarks override only the fields that matter to them.
 */
export const experimentFixture = (
  id: string,
  at: Date,
  fields: Partial<Experiment> = {},
): Experiment => ({
  id,
  // Ids from newId are upper case with underscores; keys are lower case with hyphens.
  key: id.toLowerCase().replace(/_/g, '-'),
  name: id,
  hypothesis: 'double points bring members back sooner',
  status: 'running',
  salt: `salt-${id}`,
  population: PopulationSchema.parse({}),
  variants: VariantSchema.array().parse([
    { key: 'control', name: 'Control', weight: 1, control: true },
    { key: 'treatment', name: 'Double points', weight: 1 },
  ]),
  targets: TargetsSchema.parse({}),
  metrics: MetricSettingsSchema.parse({}),
  orthogonal: false,
  plannedStartAt: null,
  plannedEndAt: null,
  startedAt: at,
  stoppedAt: null,
  createdAt: at,
  updatedAt: at,
  ...fields,
});
