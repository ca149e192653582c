/**
 * The few special functions the CLV models need, written for their argument ranges: positive
 * shape parameters, hypergeometric arguments in [0, 1). Everything that can overflow works in logs.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
/** Below this the Stirling series is not yet accurate to double precision; shift up first. */
const STIRLING_FROM = 8;

/**
 * ln Γ(x) for x > 0 (NaN otherwise): Stirling's series with terms to x⁻¹³ once x ≥ 8, after
 * shifting smaller arguments up with Γ(x) = Γ(x + n) / (x (x+1) … (x+n−1)). Relative error ~1e-15.
 */
export const logGamma = (x: number): number => {
  if (!(x > 0) || x === Infinity) return x === Infinity ? Infinity : NaN;
  let shift = 1;
  let y = x;
  while (y < STIRLING_FROM) {
    shift *= y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 *
            (1 / 1260 +
              inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))));
  const stirling = (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + series;
  return shift === 1 ? stirling : stirling - Math.log(shift);
};

/** ln(eᵃ + eᵇ) without overflow; −Infinity when both are. */
export const logAddExp = (a: number, b: number): number => {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
};

/** ln(1 − eˣ) for x ≤ 0, accurate near both ends (Mächler's log1mexp). */
export const log1mExp = (x: number): number =>
  x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));

/** (eˣ − 1) / x, which is 1 at x = 0 and has no cancellation near it. */
export const expm1Ratio = (x: number): number => (x === 0 ? 1 : Math.expm1(x) / x);

/**
 * Most terms a hypergeometric series may take before we call it not convergent: a likelihood
 * evaluated hundreds of times gives up early (the optimiser steers away from such points), a
 * single prediction may take longer.
 */
export const MAX_SERIES_TERMS = 50_000;
export const MAX_PREDICTION_SERIES_TERMS = 2_000_000;
const SERIES_EPSILON = 1e-16;

/**
 * ln ₂F₁(a, b; a + 1; z) for a > 0, b > 0, 0 ≤ z < 1: the form the Pareto/NBD likelihood needs.
 * When 1 < b ≤ a + 1 (always so in the Pareto/NBD but for b ≤ 1) it sums the series after Euler's
 * transformation ₂F₁(a, b; a+1; z) = (1 − z)^(1−b) ₂F₁(1, a+1−b; a+1; z); otherwise the series in
 * z as it is. Every term is positive either way, and once every later ratio of successive terms is
 * below some ρ < 1, the tail after a term t is below t·ρ/(1 − ρ): the sum stops on that bound. NaN when that takes more than MAX_SERIES_TERMS terms
 * (z extremely near 1), never a wrong number.
 */
export const logHyp2f1APlus1 = (
  a: number,
  b: number,
  z: number,
  maxTerms = MAX_SERIES_TERMS,
): number => {
  if (z === 0) return 0;
  const euler = b > 1 && b <= a + 1;
  const c = euler ? a + 1 - b : b;
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; k++) {
    const ratio = euler
      ? ((c + k) * z) / (a + 1 + k)
      : ((a + k) * (c + k) * z) / ((a + 1 + k) * (k + 1));
    term *= ratio;
    sum += term;
    // Later ratios stay below z (Euler) or below z·max(1, (b+k+1)/(k+2)) (the plain series).
    const bound = euler || c <= 1 ? z : (z * (c + k + 1)) / (k + 2);
    if (bound < 1 && term * bound <= SERIES_EPSILON * sum * (1 - bound)) {
      return (euler ? (1 - b) * Math.log1p(-z) : 0) + Math.log(sum);
    }
  }
  return NaN;
};

/**
 * G for z ≤ 1/2 through Pfaff's transformation (1 − z)^(a−1) ₂F₁(c−e, a−1; c; z) =
 * ₂F₁(e, a−1; c; w) with w = z/(z − 1) ∈ [−1, 0]: G = −Σₖ≥₁ (e)ₖ (a)ₖ₋₁ / ((c)ₖ k!) wᵏ. The terms
 * alternate and, as (a + k − 1)/(c + k) < 1, never grow with a: large a and b (a small dropout
 * probability known very precisely) make the other form's (1 − z)^(a−1) underflow against a huge
 * sum, this one not.
 */
const betaGeometricGrowthPfaff = (a: number, c: number, e: number, z: number): number => {
  const w = z / (z - 1);
  let term = -(e / c) * w;
  let sum = term;
  const settledFrom = Math.abs(e) + 2;
  for (let k = 1; k < MAX_PREDICTION_SERIES_TERMS; k++) {
    term *= ((e + k) * (a + k - 1) * w) / ((c + k) * (k + 1));
    sum += term;
    if (k > settledFrom && Math.abs(term) <= SERIES_EPSILON * Math.max(Math.abs(sum), 1e-300)) {
      return sum;
    }
  }
  return NaN;
};

/**
 * G = [1 − (1 − z)^(a−1) · ₂F₁(c − e, a − 1; c; z)] / (a − 1) for 0 ≤ z < 1, finite and accurate
 * through a = 1 (where the closed forms of BG/NBD-type expectations read 0/0). With
 * ₂F₁(c−e, a−1; c; z) = 1 + (a − 1)·S, S = Σₖ≥₁ (c−e)ₖ (a)ₖ₋₁ / ((c)ₖ k!) zᵏ, it is
 * G = −ln(1−z)·(e^((a−1)ln(1−z)) − 1)/((a−1)ln(1−z)) − (1 − z)^(a−1)·S. NaN if S does not settle
 * within MAX_PREDICTION_SERIES_TERMS (z within ~1e-5 of 1: horizons thousands of times α + T).
 */
export const betaGeometricGrowth = (a: number, c: number, cMinusE: number, z: number): number => {
  if (z === 0) return 0;
  if (z <= 0.5) {
    const pfaff = betaGeometricGrowthPfaff(a, c, c - cMinusE, z);
    if (!Number.isNaN(pfaff)) return pfaff;
    // At z = 0.5 exactly Pfaff's w is −1 and its series may crawl (terms ~ k^−2 for a = 2,
    // c = 3): the series below converges as 2^−k there.
  }
  const logOneMinusZ = Math.log1p(-z);
  const lead = -logOneMinusZ * expm1Ratio((a - 1) * logOneMinusZ);
  const weight = Math.exp((a - 1) * logOneMinusZ);
  const settledFrom = Math.abs(cMinusE) + Math.abs(a) + Math.abs(c) + 2;
  let term = (cMinusE / c) * z;
  let sum = term;
  for (let k = 1; k < MAX_PREDICTION_SERIES_TERMS; k++) {
    term *= ((cMinusE + k) * (a + k - 1) * z) / ((c + k) * (k + 1));
    sum += term;
    const result = lead - weight * sum;
    if (
      k > settledFrom &&
      Math.abs(weight * term) / (1 - z) <= SERIES_EPSILON * Math.max(Math.abs(result), 1e-300)
    ) {
      return result;
    }
  }
  return NaN;
};
