/**
 * The observed information of a maximum-likelihood fit: the Hessian of −ln L at the optimum by
 * central finite differences, and its inverse (the asymptotic covariance) by a Cholesky
 * factorisation. The models are fitted over θ = ln(params), and the curvature is taken there
 * too: −ln L is close to quadratic in ln θ over a wider range than in θ, and one relative step
 * suits parameters of any size. The standard error of a parameter is then θ · SE(ln θ) (delta
 * method).
 */

/**
 * Step in ln θ (a 0.1 % change of each parameter): small enough that the third-order error of
 * the differences is about h² · 1e-1 of the curvature, large enough that the rounding of a
 * likelihood of 1e5 (about 1e-11 absolute) stays near 1e-5 after dividing by h².
 */
export const INFORMATION_STEP = 1e-3;

/**
 * ∂²f/∂xᵢ∂xⱼ at x by central differences (row-major n × n), or null when f is not finite at a
 * point the differences need (the optimum sits at the edge of where the model is defined).
 * Costs 1 + 2n + 2n(n − 1) evaluations.
 */
export const centralHessian = (
  f: (x: Float64Array) => number,
  at: Float64Array,
  step = INFORMATION_STEP,
): Float64Array | null => {
  const n = at.length;
  const x = Float64Array.from(at);
  const fx = f(x);
  const shifted = (moves: readonly (readonly [number, number])[]) => {
    for (const [i, by] of moves) x[i] = x[i]! + by;
    const value = f(x);
    for (const [i] of moves) x[i] = at[i]!;
    return value;
  };
  const hessian = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const up = shifted([[i, step]]);
    const down = shifted([[i, -step]]);
    hessian[i * n + i] = (up - 2 * fx + down) / (step * step);
    for (let j = 0; j < i; j++) {
      const pp = shifted([
        [i, step],
        [j, step],
      ]);
      const pm = shifted([
        [i, step],
        [j, -step],
      ]);
      const mp = shifted([
        [i, -step],
        [j, step],
      ]);
      const mm = shifted([
        [i, -step],
        [j, -step],
      ]);
      const value = (pp - pm - mp + mm) / (4 * step * step);
      hessian[i * n + j] = value;
      hessian[j * n + i] = value;
    }
  }
  return hessian.every(Number.isFinite) && Number.isFinite(fx) ? hessian : null;
};

/** The lower-triangular L with L Lᵀ = matrix, or null when matrix is not positive definite. */
export const cholesky = (matrix: Float64Array, n: number): Float64Array | null => {
  const lower = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[j * n + j]!;
    for (let k = 0; k < j; k++) diagonal -= lower[j * n + k]! ** 2;
    // Relative to the diagonal entry itself: a pivot lost in its own rounding is not positive.
    if (!(diagonal > 1e-12 * Math.abs(matrix[j * n + j]!))) return null;
    const pivot = Math.sqrt(diagonal);
    lower[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= lower[i * n + k]! * lower[j * n + k]!;
      lower[i * n + j] = sum / pivot;
    }
  }
  return lower;
};

/** (L Lᵀ)⁻¹ from the Cholesky factor L: solves L Lᵀ X = I column by column. */
export const inverseFromCholesky = (lower: Float64Array, n: number): Float64Array => {
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= lower[i * n + k]! * column[k]!;
      column[i] = sum / lower[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = column[i]!;
      for (let k = i + 1; k < n; k++) sum -= lower[k * n + i]! * column[k]!;
      column[i] = sum / lower[i * n + i]!;
    }
    for (let i = 0; i < n; i++) inverse[i * n + c] = column[i]!;
  }
  return inverse;
};

export type Information =
  | { ok: true; covariance: Float64Array }
  | { ok: false; problem: 'not finite' | 'not positive definite' };

/**
 * The covariance of the estimates (the inverse observed information) of a minimum of the
 * negative log-likelihood, or why there is none.
 */
export const covarianceAt = (
  negativeLogLikelihood: (x: Float64Array) => number,
  optimum: Float64Array,
  step = INFORMATION_STEP,
): Information => {
  const n = optimum.length;
  const hessian = centralHessian(negativeLogLikelihood, optimum, step);
  if (!hessian) return { ok: false, problem: 'not finite' };
  const lower = cholesky(hessian, n);
  if (!lower) return { ok: false, problem: 'not positive definite' };
  return { ok: true, covariance: inverseFromCholesky(lower, n) };
};
