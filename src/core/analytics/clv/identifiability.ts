/**
 * Whether a maximum-likelihood fit pins its parameters down. An optimiser can stop normally
 * ("converged") on a point that is no estimate at all: a parameter running off to 0 or ∞ along
 * a likelihood that keeps creeping up (Pareto/NBD's s → 0 is the NBD without dropout), a ridge
 * along which two parameters trade off for ever, or data with fewer distinct histories than the
 * model has parameters. Such fits are reported as not identifiable, with the reason, and get no
 * standard errors; sound fits get standard errors from the observed information.
 */
import { covarianceAt } from './information.js';

/**
 * A fitted parameter (on the scale the optimiser used: weeks, or money divided by its mean) below
 * 1e-6 or above 1e6 is a boundary solution: no real purchase rate, dropout or spend needs six
 * orders of magnitude from the data's own scale.
 */
export const BOUNDARY_LOG = Math.log(1e6);

/**
 * A flat direction: the likelihood falls by less than ½ (one standard error) when a parameter
 * moves by a factor of 10, i.e. SE(ln θ) > ln 10. The 95 % interval of such a parameter spans more
 * than a factor of 90 either way: the data do not say what it is.
 */
export const FLAT_FACTOR = 10;

export type Identifiability =
  | { identifiable: true; reason: null; logStandardErrors: Float64Array }
  | { identifiable: false; reason: string; logStandardErrors: null };

const not = (reason: string): Identifiability => ({
  identifiable: false,
  reason,
  logStandardErrors: null,
});

const shown = (value: number) => value.toPrecision(3);

/**
 * Judges the optimum `point` (ln of the parameters) of `negativeLogLikelihood` over `groups`
 * distinct histories of `customers` customers. `valueOf(i)` gives parameter i in the data's units
 * for the messages.
 */
export const judgeIdentifiability = (input: {
  names: readonly string[];
  negativeLogLikelihood: (logParams: Float64Array) => number;
  point: Float64Array;
  customers: number;
  groups: number;
  valueOf: (i: number) => number;
}): Identifiability => {
  const { names, point, customers, groups } = input;
  if (groups === 1) return not(`all ${customers} customers have the same history`);
  if (groups <= names.length)
    return not(
      `${groups} distinct customer histories for ${names.length} parameters (need more than ${names.length})`,
    );
  const boundary = point.findIndex((v) => Math.abs(v) > BOUNDARY_LOG);
  if (boundary >= 0)
    return not(
      `${names[boundary]} runs off towards ${point[boundary]! > 0 ? 'infinity' : 'zero'} ` +
        `(${names[boundary]} = ${shown(input.valueOf(boundary))}): a boundary solution`,
    );
  const information = covarianceAt(input.negativeLogLikelihood, point);
  if (!information.ok)
    return not(
      information.problem === 'not finite'
        ? 'the likelihood is not finite next to the optimum'
        : 'Hessian not negative definite (the optimum is a saddle or a flat ridge)',
    );
  const n = names.length;
  const logStandardErrors = Float64Array.from(names, (_, i) =>
    Math.sqrt(information.covariance[i * n + i]!),
  );
  const flat = logStandardErrors.findIndex((se) => !(se <= Math.log(FLAT_FACTOR)));
  if (flat >= 0)
    return not(
      `flat likelihood: ${names[flat]} (${shown(input.valueOf(flat))}) can move by a factor of ` +
        `${FLAT_FACTOR} while ln L falls by less than 0.5 (SE of ln ${names[flat]} = ${shown(logStandardErrors[flat]!)})`,
    );
  return { identifiable: true, reason: null, logStandardErrors };
};
