import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  CLV_MODEL_NAMES,
  TRANSACTION_MODEL_NAMES,
  fitModel,
  inMajorUnits,
  isClvModelName,
  summarisePurchases,
  trackingCurve,
  validateHoldout,
  type ClvModelName,
  type CustomerSummary,
  type ModelFit,
  type PurchaseDay,
} from '../../core/analytics/clv/index.js';
import { holdoutValidationSvg, trackingCurveSvg } from '../../core/analytics/report-charts.js';
import { writeSvg } from '../report/svg-file.js';
import { isDomainError } from '../../core/shared/errors.js';
import { formatFitReport, type FitReport } from './clv.report.js';
import { ClvInputError, parseDay } from './purchase-log.js';
import { INPUT_FORMATS, readPurchases, type InputFormat } from './read-purchases.js';

/** Exit codes: 1 for bad options (commander's own), 2 for input the models cannot use. */
export const EXIT_BAD_INPUT = 2;

interface FitOptions {
  input: string;
  format: InputFormat;
  calibrationEnd: string;
  holdoutEnd?: string;
  /** One or more, from a comma-separated list: fitted to the same summary one after another. */
  model: ClvModelName[];
  map?: string;
  currency?: string;
  starts?: number;
  json?: boolean;
  svg?: string;
}

/** Where the command writes its report (tests pass their own). */
export interface ClvCommandIo {
  out(text: string): void;
}

const processIo: ClvCommandIo = { out: (text) => process.stdout.write(text) };

const day = (value: string): string => {
  const parsed = parseDay(value);
  if (!parsed) throw new InvalidArgumentError('expected a date as YYYY-MM-DD or YYYYMMDD');
  return parsed;
};

const startCount = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 6)
    throw new InvalidArgumentError('expected a whole number from 1 to 6');
  return n;
};

const modelList = (value: string): ClvModelName[] => {
  const names = [...new Set(value.split(',').map((name) => name.trim()))];
  const unknown = names.filter((name) => !isClvModelName(name));
  if (names.length === 0 || unknown.length > 0)
    throw new InvalidArgumentError(
      `expected one or more of ${CLV_MODEL_NAMES.join(', ')}, comma-separated` +
        (unknown.length ? ` (not a model: ${unknown.join(', ')})` : ''),
    );
  return names as ClvModelName[];
};

const DAY_MS = 86_400_000;

/** The models of purchase counts need only who bought when; the spend model needs amounts. */
const isCountModel = (model: ClvModelName) =>
  (TRANSACTION_MODEL_NAMES as readonly string[]).includes(model);

/** Reads, summarises, fits and validates each model: everything the reports say. */
const runFit = async (options: FitOptions): Promise<FitReport[]> => {
  const readStarted = performance.now();
  const spendModel = options.model.find((model) => !isCountModel(model));
  const file = await readPurchases(options.input, {
    ...options,
    ...(spendModel && { amountsRequiredBy: spendModel }),
  });
  const summary = summarisePurchases(file.log, {
    calibrationEnd: options.calibrationEnd,
    ...(options.holdoutEnd !== undefined && { holdoutEnd: options.holdoutEnd }),
  });
  const readMs = performance.now() - readStarted;
  if (summary.customers.length === 0)
    throw new ClvInputError(
      `no customer bought on or before the calibration end ${options.calibrationEnd}` +
        ` (${file.log.size} purchases read, ${file.skipped.total} rows left out,` +
        ` ${summary.excludedLateCustomers} customers all start later)`,
    );
  const shared = {
    input: {
      file: options.input,
      format: options.format,
      layout: file.layout,
      purchases: file.log.size,
      amounts: file.amounts,
      money: file.money,
      skippedRows: file.skipped,
      skippedNegativeAmounts: file.log.skippedNegative,
      readMs,
    },
    calibrationEnd: options.calibrationEnd,
    holdoutEnd: options.holdoutEnd ?? null,
    holdoutWeeks: options.holdoutEnd
      ? (Date.parse(options.holdoutEnd) - Date.parse(options.calibrationEnd)) / (7 * DAY_MS)
      : null,
    calibrationCustomers: summary.customers.length,
    excludedLateCustomers: summary.excludedLateCustomers,
  };
  // A degenerate fit does not throw (it comes back not identifiable): the other models still
  // get their fit and holdout comparison.
  return options.model.map((model) => {
    const fit = fitModel(model, summary.customers, {
      ...(options.starts !== undefined && { starts: options.starts }),
    });
    return {
      ...shared,
      fit: file.money ? inMajorUnits(fit, file.money) : { ...fit, money: null },
      ...holdoutCheck(options, file.log, summary, fit),
    };
  });
};

/**
 * The holdout comparison of a count model. A fit the data do not identify is still the
 * optimiser's best point: its comparison is printed beside the warning (the limit it ran to, say
 * no dropout, can still forecast); when it cannot forecast at all (a parameter at 1e10), the
 * report says why instead, and the command still ends normally.
 */
const holdoutCheck = (
  options: FitOptions,
  log: Iterable<PurchaseDay>,
  summary: ReturnType<typeof summarisePurchases>,
  fit: ModelFit,
): Pick<FitReport, 'validation' | 'tracking' | 'validationProblem'> => {
  if (!summary.holdout || !options.holdoutEnd || fit.model === 'gamma-gamma')
    return { validation: null, tracking: null, validationProblem: null };
  const { holdout, customers } = summary;
  const end = options.holdoutEnd;
  try {
    return {
      validation: validateHoldout(fit, customers, holdout),
      tracking: trackingCurve(fit, customers, distinctPurchaseDays(log), {
        start: earliestFirstDay(customers),
        end,
      }),
      validationProblem: null,
    };
  } catch (error) {
    if (fit.identifiable || !isDomainError(error)) throw error;
    return { validation: null, tracking: null, validationProblem: error.message };
  }
};

const earliestFirstDay = (customers: readonly CustomerSummary[]): string =>
  customers.reduce((min, c) => (c.firstDay < min ? c.firstDay : min), customers[0]!.firstDay);

/** Each customer's purchase days once: the tracking curve counts days, not rows. */
const distinctPurchaseDays = (log: Iterable<PurchaseDay>) => {
  const seen = new Set<string>();
  const days: { customerId: string; day: string }[] = [];
  for (const p of log) {
    const key = `${p.customerId}\u0000${p.day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    days.push({ customerId: p.customerId, day: p.day });
  }
  return days;
};

/**
 * `regulars clv fit`: fits a customer-lifetime-value model to a transaction file, with no
 * database, and prints the parameters, log-likelihood, customer count and fit time (and, with a
 * holdout period, expected against actual repeat purchases).
 */
export const registerClvCommand = (program: Command, io: ClvCommandIo = processIo): Command => {
  const clv = program
    .command('clv')
    .description('Customer lifetime value models (BG/NBD, Pareto/NBD, MBG/NBD, Gamma-Gamma)');
  clv
    .command('fit')
    .description(
      'Fit a model by maximum likelihood to a transaction file (no database needed); ' +
        `exit code 1 for bad options, ${EXIT_BAD_INPUT} for input the model cannot use`,
    )
    .requiredOption('--input <file>', 'transaction file (.gz is read as it is)')
    .addOption(
      new Option('--format <format>', 'layout of the file')
        .choices(INPUT_FORMATS)
        .makeOptionMandatory(),
    )
    .requiredOption('--calibration-end <date>', 'last day of the calibration period', day)
    .option('--holdout-end <date>', 'last day of the holdout period: validate against it', day)
    .addOption(
      new Option(
        '--model <models>',
        `model(s) to fit, comma-separated: ${CLV_MODEL_NAMES.join(', ')}`,
      )
        .argParser(modelList)
        .makeOptionMandatory(),
    )
    .option(
      '--map <mapping>',
      'csv: field=column, comma-separated; fields customer_id, date, amount (amount optional but for gamma-gamma)',
    )
    .option('--currency <code>', 'csv: currency of the amounts (decimal places), default USD')
    .option('--starts <n>', 'starting points for the optimiser (1–6, default 4)', startCount)
    .option('--json', 'print the report as JSON')
    .option(
      '--svg <prefix>',
      'with --holdout-end: draw PREFIX-tracking.svg (cumulative repeat purchases) and PREFIX-frequency.svg',
    )
    .action(async (options: FitOptions, command: Command) => {
      if (options.holdoutEnd !== undefined && options.holdoutEnd <= options.calibrationEnd)
        command.error('error: --holdout-end must be after --calibration-end');
      if (options.svg && options.model.length > 1)
        command.error('error: --svg draws one model: give a single --model', { exitCode: 1 });
      let reports: FitReport[];
      try {
        reports = await runFit(options);
      } catch (error) {
        if (error instanceof ClvInputError || isDomainError(error))
          command.error(`error: ${error.message}`, { exitCode: EXIT_BAD_INPUT, code: 'clv.input' });
        throw error;
      }
      // One model: its report, as always; several: a list of them (JSON) or one after another.
      const json = reports.length === 1 ? reports[0] : reports;
      io.out(
        options.json
          ? `${JSON.stringify(json, null, 2)}\n`
          : `${reports.map(formatFitReport).join('\n\n')}\n`,
      );
      const report = reports[0]!;
      if (options.svg) {
        if (!report.tracking || !report.validation)
          command.error('error: --svg needs --holdout-end and a transaction model', {
            exitCode: 1,
          });
        await writeSvg(
          `${options.svg}-tracking.svg`,
          trackingCurveSvg(report.tracking, report.calibrationEnd),
        );
        await writeSvg(
          `${options.svg}-frequency.svg`,
          holdoutValidationSvg(
            report.validation,
            `${report.calibrationEnd} to ${report.holdoutEnd ?? ''}`,
          ),
        );
      }
    });
  return clv;
};
