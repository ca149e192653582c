import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import {
  durationDays,
  minimumDetectableEffectForMean,
  minimumDetectableEffectForProportion,
  sampleSizeForMean,
  sampleSizeForProportion,
} from './power.js';

const refusedPaths = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) {
      expect(error.code).toBe('experiment_power_input_invalid');
      return error.issues.map((i) => i.path);
    }
    throw error;
  }
  throw new Error('expected the input to be refused');
};

describe('sample size and minimum detectable effect', () => {
  // JMP 13.2 documentation, "Two Sample Proportions" (jmp.com/support/help/13-2/
  // Two_Sample_Proportions.shtml): proportions 0.08 and 0.06, alpha 0.05 two-sided, power 0.8,
  // "The Sample Size window shows sample sizes of 2554" per group.
  it('matches a published sample size for two proportions', () => {
    expect(sampleSizeForProportion({ baselineRate: 0.06, effect: 0.02 })).toBe(2554);
    expect(sampleSizeForProportion({ baselineRate: 0.08, effect: -0.02 })).toBe(2554);
    // At those 2,554 per arm the detectable rise from 6% is just under the 2 points asked for.
    const mde = minimumDetectableEffectForProportion({ baselineRate: 0.06, nPerArm: 2554 });
    expect(mde).toBeLessThan(0.02);
    expect(mde).toBeGreaterThan(0.0199);
  });

  // Statulator, "Sample Size for Comparing Two Independent Means" (statulator.com/help/
  // ss2M-help.html): sd 12, difference 5, alpha 0.05 two-sided, power 0.8 → 91 per group. And
  // the usual normal-approximation answer for half a standard deviation at the same levels: 63.
  it('matches published sample sizes for two means', () => {
    expect(sampleSizeForMean({ standardDeviation: 12, effect: 5 })).toBe(91);
    expect(sampleSizeForMean({ standardDeviation: 1, effect: 0.5 })).toBe(63);
    // Stricter levels need more customers.
    expect(sampleSizeForMean({ standardDeviation: 12, effect: 5, power: 0.9 })).toBe(122);
  });

  it('goes from n to the detectable effect and back to the same n', () => {
    for (const nPerArm of [200, 2554, 10_000, 123_457]) {
      for (const baselineRate of [0.02, 0.3, 0.85]) {
        const effect = minimumDetectableEffectForProportion({ baselineRate, nPerArm });
        expect(sampleSizeForProportion({ baselineRate, effect })).toBe(nPerArm);
      }
      for (const standardDeviation of [1, 37.5]) {
        const effect = minimumDetectableEffectForMean({ standardDeviation, nPerArm });
        expect(sampleSizeForMean({ standardDeviation, effect })).toBe(nPerArm);
      }
    }
  });

  it('detects smaller effects with more customers', () => {
    const small = minimumDetectableEffectForProportion({ baselineRate: 0.1, nPerArm: 1_000 });
    const large = minimumDetectableEffectForProportion({ baselineRate: 0.1, nPerArm: 100_000 });
    // Ten times the sd shrinks by about √100: roughly a tenth (the variance moves a little too).
    expect(large).toBeLessThan(small / 8);
    expect(minimumDetectableEffectForMean({ standardDeviation: 10, nPerArm: 400 })).toBeCloseTo(
      (1.959964 + 0.841621) * 10 * Math.sqrt(2 / 400),
      5,
    );
  });

  it('refuses questions without an answer, naming the field', () => {
    expect(refusedPaths(() => sampleSizeForProportion({ baselineRate: 1.2, effect: 0.1 }))).toEqual(
      ['baselineRate', 'effect'],
    );
    expect(
      refusedPaths(() => sampleSizeForProportion({ baselineRate: 0.95, effect: 0.1 })),
    ).toEqual(['effect']);
    expect(refusedPaths(() => sampleSizeForMean({ standardDeviation: 0, effect: 0 }))).toEqual([
      'standardDeviation',
      'effect',
    ]);
    expect(
      refusedPaths(() =>
        minimumDetectableEffectForProportion({
          baselineRate: 0.1,
          nPerArm: 100,
          alpha: 0,
          power: 1,
        }),
      ),
    ).toEqual(['alpha', 'power']);
    // Three customers per arm cannot show even a rise from 10% to 100%.
    expect(
      refusedPaths(() => minimumDetectableEffectForProportion({ baselineRate: 0.1, nPerArm: 3 })),
    ).toEqual(['nPerArm']);
  });
});

describe('duration', () => {
  it('waits for the smallest arm to fill', () => {
    expect(durationDays({ nPerArm: 2554, newExposuresPerDay: 1000, weights: [1, 1] })).toBe(6);
    expect(durationDays({ nPerArm: 2554, newExposuresPerDay: 1000, weights: [10, 30, 60] })).toBe(
      26,
    );
    expect(durationDays({ nPerArm: 500, newExposuresPerDay: 1000, weights: [1, 1] })).toBe(1);
  });

  it('refuses no customers or bad weights', () => {
    expect(
      refusedPaths(() => durationDays({ nPerArm: 10, newExposuresPerDay: 0, weights: [1, -1] })),
    ).toEqual(['newExposuresPerDay', 'weights.1']);
    expect(
      refusedPaths(() => durationDays({ nPerArm: 10, newExposuresPerDay: 5, weights: [1] })),
    ).toEqual(['weights']);
  });
});
