import { describe, expect, it } from 'vitest';
import type { Rule, RuleDocument } from '../rules/rules.js';
import { sharedReach } from './experiment-overlap.js';
import {
  MetricSettingsSchema,
  PopulationSchema,
  TargetsSchema,
  VariantSchema,
  type Experiment,
} from './experiments.js';

const at = new Date('2026-12-07T00:00:00Z');

const experiment = (
  key: string,
  targets: Record<string, unknown> = {},
  rewardIds: string[] = [],
): Experiment => ({
  id: `exp_${key}`,
  key,
  name: key,
  hypothesis: 'h',
  status: 'draft',
  salt: key,
  population: PopulationSchema.parse({}),
  variants: VariantSchema.array().parse([
    { key: 'control', name: 'Control', weight: 1, control: true },
    { key: 'treated', name: 'Treated', weight: 1, rewardIds },
  ]),
  targets: TargetsSchema.parse(targets),
  metrics: MetricSettingsSchema.parse({}),
  orthogonal: false,
  plannedStartAt: null,
  plannedEndAt: null,
  startedAt: null,
  stoppedAt: null,
  createdAt: at,
  updatedAt: at,
});

const rule = (name: string, keys: string[], fields: Partial<RuleDocument> = {}): Rule => ({
  id: `rul_${name}`,
  version: 1,
  document: {
    schemaVersion: 1,
    name,
    trigger: 'order.placed',
    priority: 0,
    conditions: keys.map((key) => ({ type: 'customer.experiment', key, variant: 'treated' })),
    effects: [{ type: 'points.fixed', points: 10 }],
    stopsLowerPriority: false,
    ...fields,
  },
});

describe('sharedReach: what two experiments both treat through', () => {
  it('names shared campaigns, journeys and rewards, and nothing when they share none', () => {
    const a = experiment('a', { campaignIds: ['cmp_1', 'cmp_2'], journeys: ['birthday'] }, ['r1']);
    const b = experiment('b', { campaignIds: ['cmp_2'], journeys: ['birthday', 'welcome'] }, [
      'r1',
    ]);
    expect(sharedReach(a, b, [])).toEqual(['campaign cmp_2', 'journey birthday', 'reward r1']);
    const c = experiment('c', { campaignIds: ['cmp_3'], journeys: ['welcome'] }, ['r2']);
    expect(sharedReach(a, c, [])).toEqual([]);
  });

  it('shares a trigger when one rule names both, or two rules on it name one each', () => {
    const a = experiment('a');
    const b = experiment('b');
    expect(sharedReach(a, b, [rule('both', ['a', 'b'])])).toEqual([
      'rules on order.placed ("both")',
    ]);
    expect(sharedReach(a, b, [rule('for a', ['a']), rule('for b', ['b'])])).toEqual([
      'rules on order.placed ("for a", "for b")',
    ]);
    // Different triggers, or custom events of different names, do not stack.
    const birthday = rule('birthday b', ['b'], {
      trigger: 'customer.birthday',
      effects: [{ type: 'points.fixed', points: 5 }],
    });
    expect(sharedReach(a, b, [rule('for a', ['a']), birthday])).toEqual([]);
    const custom = (name: string, key: string, event: string) =>
      rule(name, [key], { trigger: 'custom', customEvent: event });
    expect(
      sharedReach(a, b, [custom('x', 'a', 'app.installed'), custom('y', 'b', 'app.rated')]),
    ).toEqual([]);
    expect(
      sharedReach(a, b, [custom('x', 'a', 'app.installed'), custom('y', 'b', 'app.installed')]),
    ).toEqual(['rules on custom app.installed ("x", "y")']);
    // A rule naming neither is no link.
    expect(sharedReach(a, b, [rule('other', ['c'])])).toEqual([]);
  });
});
