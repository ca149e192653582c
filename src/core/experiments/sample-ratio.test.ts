import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.js';
import { variantFor, type Variant } from './assignment.js';
import { sampleRatioCheck } from './sample-ratio.js';

const fifty: Variant[] = [
  { key: 'control', weight: 1, control: true },
  { key: 'treatment', weight: 1 },
];

const allocate = (salt: string, variants: Variant[], count: number) => {
  const counts = variants.map(() => 0);
  for (let i = 0; i < count; i++) {
    const key = variantFor(salt, `cus_${i}`, variants).key;
    counts[variants.findIndex((v) => v.key === key)]! += 1;
  }
  return counts;
};

const refusal = (exposures: number[], weights: number[]) => {
  try {
    sampleRatioCheck(exposures, weights);
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('expected the counts to be refused');
};

describe('sample-ratio check', () => {
  it('finds no mismatch in a fair allocation of 100,000 customers', () => {
    const even = sampleRatioCheck(allocate('srm-fair', fifty, 100_000), [1, 1]);
    expect(even.degreesOfFreedom).toBe(1);
    expect(even.mismatch).toBe(false);
    expect(even.pValue).toBeGreaterThan(0.001);
    const weights = [10, 30, 60];
    const variants = weights.map((weight, i) => ({ key: `v${i}`, weight, control: i === 0 }));
    const uneven = sampleRatioCheck(allocate('srm-fair-3', variants, 100_000), weights);
    expect(uneven.degreesOfFreedom).toBe(2);
    expect(uneven.mismatch).toBe(false);
  });

  it('flags a mismatch when 3% of one arm’s exposures are lost', () => {
    const [control, treatment] = allocate('srm-lossy', fifty, 100_000);
    const lossy = sampleRatioCheck([control!, Math.round(treatment! * 0.97)], [1, 1]);
    expect(lossy.mismatch).toBe(true);
    // About 1,500 lost of 50,000: a chi-square near 23, far past the 10.83 that p = 0.001 needs.
    expect(lossy.chiSquare).toBeGreaterThan(10.83);
    expect(lossy.pValue).toBeLessThan(0.001);
  });

  // Mendel's dihybrid cross, the textbook goodness-of-fit example: 315 round yellow, 108 round
  // green, 101 wrinkled yellow, 32 wrinkled green against 9:3:3:1. Published: chi-square = 0.47,
  // 3 degrees of freedom, probability greater than 0.90 (P. McClean, "The Chi-Square Test", North
  // Dakota State University, PLSC 431: www.ndsu.edu/pubweb/~mcclean/plsc431/mendel/mendel4.htm).
  // The exact upper tail of chi-square(3) at 0.47 is 0.9254.
  it('matches the textbook chi-square of Mendel’s peas', () => {
    const peas = sampleRatioCheck([315, 108, 101, 32], [9, 3, 3, 1]);
    expect(peas.chiSquare).toBeCloseTo(0.47, 2);
    expect(peas.degreesOfFreedom).toBe(3);
    expect(peas.expected).toEqual([312.75, 104.25, 104.25, 34.75]);
    expect(peas.pValue).toBeGreaterThan(0.9);
    expect(peas.pValue).toBeCloseTo(0.9254, 4);
    expect(peas.mismatch).toBe(false);
  });

  it('has nothing to flag before anyone is exposed', () => {
    expect(sampleRatioCheck([0, 0], [1, 1])).toMatchObject({ pValue: 1, mismatch: false });
  });

  it('refuses counts that do not fit the arms, naming each', () => {
    const error = refusal([10, -1, 2.5], [1, 1]);
    expect(error.code).toBe('experiment_exposures_invalid');
    expect(error.issues.map((i) => i.path)).toEqual(['exposures', 'exposures.1', 'exposures.2']);
    expect(refusal([10, 10], [1, 0]).issues).toEqual([
      { path: 'weights.1', message: 'must be a positive finite number' },
    ]);
    expect(refusal([10], [1]).issues[0]!.path).toBe('weights');
  });
});
