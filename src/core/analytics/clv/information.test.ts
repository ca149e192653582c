import { describe, expect, it } from 'vitest';
import { centralHessian, cholesky, covarianceAt, inverseFromCholesky } from './information.js';

describe('the observed information by central differences', () => {
  it('Poisson counts over ln λ: information S, so SE(λ) = √(λ/n) (by hand)', () => {
    // n = 4 weeks with 3, 5, 2, 6 purchases: S = 16, λ̂ = 4. Over θ = ln λ,
    // −ln L = n e^θ − S θ + const, whose second derivative at θ̂ is n λ̂ = S = 16.
    const n = 4;
    const total = 16;
    const negativeLogLikelihood = (x: Float64Array) => n * Math.exp(x[0]!) - total * x[0]!;
    const optimum = Float64Array.of(Math.log(4));
    const hessian = centralHessian(negativeLogLikelihood, optimum)!;
    expect(hessian[0]).toBeCloseTo(16, 5);
    const information = covarianceAt(negativeLogLikelihood, optimum);
    expect(information.ok).toBe(true);
    if (!information.ok) return;
    // Var(ln λ̂) = 1/16, so SE(ln λ̂) = 0.25 and SE(λ̂) = λ̂ · 0.25 = 1 = √(4/4).
    expect(Math.sqrt(information.covariance[0]!)).toBeCloseTo(0.25, 6);
    expect(4 * Math.sqrt(information.covariance[0]!)).toBeCloseTo(Math.sqrt(4 / n), 6);
  });

  it('a quadratic with a cross term: its Hessian and covariance exactly (by hand)', () => {
    // f = 2x² + 3xy + 5y²: Hessian [[4, 3], [3, 10]], determinant 31, inverse [[10, −3], [−3, 4]]/31.
    const f = (p: Float64Array) => 2 * p[0]! ** 2 + 3 * p[0]! * p[1]! + 5 * p[1]! ** 2;
    const hessian = Array.from(centralHessian(f, Float64Array.of(0.3, -0.2))!);
    [4, 3, 3, 10].forEach((v, i) => expect(hessian[i]).toBeCloseTo(v, 5));
    const information = covarianceAt(f, Float64Array.of(0.3, -0.2));
    if (!information.ok) throw new Error('expected a positive definite Hessian');
    [10 / 31, -3 / 31, -3 / 31, 4 / 31].forEach((v, i) =>
      expect(information.covariance[i]).toBeCloseTo(v, 6),
    );
  });

  it('a saddle (x² − y²) and a flat direction (x² only) are not positive definite', () => {
    const saddle = (p: Float64Array) => p[0]! ** 2 - p[1]! ** 2;
    const trough = (p: Float64Array) => p[0]! ** 2;
    expect(covarianceAt(saddle, Float64Array.of(0, 0))).toEqual({
      ok: false,
      problem: 'not positive definite',
    });
    expect(covarianceAt(trough, Float64Array.of(0, 0))).toEqual({
      ok: false,
      problem: 'not positive definite',
    });
  });

  it('a likelihood that is not finite next to the optimum has no information', () => {
    const walled = (p: Float64Array) => (p[0]! > 0 ? Infinity : p[0]! ** 2);
    expect(covarianceAt(walled, Float64Array.of(0))).toEqual({ ok: false, problem: 'not finite' });
  });

  it('Cholesky inverts a 3 × 3 matrix: A · A⁻¹ = I', () => {
    const a = Float64Array.of(4, 2, 0.6, 2, 5, 1, 0.6, 1, 3);
    const inverse = inverseFromCholesky(cholesky(a, 3)!, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += a[i * 3 + k]! * inverse[k * 3 + j]!;
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
});
