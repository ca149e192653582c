import { describe, expect, it } from 'vitest';
import type { CustomerSummary, ModelFit } from './clv.js';
import { trackingCurveFromWeeklyActuals } from './validation.js';

/**
 * BG/NBD with r = 1, α = 3, a = 2, b = 2, whose 2F1(1, 2; 3; z) = 2(−ln(1 − z) − z)/z² has a closed
 * form.
 */
const fit: ModelFit = {
  model: 'bgnbd',
  params: { r: 1, alpha: 3, a: 2, b: 2 },
  logLikelihood: -1,
  customers: 2,
  converged: true,
  identifiable: true,
  notIdentifiableReason: null,
  standardErrors: null,
  iterations: 0,
  durationMs: 0,
  evaluations: 0,
  starts: { tried: 1, finite: 1 },
  groups: 2,
};

const newcomer = (customerId: string, firstDay: string): CustomerSummary => ({
  customerId,
  frequency: 0,
  recency: 0,
  age: 0,
  meanRepeatSpendMinor: 0,
  firstDay,
});

describe('trackingCurveFromWeeklyActuals', () => {
  /*
   * E[X(t)] = (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r · 2F1(r, b; a + b − 1; t/(α + t))]; with
   * u = t/α, z = u/(1 + u) and −ln(1 − z) = ln(1 + u), so E[X(t)] = 3 · (1 + 2/u − 2(1 + u) ln(1 + u)/u²).
   * Week 1 runs from Monday 2026-01-05 to the end of Sunday 2026-01-11:
   * - a customer first seen on the Monday has been watched 7 days: t = 1 week, u = 1/3,
   *   E = 21 − 72 ln(4/3) = 0.2868908;
   * - one first seen on the Sunday has been watched that one day: t = 1/7, u = 1/21,
   *   E = 129 − 2772 ln(22/21) = 0.0465167.
   * Week 2 ends on 2026-01-18: t = 2, u = 2/3, E = 12 − 22.5 ln(5/3) = 0.5064235; and t = 8/7,
   * u = 8/21, E = 75/4 − (1827/32) ln(29/21) = 0.3216566.
   * (Stopping at the start of the week's last day, as before, gave t = 6/7 and t = 0 in week 1.)
   */
  const curve = trackingCurveFromWeeklyActuals(
    fit,
    [newcomer('monday', '2026-01-05'), newcomer('sunday', '2026-01-11')],
    [0, 1],
    { start: '2026-01-05', end: '2026-01-18' },
  );

  it('counts each customer to the end of the week’s last day, whole weeks from the start', () => {
    expect(curve.map((p) => p.week)).toEqual([1, 2]);
    expect(curve[0]!.expectedCumulative).toBeCloseTo(
      21 - 72 * Math.log(4 / 3) + (129 - 2772 * Math.log(22 / 21)),
      9,
    );
    expect(curve[0]!.expectedCumulative).toBeCloseTo(0.2868908 + 0.0465167, 6);
    expect(curve[1]!.expectedCumulative).toBeCloseTo(0.5064235 + 0.3216566, 6);
    expect(curve.map((p) => p.actualCumulative)).toEqual([0, 1]);
  });

  it('counts a last, shorter week to the end of its last day too', () => {
    const short = trackingCurveFromWeeklyActuals(fit, [newcomer('monday', '2026-01-05')], [], {
      start: '2026-01-05',
      end: '2026-01-07',
    });
    // Monday to the end of Wednesday: 3 days, t = 3/7, u = 1/7, E = 45 − 336 ln(8/7) = 0.1334521.
    expect(short).toHaveLength(1);
    expect(short[0]!.expectedCumulative).toBeCloseTo(0.1334521, 6);
  });
});
