import type {
  HoldoutReport,
  ModelFit,
  MoneyUnit,
  ReportedFit,
  TrackingPoint,
} from '../../core/analytics/clv/index.js';
import { describeSkippedRows, type SkippedRows } from './skipped-rows.js';

export interface FitReport {
  input: {
    file: string;
    format: string;
    layout: string | null;
    purchases: number;
    /** Whether the file gave amounts (without, only the count models can be fitted). */
    amounts: boolean;
    /** The currency of the amounts, and its decimal digits; null without amounts. */
    money: MoneyUnit | null;
    /** Rows that could not be read (no customer id, a bad date or amount, …): left out, counted. */
    skippedRows: SkippedRows;
    skippedNegativeAmounts: number;
    readMs: number;
  };
  calibrationEnd: string;
  holdoutEnd: string | null;
  holdoutWeeks: number | null;
  /** Customers who first bought by the calibration end. */
  calibrationCustomers: number;
  /** Customers whose first purchase is after the calibration end (left out). */
  excludedLateCustomers: number;
  /** Money parameters in major units of input.money, ln L to match (see fit.money). */
  fit: ReportedFit;
  validation: HoldoutReport | null;
  /** Cumulative repeat purchases per week, actual and expected, from the first purchase day. */
  tracking: TrackingPoint[] | null;
  /** Why a fit that is not identifiable has no holdout comparison (it cannot forecast); else null. */
  validationProblem: string | null;
}

const MODEL_TITLES: Record<ModelFit['model'], string> = {
  bgnbd: 'BG/NBD',
  'pareto-nbd': 'Pareto/NBD',
  mbgnbd: 'MBG/NBD',
  'gamma-gamma': 'Gamma-Gamma spend model',
};

const number = (value: number, digits = 4) =>
  Number.isInteger(value) ? String(value) : value.toPrecision(digits);

const validationLines = (v: HoldoutReport, weeks: string): string[] => [
  `Holdout (${weeks} weeks): repeat purchases per customer, by calibration frequency`,
  `  ${'x'.padEnd(5)}${'customers'.padStart(10)}${'actual'.padStart(10)}${'expected'.padStart(10)}`,
  ...v.byFrequency.map(
    (row) =>
      `  ${row.frequency.padEnd(5)}${String(row.customers).padStart(10)}` +
      `${row.actualMean.toFixed(3).padStart(10)}${row.expectedMean.toFixed(3).padStart(10)}`,
  ),
  `  ${'total'.padEnd(15)}${String(v.totalActual).padStart(10)}${v.totalExpected.toFixed(1).padStart(10)}`,
];

/** The cumulative tracking curve every 13 weeks (a quarter), and at its last week. */
const trackingLines = (points: readonly TrackingPoint[], calibrationEnd: string): string[] => {
  const shown = points.filter((p, i) => p.week % 13 === 0 || i === points.length - 1);
  return [
    'Cumulative repeat purchases of these customers (tracking curve)',
    `  ${'week'.padEnd(6)}${'from'.padEnd(12)}${'actual'.padStart(10)}${'expected'.padStart(10)}${'error'.padStart(8)}`,
    ...shown.map((p) => {
      const error = p.actualCumulative
        ? `${(((p.expectedCumulative - p.actualCumulative) / p.actualCumulative) * 100).toFixed(1)}%`
        : '';
      const mark = p.weekStart > calibrationEnd ? ' (holdout)' : '';
      return (
        `  ${String(p.week).padEnd(6)}${p.weekStart.padEnd(12)}${String(p.actualCumulative).padStart(10)}` +
        `${p.expectedCumulative.toFixed(1).padStart(10)}${error.padStart(8)}${mark}`
      );
    }),
  ];
};

/** Whether the estimates can be trusted: their standard errors, or why there are none. */
const identifiabilityLine = (fit: ReportedFit) =>
  fit.identifiable && fit.standardErrors
    ? `Standard errors ${Object.entries(fit.standardErrors)
        .map(([name, se]) => `${name} ± ${number(se, 3)}`)
        .join('  ')}`
    : `Identifiable    NO: ${fit.notIdentifiableReason ?? ''}; the parameters above are where ` +
      'the optimiser stopped, not estimates';

/** The readable report of `regulars clv fit`. */
export const formatFitReport = (r: FitReport): string => {
  const { fit } = r;
  const params = Object.entries(fit.params)
    .map(([name, value]) => `${name} = ${number(value)}`)
    .join('  ');
  return [
    `Model           ${MODEL_TITLES[fit.model]} (${fit.model})`,
    `Input           ${r.input.file} (${r.input.format}${r.input.layout ? `, ${r.input.layout}` : ''}): ` +
      `${r.input.purchases} purchases read in ${r.input.readMs.toFixed(0)} ms` +
      (r.input.skippedNegativeAmounts
        ? `, ${r.input.skippedNegativeAmounts} negative amounts left out`
        : '') +
      (r.input.amounts ? '' : ', no amounts (dates only)'),
    ...(r.input.skippedRows.total
      ? [`Left out        ${describeSkippedRows(r.input.skippedRows)}`]
      : []),
    `Calibration     to ${r.calibrationEnd}${r.holdoutEnd ? `, holdout to ${r.holdoutEnd}` : ''}`,
    `Customers       ${fit.customers}` +
      (fit.model === 'gamma-gamma'
        ? ` of ${r.calibrationCustomers} (those with repeat purchases of positive value)`
        : '') +
      (r.excludedLateCustomers
        ? ` (${r.excludedLateCustomers} first bought after the calibration end: left out)`
        : ''),
    `Parameters      ${params}${fit.money ? `  (${fit.money.parameters.join(', ')} in ${fit.money.currency})` : ''}`,
    identifiabilityLine(fit),
    `Log-likelihood  ${fit.logLikelihood.toFixed(2)}` +
      (fit.money ? ` (of the mean spends in ${fit.money.currency}, as BTYD reports it)` : ''),
    `Fit             ${fit.durationMs.toFixed(0)} ms, ${fit.converged ? 'converged' : 'NOT converged'} ` +
      `after ${fit.iterations} iterations (${fit.evaluations} likelihood evaluations, ` +
      `${fit.starts.finite}/${fit.starts.tried} starts, ${fit.groups} distinct histories)`,
    ...(r.validation
      ? [
          '',
          ...validationLines(r.validation, number(r.holdoutWeeks ?? 0)),
          ...(r.tracking ? ['', ...trackingLines(r.tracking, r.calibrationEnd)] : []),
        ]
      : r.validationProblem
        ? ['', `No holdout comparison: ${r.validationProblem}`]
        : r.holdoutEnd && fit.model === 'gamma-gamma'
          ? ['', 'Holdout validation compares purchase counts: fit a transaction model for it.']
          : []),
  ].join('\n');
};
