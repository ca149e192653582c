import {
  inMajorUnits,
  type HoldoutReport,
  type ModelFit,
  type TrackingPoint,
} from '../../core/analytics/clv/index.js';
import { currencyExponent } from '../../core/shared/money.js';
import { holdoutValidationSvg, trackingCurveSvg } from '../../core/analytics/report-charts.js';
import { latestClvRun, topCustomersByClv, type StoredClvRun } from '../../app/analytics.js';
import { writeReport } from './output.js';
import {
  ReportOptionError,
  formatOf,
  money,
  saveSvg,
  type OutputOptions,
  type ReportContext,
} from './report-options.js';
import { refresh } from './analytics-refresh.js';

/** A stored fit the data do not identify says so under its parameters. */
const fitWarning = (fit: ModelFit | undefined) =>
  fit && fit.identifiable === false
    ? [`  NOT IDENTIFIABLE: ${fit.notIdentifiableReason}; these are not estimates`]
    : [];

/** p, q and γ with γ in major units of the programme currency (money-units.ts). */
const spendLine = (run: StoredClvRun, currency: string) => {
  if (!run.spendParams) return run.details.spendProblem ?? 'not fitted';
  const params = run.details.spend
    ? inMajorUnits(
        { ...run.details.spend, params: run.spendParams },
        {
          currency,
          minorDigits: currencyExponent(currency),
        },
      ).params
    : run.spendParams;
  return (
    Object.entries(params)
      .map(([k, v]) => `${k} = ${v.toFixed(4)}`)
      .join(', ') + ` (gamma in ${currency})`
  );
};

/** `regulars report clv`: the latest CLV fit, its validation and the most valuable customers. */
export const clv = async (
  ctx: ReportContext,
  options: OutputOptions & {
    refresh?: boolean;
    model?: string;
    horizonWeeks?: string;
    discountRate?: string;
    top?: string;
    asOf?: string;
    tracking?: string;
  },
) => {
  if (options.refresh) {
    await refresh(
      ctx,
      {
        ...(options.model ? { model: options.model } : {}),
        ...(options.horizonWeeks ? { horizonWeeks: Number(options.horizonWeeks) } : {}),
        ...(options.discountRate ? { annualDiscountRate: Number(options.discountRate) } : {}),
      },
      options.asOf,
    );
  }
  const run = await latestClvRun(ctx.db);
  if (!run) throw new ReportOptionError('no CLV fit yet: run `regulars report clv --refresh`');
  const top = await topCustomersByClv(ctx.db, Number(options.top ?? 10));
  const details = run.details as {
    validation?: {
      report: HoldoutReport;
      tracking: TrackingPoint[];
      calibrationEnd: string;
      holdoutEnd: string;
    } | null;
  };
  const format = formatOf(options);
  if (format === 'table') {
    const params = Object.entries(run.transactionParams)
      .map(([k, v]) => `${k} = ${v.toFixed(4)}`)
      .join(', ');
    process.stdout.write(
      [
        `CLV model ${run.transactionModel} fitted ${run.fittedAt.toISOString()} on ${run.customers} customers (${run.repeatBuyers} repeat buyers), data to ${run.calibrationEnd}`,
        `  ${params}; log-likelihood ${run.transactionLogLikelihood.toFixed(2)}`,
        ...fitWarning(run.details.transactions),
        `  spend (Gamma-Gamma): ${spendLine(run, ctx.programme.currency)}`,
        `  horizon ${run.horizonWeeks} weeks, discount ${(run.annualDiscountRate * 100).toFixed(1)}%/year; took ${run.durationMs} ms`,
        '',
      ].join('\n'),
    );
    const v = details.validation;
    if (v) {
      process.stdout.write(
        `Validation: fitted to ${v.calibrationEnd}, holdout to ${v.holdoutEnd}; repeat purchases expected ${v.report.totalExpected.toFixed(0)}, actual ${v.report.totalActual}\n`,
      );
    }
  }
  await writeReport({
    format,
    json: { run, topCustomers: top },
    title: 'Top customers by CLV',
    columns: [
      { key: 'customerId', label: 'Customer', align: 'left' },
      { key: 'name', label: 'Name', align: 'left' },
      { key: 'clvMinor', label: `CLV ${ctx.programme.currency}`, format: money },
      {
        key: 'pAlive',
        label: 'P(alive)',
        format: (x) => (typeof x === 'number' ? x.toFixed(3) : ''),
      },
      {
        key: 'expectedPurchases',
        label: 'Expected purchases',
        format: (x) => (typeof x === 'number' ? x.toFixed(2) : ''),
      },
      { key: 'monetaryMinor', label: 'Spent so far', format: money },
    ],
    rows: top.map((c) => ({ ...c })),
    out: process.stdout,
  });
  const validation = details.validation;
  await saveSvg(options.tracking, () => {
    if (!validation?.tracking)
      throw new ReportOptionError('--tracking: the last fit has no validation report');
    return trackingCurveSvg(validation.tracking, validation.calibrationEnd);
  });
  await saveSvg(options.svg, () => {
    if (!validation)
      throw new ReportOptionError(
        '--svg: the last fit has no validation report (holdoutWeeks was 0 or too little data)',
      );
    return holdoutValidationSvg(
      validation.report,
      `${validation.calibrationEnd} to ${validation.holdoutEnd}`,
    );
  });
};
