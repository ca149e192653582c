/**
 * Minimisation from several starting points: Nelder–Mead and BFGS, written here because no
 * maintained npm optimiser fits. The candidates are unmaintained (fmin 0.0.4, last released in
 * 2016; numeric 1.2.6, 2012), solve another problem (ml-levenberg-marquardt fits least squares,
 * not likelihoods), or are a whole numerics stack for two routines; and none treats a non-finite
 * objective as "worse than anything", which the likelihoods need. The models minimise
 * −log-likelihood over log-parameters, so every point of Rⁿ is a positive parameter vector.
 *
 * Strategy: from every start, BFGS when the gradient is analytic, else a coarse simplex search;
 * the best result is then finished with BFGS (central-difference gradient if need be), and if
 * that does not converge, with Nelder–Mead restarts on a fresh small simplex until a restart no
 * longer improves it (restarting guards against a simplex collapsing before the optimum).
 */

export type Objective = (point: Float64Array) => number;

/** A function to minimise, with its gradient when the model can give it analytically. */
export interface Problem {
  value: Objective;
  /** The value, with the gradient written into `gradient`. */
  valueAndGradient?: (point: Float64Array, gradient: Float64Array) => number;
}

export interface SimplexTolerance {
  /** Stop when the simplex's values differ by at most absolute + relative·|best|… */
  absolute: number;
  relative: number;
  /** …and every vertex is within this distance (per coordinate) of the best one. */
  point: number;
  maxIterations: number;
}

export interface SimplexResult {
  point: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

const COARSE: SimplexTolerance = {
  absolute: 1e-4,
  relative: 1e-6,
  point: 0.05,
  maxIterations: 400,
};
const FINE: SimplexTolerance = {
  absolute: 1e-11,
  relative: 1e-14,
  point: 1e-9,
  maxIterations: 3000,
};
const POLISH_STEP = 0.05;
const MAX_POLISH_ROUNDS = 4;

/** Infinity for anything that is not a finite number, so a failed evaluation is never chosen. */
const safe = (objective: Objective) => (point: Float64Array) => {
  const value = objective(point);
  return Number.isFinite(value) ? value : Infinity;
};

interface Simplex {
  vertices: Float64Array[];
  values: Float64Array;
}

const initialSimplex = (
  f: Objective,
  start: Float64Array,
  step: number,
): Simplex & { evaluations: number } => {
  const n = start.length;
  const vertices = [Float64Array.from(start)];
  for (let i = 0; i < n; i++) {
    const v = Float64Array.from(start);
    v[i] = v[i]! + step;
    vertices.push(v);
  }
  const values = Float64Array.from(vertices, (v) => f(v));
  return { vertices, values, evaluations: n + 1 };
};

/** Indices of the vertices ordered best (lowest) first. */
const order = (values: Float64Array): number[] =>
  Array.from(values.keys()).sort((i, j) => values[i]! - values[j]!);

const hasConverged = (s: Simplex, ranking: number[], tol: SimplexTolerance): boolean => {
  const best = ranking[0]!;
  const fBest = s.values[best]!;
  const fWorst = s.values[ranking[ranking.length - 1]!]!;
  if (!Number.isFinite(fWorst) || fWorst - fBest > tol.absolute + tol.relative * Math.abs(fBest))
    return false;
  const b = s.vertices[best]!;
  return s.vertices.every((v) => v.every((x, i) => Math.abs(x - b[i]!) <= tol.point));
};

/** x = c + t·(w − c), written into out. */
const along = (out: Float64Array, c: Float64Array, w: Float64Array, t: number) => {
  for (let i = 0; i < out.length; i++) out[i] = c[i]! + t * (w[i]! - c[i]!);
  return out;
};

/** One Nelder–Mead step (reflect, expand, contract or shrink); returns evaluations used. */
const step = (f: Objective, s: Simplex, ranking: number[], scratch: Float64Array[]): number => {
  const n = s.vertices.length - 1;
  const [centroid, reflected, trial] = scratch as [Float64Array, Float64Array, Float64Array];
  const worst = ranking[n]!;
  centroid.fill(0);
  for (let k = 0; k < n; k++) {
    const v = s.vertices[ranking[k]!]!;
    for (let i = 0; i < n; i++) centroid[i] = centroid[i]! + v[i]! / n;
  }
  const fBest = s.values[ranking[0]!]!;
  const fSecondWorst = s.values[ranking[n - 1]!]!;
  const fWorst = s.values[worst]!;
  const replaceWorst = (point: Float64Array, value: number) => {
    s.vertices[worst]!.set(point);
    s.values[worst] = value;
  };
  const fR = f(along(reflected, centroid, s.vertices[worst]!, -1));
  if (fR < fBest) {
    const fE = f(along(trial, centroid, s.vertices[worst]!, -2));
    if (fE < fR) replaceWorst(trial, fE);
    else replaceWorst(reflected, fR);
    return 2;
  }
  if (fR < fSecondWorst) {
    replaceWorst(reflected, fR);
    return 1;
  }
  const outside = fR < fWorst;
  const fC = f(along(trial, centroid, s.vertices[worst]!, outside ? -0.5 : 0.5));
  if (fC < (outside ? fR : fWorst)) {
    replaceWorst(trial, fC);
    return 2;
  }
  const best = s.vertices[ranking[0]!]!;
  for (let k = 1; k <= n; k++) {
    const v = s.vertices[ranking[k]!]!;
    along(v, best, v, 0.5);
    s.values[ranking[k]!] = f(v);
  }
  return 1 + n;
};

/** Nelder–Mead from one start, with a simplex of the given edge length. */
export const nelderMead = (
  objective: Objective,
  start: Float64Array,
  edge: number,
  tolerance: SimplexTolerance,
): SimplexResult => {
  const f = safe(objective);
  const simplex = initialSimplex(f, start, edge);
  const scratch = [0, 1, 2].map(() => new Float64Array(start.length));
  let evaluations = simplex.evaluations;
  let ranking = order(simplex.values);
  let iterations = 0;
  while (iterations < tolerance.maxIterations && !hasConverged(simplex, ranking, tolerance)) {
    evaluations += step(f, simplex, ranking, scratch);
    ranking = order(simplex.values);
    iterations++;
  }
  const best = ranking[0]!;
  return {
    point: Float64Array.from(simplex.vertices[best]!),
    value: simplex.values[best]!,
    iterations,
    evaluations,
    converged: iterations < tolerance.maxIterations,
  };
};

/** Central differences with step h, one-sided where a neighbour is not finite. */
const numericGradient = (f: Objective, x: Float64Array, fx: number, out: Float64Array) => {
  const h = 1e-5;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    x[i] = xi + h;
    const up = f(x);
    x[i] = xi - h;
    const down = f(x);
    x[i] = xi;
    out[i] =
      up < Infinity && down < Infinity
        ? (up - down) / (2 * h)
        : up < Infinity
          ? (up - fx) / h
          : (fx - down) / h;
  }
};

/** Value and gradient at x, analytic when the problem has it; the cost in evaluations. */
const gradientAt = (problem: Problem, f: Objective, x: Float64Array, out: Float64Array) => {
  if (problem.valueAndGradient) {
    const value = problem.valueAndGradient(x, out);
    const usable = Number.isFinite(value) && out.every(Number.isFinite);
    return { value: usable ? value : Infinity, evaluations: 1 };
  }
  const value = f(x);
  numericGradient(f, x, value, out);
  return { value, evaluations: 1 + 2 * x.length };
};

const dot = (u: Float64Array, v: Float64Array) => u.reduce((sum, ui, i) => sum + ui * v[i]!, 0);

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, the BFGS update of the inverse Hessian (row-major). */
const updateInverseHessian = (H: Float64Array, s: Float64Array, y: Float64Array, sy: number) => {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Hy[i] = Hy[i]! + H[i * n + j]! * y[j]!;
  const yHy = dot(y, Hy);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      H[i * n + j] =
        H[i * n + j]! -
        rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) +
        (rho * rho * yHy + rho) * s[i]! * s[j]!;
};

/** Backtracking (Armijo) along d from x, steps capped at 1 per coordinate; null if no descent. */
const lineSearch = (
  f: Objective,
  x: Float64Array,
  fx: number,
  g: Float64Array,
  d: Float64Array,
) => {
  const slope = dot(g, d);
  const longest = d.reduce((m, di) => Math.max(m, Math.abs(di)), 0);
  let t = longest > 1 ? 1 / longest : 1;
  const trial = new Float64Array(x.length);
  for (let k = 1; k <= 50; k++, t /= 2) {
    for (let i = 0; i < x.length; i++) trial[i] = x[i]! + t * d[i]!;
    const value = f(trial);
    if (value <= fx + 1e-4 * t * slope) return { point: trial, value, evaluations: k };
  }
  return { point: null, value: fx, evaluations: 50 };
};

/** −H·g, or −g when that is not a descent direction. */
const searchDirection = (H: Float64Array, g: Float64Array): Float64Array => {
  const n = g.length;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i] = d[i]! - H[i * n + j]! * g[j]!;
  return dot(g, d) < 0 ? d : g.map((gi) => -gi);
};

const GRADIENT_TOLERANCE = 1e-7;

/**
 * Quasi-Newton (BFGS), with the problem's gradient or central differences. Converged when every
 * gradient component is below 1e-7·max(1, |f|) or a step no longer changes anything.
 */
export const quasiNewton = (
  problem: Problem,
  start: Float64Array,
  maxIterations = 300,
): SimplexResult => {
  const f = safe(problem.value);
  const n = start.length;
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  let x = Float64Array.from(start);
  let g = new Float64Array(n);
  const first = gradientAt(problem, f, x, g);
  let fx = first.value;
  let evaluations = first.evaluations;
  const done = (iterations: number, converged: boolean): SimplexResult => ({
    point: x,
    value: fx,
    iterations,
    evaluations,
    converged,
  });
  if (!(fx < Infinity)) return done(0, false);
  let scaled = false;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (g.every((gi) => Math.abs(gi) <= GRADIENT_TOLERANCE * Math.max(1, Math.abs(fx))))
      return done(iteration, true);
    const step = lineSearch(f, x, fx, g, searchDirection(H, g));
    evaluations += step.evaluations;
    if (step.point === null) return done(iteration, false);
    const gNext = new Float64Array(n);
    const at = gradientAt(problem, f, step.point, gNext);
    evaluations += at.evaluations;
    if (!(at.value < Infinity)) return done(iteration, false);
    const s = step.point.map((v, i) => v - x[i]!);
    const y = gNext.map((v, i) => v - g[i]!);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        H.forEach((_, k) => (H[k] = k % (n + 1) === 0 ? sy / dot(y, y) : 0));
        scaled = true;
      }
      updateInverseHessian(H, s, y, sy);
    }
    const settled = fx - at.value <= 1e-15 * Math.abs(fx) && s.every((si) => Math.abs(si) <= 1e-10);
    x = step.point;
    fx = at.value;
    g = gNext;
    if (settled) return done(iteration + 1, true);
  }
  return done(maxIterations, false);
};

export interface MultiStartResult extends SimplexResult {
  startsTried: number;
  startsFinite: number;
}

const plus = (r: SimplexResult, spent: { iterations: number; evaluations: number }) => ({
  ...r,
  iterations: r.iterations + spent.iterations,
  evaluations: r.evaluations + spent.evaluations,
});

/**
 * From one start: BFGS if the gradient is analytic (and a simplex search too if BFGS stalls),
 * else a coarse simplex search. `precise` when the result is a converged BFGS optimum.
 */
const fromStart = (problem: Problem, start: Float64Array, edge: number) => {
  if (problem.valueAndGradient) {
    const direct = quasiNewton(problem, start);
    if (direct.converged) return { result: direct, precise: true };
    const coarse = nelderMead(problem.value, start, edge, COARSE);
    const better = coarse.value <= direct.value ? coarse : direct;
    return { result: plus(better, coarse === better ? direct : coarse), precise: false };
  }
  return { result: nelderMead(problem.value, start, edge, COARSE), precise: false };
};

/**
 * The best result finished: BFGS first; if that does not converge, simplex restarts around the
 * best point until a restart no longer improves it, then BFGS once more.
 */
const polish = (problem: Problem, from: SimplexResult): SimplexResult => {
  const first = quasiNewton(problem, from.point);
  if (first.converged && first.value <= from.value)
    return plus(first, { iterations: from.iterations, evaluations: 0 });
  let current = first.value <= from.value ? first : from;
  let spent = { iterations: from.iterations + first.iterations, evaluations: first.evaluations };
  for (let round = 0; round < MAX_POLISH_ROUNDS; round++) {
    const next = nelderMead(problem.value, current.point, POLISH_STEP, FINE);
    spent = plus(next, spent);
    const gain = current.value - next.value;
    if (next.value <= current.value) current = next;
    if (gain <= FINE.absolute + FINE.relative * Math.abs(current.value)) break;
  }
  const last = quasiNewton(problem, current.point);
  return plus(last.value <= current.value ? last : { ...current, converged: false }, spent);
};

/**
 * Minimises from each start (skipping starts where the value is not finite), keeps the best and
 * finishes it. Returns null when no start gave a finite value.
 */
export const minimizeFromStarts = (
  problem: Problem,
  starts: readonly Float64Array[],
  edge = 0.5,
): MultiStartResult | null => {
  let best: { result: SimplexResult; precise: boolean } | null = null;
  let evaluations = 0;
  let finite = 0;
  for (const start of starts) {
    evaluations++;
    if (!Number.isFinite(problem.value(start))) continue;
    finite++;
    const outcome = fromStart(problem, start, edge);
    evaluations += outcome.result.evaluations;
    if (best === null || outcome.result.value < best.result.value) best = outcome;
  }
  if (best === null || !Number.isFinite(best.result.value)) return null;
  const finished = best.precise ? best.result : polish(problem, best.result);
  return {
    ...finished,
    evaluations: evaluations + (best.precise ? 0 : finished.evaluations),
    startsTried: starts.length,
    startsFinite: finite,
  };
};
