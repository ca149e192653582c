import { describe, expect, it } from 'vitest';
import type { ModelFit } from './clv.js';
import { inMajorUnits } from './money-units.js';

const fit = (model: ModelFit['model'], params: Record<string, number>): ModelFit => ({
  model,
  params,
  logLikelihood: -8412.41,
  customers: 946,
  converged: true,
  identifiable: true,
  notIdentifiableReason: null,
  standardErrors: Object.fromEntries(Object.keys(params).map((k) => [k, params[k]! / 10])),
  iterations: 0,
  durationMs: 0,
  evaluations: 0,
  starts: { tried: 1, finite: 1 },
  groups: 900,
});

describe('fits reported in major units of money', () => {
  it('Gamma-Gamma in cents → dollars: γ 1544 → 15.44, ln L −8412.41 + 946 · ln 100 = −4055.92', () => {
    const reported = inMajorUnits(fit('gamma-gamma', { p: 6.25, q: 3.74, gamma: 1544 }), {
      currency: 'USD',
      minorDigits: 2,
    });
    expect(reported.params).toEqual({ p: 6.25, q: 3.74, gamma: 15.44 });
    expect(reported.standardErrors).toEqual({ p: 0.625, q: 0.374, gamma: 1.544 });
    // 946 · ln 100 = 946 · 4.605170 = 4356.491; −8412.41 + 4356.491 = −4055.919.
    expect(reported.logLikelihood).toBeCloseTo(-4055.919, 3);
    expect(reported.money).toMatchObject({
      currency: 'USD',
      minorDigits: 2,
      parameters: ['gamma'],
    });
  });

  it('a currency without minor units (JPY) changes nothing but says so', () => {
    const reported = inMajorUnits(fit('gamma-gamma', { p: 6, q: 4, gamma: 1500 }), {
      currency: 'JPY',
      minorDigits: 0,
    });
    expect(reported.params.gamma).toBe(1500);
    expect(reported.logLikelihood).toBe(-8412.41);
    expect(reported.money?.currency).toBe('JPY');
  });

  it('count models have no money: unchanged, money null', () => {
    const original = fit('bgnbd', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    const reported = inMajorUnits(original, { currency: 'USD', minorDigits: 2 });
    expect(reported).toEqual({ ...original, money: null });
  });
});
