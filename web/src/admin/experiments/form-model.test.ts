import { describe, expect, it } from 'vitest';
import { forestDomain, forestX } from './forest-plot';
import {
  bodyOf,
  draftOf,
  emptyDraft,
  plannedDays,
  sharesPercent,
  withControl,
  withoutVariant,
} from './form-model';
import { powerSentences } from './power-words';

describe('the experiment form model', () => {
  it('shows weights as shares of the whole, none where a weight is missing', () => {
    expect(sharesPercent([{ weight: 1 }, { weight: 3 }])).toEqual([25, 75]);
    expect(sharesPercent([{ weight: 50 }, { weight: null }, { weight: 50 }])).toEqual([
      50,
      null,
      50,
    ]);
    expect(sharesPercent([{ weight: 0 }, { weight: null }])).toEqual([null, null]);
  });

  it('keeps exactly one control when one is chosen or the control is removed', () => {
    const three = [...emptyDraft().variants, { ...emptyDraft().variants[1]!, key: 'variant-c' }];
    expect(withControl(three, 2).map((v) => v.control)).toEqual([false, false, true]);
    const rest = withoutVariant(three, 0);
    expect(rest.map((v) => [v.key, v.control])).toEqual([
      ['variant-b', true],
      ['variant-c', false],
    ]);
    expect(withoutVariant(withControl(three, 2), 0).map((v) => v.control)).toEqual([false, true]);
  });

  it('sends what was typed: blanks as null for the server to name, all members as no segment', () => {
    const draft = { ...emptyDraft(), key: 'dp', name: 'Double points', horizonDays: null };
    draft.variants[1] = { ...draft.variants[1]!, weight: null, templateKey: 'winback-b' };
    const body = bodyOf(draft);
    expect(body.population).toEqual({ segmentId: null, entry: 'fixed' });
    expect(body.metrics).toEqual({ horizonDays: null, churnDays: 90, preDays: 365 });
    expect(body.variants[0]).toMatchObject({ key: 'control', control: true, templateKey: null });
    expect(body.variants[1]).toMatchObject({ weight: null, templateKey: 'winback-b' });
    expect(body.plannedStartAt).toBeNull();
    // A segment chosen as the scope but not picked goes as '', which the server refuses at its path.
    expect(bodyOf({ ...draft, scope: 'segment' }).population.segmentId).toBe('');
  });

  it('reads a stored draft back into the form and sends the same body again', () => {
    const stored = {
      key: 'dp',
      name: 'Double points',
      hypothesis: 'More repeat orders',
      population: { segmentId: 'seg_1', entry: 'open' as const },
      variants: [
        {
          key: 'a',
          name: 'A',
          weight: 1,
          control: true,
          holdout: false,
          templateKey: null,
          rewardIds: [],
        },
        {
          key: 'b',
          name: 'B',
          weight: 1,
          control: false,
          holdout: true,
          templateKey: 't',
          rewardIds: ['r'],
        },
      ],
      targets: { campaignIds: ['cmp_1'], journeys: ['winBack'] },
      metrics: { horizonDays: 30, churnDays: 90, preDays: 180 },
      orthogonal: true,
      plannedStartAt: '2026-12-08T09:00:00.000Z',
      plannedEndAt: null,
    };
    const body = bodyOf(draftOf(stored));
    expect(body).toMatchObject({
      population: stored.population,
      variants: stored.variants,
      targets: stored.targets,
      metrics: stored.metrics,
      orthogonal: true,
      plannedStartAt: stored.plannedStartAt,
      plannedEndAt: null,
    });
  });

  it('counts the planned days between start and end, none when either is missing', () => {
    expect(plannedDays('2026-12-01T09:00', '2026-12-29T09:00')).toBe(28);
    expect(plannedDays('', '2026-12-29T09:00')).toBeNull();
    expect(plannedDays('2026-12-29T09:00', '2026-12-01T09:00')).toBeNull();
  });
});

describe('the forest plot scale', () => {
  it('always includes zero, with room either side', () => {
    const [lo, hi] = forestDomain([
      { label: 'B', fixed: { estimate: 0.02, low: 0.01, high: 0.03 }, toDate: null },
    ]);
    expect(lo).toBeLessThan(0);
    expect(hi).toBeGreaterThan(0.03);
    expect(forestX([lo, hi], 0)).toBeLessThan(forestX([lo, hi], 0.01));
  });

  it('draws an interval that crosses zero on both sides of the zero line', () => {
    const domain = forestDomain([
      {
        label: 'B',
        fixed: { estimate: 0.5, low: -1, high: 2 },
        toDate: { estimate: 0.5, low: -3, high: 4 },
      },
    ]);
    expect(forestX(domain, -3)).toBeLessThan(forestX(domain, 0));
    expect(forestX(domain, 4)).toBeGreaterThan(forestX(domain, 0));
    expect(forestDomain([{ label: 'B', fixed: null, toDate: null }])).toEqual([-1, 1]);
  });
});

describe('the power sentences', () => {
  const plan = {
    baseline: { customers: 8400, convertedRate: 0.183 },
    durationDays: 28,
    customersPerArm: 4200,
    minimumDetectableEffect: { converted: { absolute: 0.0241, relative: 0.13 } },
    effect: null,
  };

  it('say the detectable change in points, with the baseline', () => {
    expect(powerSentences(plan, 60)).toEqual([
      'With ~4,200 customers per arm over 28 days you can detect a change of 2.4 pp in 60-day repeat rate (baseline 18.3 %).',
    ]);
  });

  it('say how long a chosen effect takes, or that it is out of reach', () => {
    const effect = {
      metric: 'converted' as const,
      relative: 0.1,
      absolute: 0.0183,
      customersPerArm: 7300,
      entryDays: 41,
      daysToResult: 101,
    };
    expect(powerSentences({ ...plan, effect }, 60)[1]).toBe(
      'To detect a change of 1.8 pp (10 % of the baseline) you need ~7,300 customers per arm: about 41 days of entry, the result after 101 days.',
    );
    expect(
      powerSentences(
        { ...plan, effect: { ...effect, entryDays: null, daysToResult: null } },
        60,
      )[1],
    ).toMatch(/more than this population will bring\.$/);
    expect(
      powerSentences(
        { ...plan, minimumDetectableEffect: { converted: { unavailable: 'no history' } } },
        60,
      )[0],
    ).toBe(
      'With ~4,200 customers per arm over 28 days no change in 60-day repeat rate can be detected: no history (baseline 18.3 %).',
    );
  });
});
