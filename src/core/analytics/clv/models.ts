import { BG_NBD_PARAMS, betaGeometricStarts, bgNbdLogLikelihood } from './bg-nbd.js';
import type { ClvModelName, CustomerSummary, ModelFit } from './clv.js';
import { ModelFitError } from './clv.errors.js';
import {
  GAMMA_GAMMA_PARAMS,
  gammaGammaLogLikelihood,
  gammaGammaStarts,
  groupSpends,
} from './gamma-gamma.js';
import { groupHistories } from './grouped-histories.js';
import { judgeIdentifiability } from './identifiability.js';
import { MBG_NBD_PARAMS, mbgNbdLogLikelihood, mbgNbdStarts } from './mbg-nbd.js';
import { minimizeFromStarts, type MultiStartResult, type Problem } from './optimize.js';
import { PARETO_NBD_PARAMS, paretoNbdLogLikelihood, paretoNbdStarts } from './pareto-nbd.js';

/** What a model needs to be fitted: its likelihood over these customers and where to start. */
interface PreparedLikelihood {
  logLikelihood: LogLikelihood;
  starts: number[][];
  customers: number;
  groups: number;
  /** Why these customers cannot be fitted, or null. */
  unfittable: string | null;
  /**
   * When the likelihood is of rescaled data (Gamma-Gamma's money): each parameter of the data's
   * units is the likelihood's times its factor, and ln L of the data is the likelihood's plus
   * logLikelihoodShift. Absent: the likelihood is of the data as they are.
   */
  rescaled?: { factors: readonly number[]; logLikelihoodShift: number };
}

interface ModelDefinition {
  paramNames: readonly string[];
  prepare(customers: readonly CustomerSummary[]): PreparedLikelihood;
}

/** ln L as a function of the natural parameters; some models also give ∂ ln L/∂ params. */
type LogLikelihood = ((params: Float64Array) => number) & {
  withGradient?: (params: Float64Array, gradient: Float64Array) => number;
};

const MIN_CUSTOMERS = 2;

const prepareTransactions =
  (
    likelihood: (data: ReturnType<typeof groupHistories>) => LogLikelihood,
    starts: (data: ReturnType<typeof groupHistories>) => number[][],
  ) =>
  (customers: readonly CustomerSummary[]): PreparedLikelihood => {
    const data = groupHistories(customers);
    return {
      logLikelihood: likelihood(data),
      starts: starts(data),
      customers: data.customers,
      groups: data.groups,
      unfittable:
        data.customers < MIN_CUSTOMERS
          ? `too few customers to fit a model: ${data.customers} (at least ${MIN_CUSTOMERS})`
          : data.repeatBuyers === 0
            ? 'no customer made a repeat purchase in the calibration period'
            : null,
    };
  };

const prepareSpend = (customers: readonly CustomerSummary[]): PreparedLikelihood => {
  const data = groupSpends(customers);
  return {
    logLikelihood: gammaGammaLogLikelihood(data),
    starts: gammaGammaStarts(),
    customers: data.customers,
    groups: data.groups,
    // p and q have no unit; γ is in units of data.scale (see SpendGroups).
    rescaled: {
      factors: [1, 1, data.scale],
      logLikelihoodShift: -data.customers * Math.log(data.scale),
    },
    unfittable:
      data.customers === 0
        ? 'no customer has repeat purchases with a positive mean spend'
        : data.customers < MIN_CUSTOMERS
          ? `too few customers with positive repeat spend: ${data.customers} (at least ${MIN_CUSTOMERS})`
          : null,
  };
};

export const MODELS: Record<ClvModelName, ModelDefinition> = {
  bgnbd: {
    paramNames: BG_NBD_PARAMS,
    prepare: prepareTransactions(bgNbdLogLikelihood, betaGeometricStarts),
  },
  'pareto-nbd': {
    paramNames: PARETO_NBD_PARAMS,
    prepare: prepareTransactions(paretoNbdLogLikelihood, paretoNbdStarts),
  },
  mbgnbd: {
    paramNames: MBG_NBD_PARAMS,
    prepare: prepareTransactions(mbgNbdLogLikelihood, mbgNbdStarts),
  },
  'gamma-gamma': { paramNames: GAMMA_GAMMA_PARAMS, prepare: prepareSpend },
};

/**
 * The optimiser searches θ = ln(params) within ±LOG_PARAM_BOUND (params from about 1e-11 to 7e10):
 * far enough for any real data in weeks and minor units, near enough that the likelihood's
 * large terms (r ln α and the like) keep their digits. An optimum far out (see BOUNDARY_LOG in
 * identifiability.ts, well inside this box) is reported as a boundary solution.
 */
const LOG_PARAM_BOUND = 25;

/**
 * −ln L over θ = ln(params), so the optimiser's every point is a valid parameter vector; with the
 * chain rule ∂/∂θᵢ = pᵢ ∂/∂pᵢ when the likelihood has a gradient. Outside the box: +∞.
 */
const overLogParams = (logLikelihood: LogLikelihood, size: number): Problem => {
  const params = new Float64Array(size);
  const natural = new Float64Array(size);
  const toParams = (logParams: Float64Array) => {
    for (let i = 0; i < size; i++) {
      if (!(Math.abs(logParams[i]!) <= LOG_PARAM_BOUND)) return false;
      params[i] = Math.exp(logParams[i]!);
    }
    return true;
  };
  const withGradient = logLikelihood.withGradient;
  return {
    value: (logParams) => (toParams(logParams) ? -logLikelihood(params) : Infinity),
    ...(withGradient && {
      valueAndGradient: (logParams: Float64Array, gradient: Float64Array) => {
        if (!toParams(logParams)) return Infinity;
        const value = withGradient(params, natural);
        for (let i = 0; i < size; i++) gradient[i] = -params[i]! * natural[i]!;
        return -value;
      },
    }),
  };
};

/** Starting points tried by default (each list puts its data-driven start first). */
export const DEFAULT_STARTS = 4;

const factorOf = (prepared: PreparedLikelihood, i: number) => prepared.rescaled?.factors[i] ?? 1;

/** The optimum as parameters in the data's units; throws when it is not finite. */
const fittedParams = (
  model: ClvModelName,
  names: readonly string[],
  prepared: PreparedLikelihood,
  best: MultiStartResult,
) => {
  const params = Object.fromEntries(
    names.map((name, i) => [name, Math.exp(best.point[i]!) * factorOf(prepared, i)]),
  );
  if (!Number.isFinite(best.value) || !Object.values(params).every((v) => v > 0 && v < Infinity))
    throw new ModelFitError(`${model}: the fit diverged (parameters or likelihood not finite)`, {
      model,
      params,
    });
  return params;
};

/**
 * Identifiability and standard errors, judged where the optimiser searched (on the rescaled
 * data): SE(θ) = θ · SE(ln θ), and a rescaled parameter's factor cancels out of that.
 */
const judged = (
  names: readonly string[],
  prepared: PreparedLikelihood,
  problem: Problem,
  best: MultiStartResult,
  params: Record<string, number>,
) => {
  const verdict = judgeIdentifiability({
    names,
    negativeLogLikelihood: problem.value,
    point: best.point,
    customers: prepared.customers,
    groups: prepared.groups,
    valueOf: (i) => params[names[i]!]!,
  });
  return {
    identifiable: verdict.identifiable,
    notIdentifiableReason: verdict.reason,
    standardErrors: verdict.logStandardErrors
      ? Object.fromEntries(
          names.map((name, i) => [name, params[name]! * verdict.logStandardErrors[i]!]),
        )
      : null,
  };
};

/**
 * Above this many customers the starting points are explored on a systematic sample of about
 * SAMPLE_CUSTOMERS (every k-th customer), and only the best is refined on everyone: the sample's
 * optimum lies in the full data's basin, so the multi-start costs what a sample costs.
 */
export const SAMPLE_ABOVE_CUSTOMERS = 50_000;
const SAMPLE_CUSTOMERS = 25_000;

const systematicSample = <T>(items: readonly T[], size: number): T[] => {
  const stride = items.length / size;
  return Array.from({ length: size }, (_, i) => items[Math.floor(i * stride)]!);
};

/** Where to start on the full data: the given starts, or the best found on a sample. */
const startingPoints = (
  definition: ModelDefinition,
  prepared: PreparedLikelihood,
  customers: readonly CustomerSummary[],
  count: number,
) => {
  const fromData = prepared.starts.slice(0, count).map((s) => Float64Array.from(s, Math.log));
  if (customers.length <= SAMPLE_ABOVE_CUSTOMERS) return { starts: fromData, explored: null };
  const sample = definition.prepare(systematicSample(customers, SAMPLE_CUSTOMERS));
  if (sample.unfittable) return { starts: fromData, explored: null };
  const sampleStarts = sample.starts.slice(0, count).map((s) => Float64Array.from(s, Math.log));
  const explored = minimizeFromStarts(
    overLogParams(sample.logLikelihood, definition.paramNames.length),
    sampleStarts,
  );
  if (!explored) return { starts: fromData, explored: null };
  // The sample's data may be rescaled differently from everyone's: start at the same parameters.
  const start = explored.point.map(
    (v, i) => v + Math.log(factorOf(sample, i)) - Math.log(factorOf(prepared, i)),
  );
  return { starts: [start], explored };
};

/**
 * Fits a model by maximum likelihood over the logs of its parameters (so they stay positive),
 * from several starting points (see optimize.ts), after collapsing identical histories into
 * weighted groups. Throws ModelFitError rather than return a fit that is not finite; a finite
 * optimum the data do not pin down comes back with identifiable: false and the reason.
 */
export const fitModel = (
  model: ClvModelName,
  customers: readonly CustomerSummary[],
  options: { starts?: number } = {},
): ModelFit => {
  const started = performance.now();
  const definition = MODELS[model];
  const prepared = definition.prepare(customers);
  if (prepared.unfittable)
    throw new ModelFitError(prepared.unfittable, {
      model,
      customers: customers.length,
      modelled: prepared.customers,
    });
  const count = Math.max(1, Math.min(options.starts ?? DEFAULT_STARTS, prepared.starts.length));
  const { starts, explored } = startingPoints(definition, prepared, customers, count);
  const problem = overLogParams(prepared.logLikelihood, definition.paramNames.length);
  const best = minimizeFromStarts(problem, starts);
  if (best === null)
    throw new ModelFitError(`${model}: the likelihood is not finite at any starting point`, {
      model,
      starts: count,
    });
  const params = fittedParams(model, definition.paramNames, prepared, best);
  return {
    model,
    params,
    logLikelihood: -best.value + (prepared.rescaled?.logLikelihoodShift ?? 0),
    customers: prepared.customers,
    converged: best.converged,
    ...judged(definition.paramNames, prepared, problem, best, params),
    iterations: best.iterations,
    durationMs: performance.now() - started,
    evaluations: best.evaluations,
    starts: explored
      ? { tried: explored.startsTried, finite: explored.startsFinite }
      : { tried: best.startsTried, finite: best.startsFinite },
    groups: prepared.groups,
    ...(explored && { sampleEvaluations: explored.evaluations }),
  };
};

/** The log-likelihood of customers under given parameters (for checks and model comparison). */
export const logLikelihoodAt = (
  model: ClvModelName,
  customers: readonly CustomerSummary[],
  params: Record<string, number>,
): number => {
  const definition = MODELS[model];
  const prepared = definition.prepare(customers);
  const values = Float64Array.from(
    definition.paramNames,
    (name, i) => (params[name] ?? NaN) / factorOf(prepared, i),
  );
  return prepared.logLikelihood(values) + (prepared.rescaled?.logLikelihoodShift ?? 0);
};
