import { describe, expect, it } from 'vitest';
import { experimentChoices, withExperiment } from './rule-experiments';

const list = {
  experiments: [
    {
      key: 'double-q1',
      name: 'Double points Q1',
      status: 'running',
      variants: [
        { key: 'control', name: 'Control', control: true },
        { key: 'double', name: 'Double' },
      ],
    },
    { key: 'old', name: 'Old', status: 'stopped', variants: [{ key: 'a' }, { key: 'b' }] },
    { key: 'next', name: 'Next', status: 'draft', variants: [{ key: 'a' }, { key: 'triple' }] },
    { name: 'no key', status: 'running', variants: [] },
  ],
};

describe('the rule builder’s experiment arm condition', () => {
  it('offers draft and running experiments with their arms, not stopped ones', () => {
    expect(experimentChoices(list)).toEqual([
      {
        key: 'double-q1',
        name: 'Double points Q1',
        status: 'running',
        variants: [
          { key: 'control', name: 'Control' },
          { key: 'double', name: 'Double' },
        ],
      },
      {
        key: 'next',
        name: 'Next',
        status: 'draft',
        variants: [
          { key: 'a', name: 'a' },
          { key: 'triple', name: 'triple' },
        ],
      },
    ]);
    expect(experimentChoices({ problem: true })).toEqual([]);
  });

  it('proposes the second arm for a new pick and keeps an arm the new experiment also has', () => {
    const choices = experimentChoices(list);
    const blank = { type: 'customer.experiment', key: '', variant: '' };
    const picked = withExperiment(blank, 'double-q1', choices);
    expect(picked).toEqual({ type: 'customer.experiment', key: 'double-q1', variant: 'double' });
    expect(withExperiment({ ...picked, variant: 'control' }, 'double-q1', choices).variant).toBe(
      'control',
    );
    expect(withExperiment(picked, 'next', choices).variant).toBe('triple');
  });
});
