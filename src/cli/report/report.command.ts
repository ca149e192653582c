import { type Command } from 'commander';
import { terminalWantsColour } from '../../config.js';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { campaignEffectFromQuery } from '../../core/analytics/campaign-effect.js';
import { ClvSettingsSchema } from '../../core/analytics/clv-refresh.js';
import type { HoldoutReport, TrackingPoint } from '../../core/analytics/clv/index.js';
import { cohortReport } from '../../core/analytics/cohorts.js';
import { programmeKpis } from '../../core/analytics/kpis.js';
import {
  addDaysToDate,
  CampaignEffectQuerySchema,
  CohortQuerySchema,
  localDate,
  RetentionQuerySchema,
} from '../../core/analytics/periods.js';
import {
  cohortHeatMap,
  cohortHeatMapSvg,
  holdoutValidationSvg,
  retentionCurvesSvg,
  retentionTrendSvg,
  rfmSegmentsSvg,
  trackingCurveSvg,
} from '../../core/analytics/report-charts.js';
import { retentionReport } from '../../core/analytics/retention.js';
import { rfmSummary } from '../../core/analytics/rfm.js';
import { getProgramme } from '../../core/programme/programme.service.js';
import type { ProgrammeSettings } from '../../core/programme/programme.js';
import { systemClock } from '../../core/shared/clock.js';
import { DomainError } from '../../core/shared/errors.js';
import { startOfLocalDay } from '../../core/shared/zoned-time.js';
import { campaignEffectQueries } from '../../db/analytics/campaign-effect.queries.js';
import { latestClvRun, topCustomersByClv } from '../../db/analytics/clv-reads.queries.js';
import { cohortQueries } from '../../db/analytics/cohorts.queries.js';
import { customerAnalyticsStore } from '../../db/analytics/customer-analytics.queries.js';
import { kpiSource } from '../../db/analytics/kpis.queries.js';
import { purchaseDayRange } from '../../db/analytics/purchases.sql.js';
import { retentionQueries } from '../../db/analytics/retention.queries.js';
import { refreshAnalyticsIn } from '../../db/analytics/refresh.js';
import { repositoriesFor } from '../../db/repositories.js';
import type { DB } from '../../db/schema.js';
import { runWithDatabase, type OpenDatabase } from '../import/import.command.js';
import { renderTerminalHeatMap, writeReport, type Column, type ReportFormat } from './output.js';
import { writeSvg } from './svg-file.js';

interface OutputOptions {
  json?: boolean;
  csv?: boolean;
  svg?: string;
}

interface FilterOptions {
  from?: string;
  to?: string;
  granularity?: string;
  channel?: string;
  store?: string;
  segment?: string;
}

/** A report option that fails validation: printed as `--option: message`, exit code 1. */
class ReportOptionError extends Error {}

const formatOf = (o: OutputOptions): ReportFormat => (o.json ? 'json' : o.csv ? 'csv' : 'table');

const colourful = () => terminalWantsColour(process.stdout);

const optionName = (path: PropertyKey[]) =>
  `--${String(path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const parseOptions = <S extends z.ZodType>(schema: S, input: unknown): z.infer<S> => {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ReportOptionError(
    parsed.error.issues.map((i) => `${optionName(i.path)}: ${i.message}`).join('\n'),
  );
};

const money = (minor: unknown) =>
  typeof minor === 'number' ? (minor / 100).toFixed(2) : minor === null ? '' : String(minor);
const pct = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '');

interface ReportContext {
  db: Kysely<DB>;
  programme: ProgrammeSettings;
}

/** Defaults that make sense on any data: the last twelve months that have purchases. */
const defaultWindow = async (ctx: ReportContext, options: FilterOptions) => {
  const range = await purchaseDayRange(ctx.db, ctx.programme);
  const to = options.to ?? range.last ?? localDate(systemClock.now(), ctx.programme.timeZone);
  const from = options.from ?? addDaysToDate(to, -364);
  return { from, to };
};

const filterInput = (options: FilterOptions) => ({
  ...(options.channel ? { channel: options.channel } : {}),
  ...(options.store ? { store: options.store } : {}),
  ...(options.segment ? { segment: options.segment } : {}),
});

const withFilters = (command: Command, granular = true) => {
  command
    .option('--from <date>', 'first day (YYYY-MM-DD); default a year before --to')
    .option('--to <date>', 'last day (YYYY-MM-DD); default the last day with purchases')
    .option('--channel <channel>', 'only purchases in this channel (web, pos, app, other)')
    .option('--store <id>', 'only purchases in this store')
    .option('--segment <ref>', 'only these customers: rfm:<segment> or lifecycle:<stage>');
  if (granular) command.option('--granularity <g>', 'week, month or quarter', 'month');
  return withOutput(command);
};

const withOutput = (command: Command) =>
  command
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .option('--svg <file>', 'also draw the report as an SVG picture');

const saveSvg = async (path: string | undefined, svg: () => string) => {
  if (!path) return;
  await writeSvg(path, svg());
  process.stderr.write(`picture written to ${path}\n`);
};

const retention = async (
  ctx: ReportContext,
  options: FilterOptions & OutputOptions & { activeDays?: string },
) => {
  const window = await defaultWindow(ctx, options);
  const query = parseOptions(RetentionQuerySchema, {
    ...window,
    granularity: options.granularity,
    ...(options.activeDays ? { activeDays: options.activeDays } : {}),
    ...filterInput(options),
  });
  const report = await retentionReport(
    { retention: retentionQueries(ctx.db), programme: ctx.programme },
    query,
  );
  const columns: Column[] = [
    { key: 'period', label: 'Period', align: 'left' },
    { key: 'atStart', label: 'S' },
    { key: 'atEnd', label: 'E' },
    { key: 'new', label: 'N' },
    { key: 'crr', label: 'CRR', format: pct },
    { key: 'churn', label: 'Churn', format: pct },
    { key: 'buyers', label: 'Buyers' },
    { key: 'orders', label: 'Orders' },
    { key: 'repeat', label: 'Repeat', format: pct },
    {
      key: 'frequency',
      label: 'Orders/buyer',
      format: (v) => (typeof v === 'number' ? v.toFixed(2) : ''),
    },
    { key: 'aov', label: `AOV ${ctx.programme.currency}`, format: money },
    { key: 'medianDays', label: 'Days between (median)' },
    { key: 'revenueNew', label: 'Revenue new', format: money },
    { key: 'revenueReturning', label: 'Revenue returning', format: money },
  ];
  const rows = report.periods.map((p) => ({
    period: p.start,
    atStart: p.customers.atStart,
    atEnd: p.customers.atEnd,
    new: p.customers.new,
    crr: p.retentionRatePct,
    churn: p.churnRatePct,
    buyers: p.buyers.total,
    orders: p.orders.total,
    repeat: p.repeatPurchaseRatePct,
    frequency: p.purchaseFrequency,
    aov: p.averageOrderValueMinor,
    medianDays: p.daysBetweenPurchases.median,
    revenueNew: p.revenueMinor.new,
    revenueReturning: p.revenueMinor.returning,
  }));
  await writeReport({
    format: formatOf(options),
    json: report,
    columns,
    rows,
    title: `Retention by ${report.granularity}, ${report.from} to ${report.to} (active base: purchase in the last ${report.activeDays} days; money in ${report.currency})`,
    out: process.stdout,
  });
  await saveSvg(options.svg, () => retentionTrendSvg(report));
};

const cohorts = async (
  ctx: ReportContext,
  options: FilterOptions &
    OutputOptions & { metric?: string; curves?: string; maxOffsets?: string },
) => {
  const window = await defaultWindow(ctx, options);
  const query = parseOptions(CohortQuerySchema, {
    ...window,
    granularity: options.granularity,
    ...(options.maxOffsets ? { maxOffsets: options.maxOffsets } : {}),
    ...filterInput(options),
  });
  const metric = options.metric === 'revenue' ? 'revenue' : 'retention';
  if (options.metric && options.metric !== 'revenue' && options.metric !== 'retention')
    throw new ReportOptionError('--metric: retention or revenue');
  const report = await cohortReport(
    { cohorts: cohortQueries(ctx.db), programme: ctx.programme, clock: systemClock },
    query,
  );
  const format = formatOf(options);
  if (format === 'table') {
    process.stdout.write(
      `${renderTerminalHeatMap(cohortHeatMap(report, metric), { colour: colourful() })}\n`,
    );
  } else {
    const columns: Column[] = [
      { key: 'cohort', label: 'Cohort' },
      { key: 'customers', label: 'Customers' },
      ...Array.from({ length: report.offsets }, (_, k) => ({ key: `p${k}`, label: `+${k}` })),
    ];
    const rows = report.cohorts.map((c) => ({
      cohort: c.start,
      customers: c.customers,
      ...Object.fromEntries(
        c.cells.map((cell) => [
          `p${cell.offset}`,
          metric === 'retention' ? cell.retentionPct : cell.revenueMinor,
        ]),
      ),
    }));
    await writeReport({ format, json: report, columns, rows, out: process.stdout });
  }
  await saveSvg(options.svg, () => cohortHeatMapSvg(report, metric));
  await saveSvg(options.curves, () => retentionCurvesSvg(report));
};

const campaign = async (ctx: ReportContext, options: FilterOptions & OutputOptions) => {
  if (!options.from || !options.to)
    throw new ReportOptionError('--from and --to: the campaign window is required');
  const query = parseOptions(CampaignEffectQuerySchema, {
    from: options.from,
    to: options.to,
    ...filterInput(options),
  });
  const report = await campaignEffectFromQuery(
    { campaignEffect: campaignEffectQueries(ctx.db), programme: ctx.programme },
    query,
  );
  const groups = ['all', 'new', 'returning'] as const;
  const figures = {
    buyers: 'buyers',
    orders: 'orders',
    revenueMinor: `revenue ${ctx.programme.currency}`,
    averageOrderValueMinor: `average order ${ctx.programme.currency}`,
  } as const;
  const isMoney = (figure: string) => figure.endsWith('Minor');
  const rows = groups.flatMap((group) =>
    (Object.keys(figures) as (keyof typeof figures)[]).map((figure) => ({
      figure: `${group === 'all' ? 'All' : group === 'new' ? 'New' : 'Returning'} ${figures[figure]}`,
      campaign: report.current[group][figure],
      baseline: report.baseline[group][figure],
      change: report.change[group][figure].percent,
      money: isMoney(figure),
    })),
  );
  const show = (v: unknown, row?: { money?: boolean }) =>
    row?.money ? money(v) : typeof v === 'number' ? String(v) : '';
  await writeReport({
    format: formatOf(options),
    json: report,
    title: `Campaign ${report.current.from} to ${report.current.to} (${report.days} days) against ${report.baseline.from} to ${report.baseline.to}`,
    columns: [
      { key: 'figure', label: 'Figure', align: 'left' },
      { key: 'campaignText', label: 'Campaign' },
      { key: 'baselineText', label: 'Window before' },
      { key: 'change', label: 'Change', format: pct },
    ],
    rows: rows.map((r) => ({
      ...r,
      campaignText: show(r.campaign, r),
      baselineText: show(r.baseline, r),
    })),
    out: process.stdout,
  });
};

const analyticsDeps = (ctx: ReportContext) => ({
  analytics: customerAnalyticsStore(ctx.db),
  clock: systemClock,
  programme: ctx.programme,
});

/** A date means the end of that day in the programme's calendar; an instant is taken as is. */
const asOfInstant = (asOf: string | undefined, timeZone: string): Date | undefined => {
  if (asOf === undefined) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const at = day
    ? new Date(
        startOfLocalDay(Number(day[1]), Number(day[2]), Number(day[3]) + 1, timeZone).getTime() - 1,
      )
    : new Date(asOf);
  if (Number.isNaN(at.getTime()))
    throw new ReportOptionError('--as-of: a date (YYYY-MM-DD) or an ISO instant');
  return at;
};

const refresh = async (ctx: ReportContext, clv: Record<string, unknown> | false, asOf?: string) => {
  process.stderr.write('refreshing RFM, lifecycle stages and CLV…\n');
  const at = asOfInstant(asOf, ctx.programme.timeZone);
  const result = await refreshAnalyticsIn(ctx.db, systemClock, {
    clv: clv === false ? false : parseOptions(ClvSettingsSchema.partial(), clv),
    ...(at ? { asOf: at } : {}),
  });
  process.stderr.write(
    `refreshed ${result.customers} customers (${result.withPurchases} with purchases) in ${result.durationMs} ms; CLV ${result.clv.status}${result.clv.reason ? `: ${result.clv.reason}` : ''}\n`,
  );
  return result;
};

const rfm = async (
  ctx: ReportContext,
  options: OutputOptions & { refresh?: boolean; asOf?: string },
) => {
  if (options.refresh) await refresh(ctx, {}, options.asOf);
  const summary = await rfmSummary(analyticsDeps(ctx));
  if (!summary.computedAt) process.stderr.write('no analytics refresh yet: run with --refresh\n');
  await writeReport({
    format: formatOf(options),
    json: summary,
    title: `RFM segments as of ${summary.asOf?.toISOString() ?? 'never'} (${summary.withPurchases} buyers of ${summary.customers} customers)`,
    columns: [
      { key: 'label', label: 'Segment', align: 'left' },
      { key: 'customers', label: 'Customers' },
      { key: 'sharePercent', label: 'Share', format: pct },
      {
        key: 'avgRecencyDays',
        label: 'Recency (days)',
        format: (v) => (typeof v === 'number' ? v.toFixed(0) : ''),
      },
      {
        key: 'avgFrequency',
        label: 'Frequency',
        format: (v) => (typeof v === 'number' ? v.toFixed(1) : ''),
      },
      { key: 'avgMonetaryMinor', label: `Monetary ${ctx.programme.currency}`, format: money },
    ],
    rows: summary.segments.map((s) => ({ ...s })),
    out: process.stdout,
  });
  if (formatOf(options) === 'table') {
    const grid = [5, 4, 3, 2, 1].map((r) =>
      [1, 2, 3, 4, 5].map(
        (f) => summary.rfGrid.find((g) => g.r === r && g.f === f)?.customers ?? 0,
      ),
    );
    process.stdout.write(
      `\n${renderTerminalHeatMap({ title: 'Customers by recency (rows, 5 = most recent) and frequency (columns)', rowLabels: ['R5', 'R4', 'R3', 'R2', 'R1'], columnLabels: ['F1', 'F2', 'F3', 'F4', 'F5'], cells: grid, valueLabel: 'Customers', formatCell: (v) => String(Math.round(v)) }, { colour: colourful() })}\n`,
    );
    process.stdout.write(
      `\nLifecycle: ${summary.lifecycle.map((s) => `${s.stage} ${s.customers}`).join(' · ')}\n`,
    );
  }
  await saveSvg(options.svg, () => rfmSegmentsSvg(summary));
};

const clv = async (
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
        `  spend (Gamma-Gamma): ${
          run.spendParams
            ? Object.entries(run.spendParams)
                .map(([k, v]) => `${k} = ${v.toFixed(4)}`)
                .join(', ')
            : 'not fitted'
        }`,
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

const kpis = async (
  ctx: ReportContext,
  options: OutputOptions & { from?: string; to?: string },
) => {
  const result = await programmeKpis(
    { kpis: kpiSource(ctx.db), clock: systemClock, programme: ctx.programme },
    { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) },
  );
  const rows = [
    ['Members (end)', result.members],
    ['New members', result.newMembers],
    ['Enrolment rate', pct(result.enrolmentRatePercent)],
    ['Buyers', result.buyers],
    ['Active members', result.activeMembers],
    ['Points issued', result.points.issued],
    ['Points reversed by returns', result.points.reversedByReturns],
    ['Points redeemed', result.points.redeemed],
    ['Points expired', result.points.expired],
    ['Redemption rate', pct(result.points.redemptionRatePercent)],
    ['Breakage', pct(result.points.breakagePercent)],
    ['Outstanding points', result.balances.outstandingPoints],
    [`Outstanding liability ${result.currency}`, money(result.balances.outstandingValueMinor)],
    ['Pending points', result.balances.pendingPoints],
  ].map(([figure, value]) => ({ figure, value }));
  await writeReport({
    format: formatOf(options),
    json: result,
    title: `Programme KPIs ${result.from} to ${result.to} (${result.timeZone})`,
    columns: [
      { key: 'figure', label: 'Figure', align: 'left' },
      { key: 'value', label: 'Value', align: 'right' },
    ],
    rows,
    out: process.stdout,
  });
};

/** `regulars report retention|cohorts|campaign|rfm|clv|kpis`: readable tables, --json or --csv. */
export const registerReportCommand = (program: Command, open: OpenDatabase): Command => {
  const report = program
    .command('report')
    .description('Retention, cohorts, RFM, CLV and programme KPIs');
  const run =
    <O>(work: (ctx: ReportContext, options: O) => Promise<void>) =>
    async (options: O, command: Command) => {
      try {
        await runWithDatabase(open, command, async (db) => {
          const programme = await getProgramme(repositoriesFor(db));
          await work({ db, programme }, options);
        });
      } catch (error) {
        if (error instanceof ReportOptionError || error instanceof DomainError) {
          command.error(`error: ${error.message}`, { exitCode: 1 });
        }
        throw error;
      }
    };
  withFilters(
    report
      .command('retention')
      .description(
        'CRR, churn, repeat rate, frequency, AOV, time between purchases, new vs returning revenue per period',
      ),
  )
    .option('--active-days <n>', 'a customer is active for this many days after a purchase', '365')
    .action(run(retention));
  withFilters(
    report
      .command('cohorts')
      .description('Acquisition cohort × period retention (a heat map in the terminal)'),
  )
    .option('--metric <m>', 'retention or revenue', 'retention')
    .option('--max-offsets <n>', 'last period after acquisition to show')
    .option('--curves <file>', 'also draw retention curves as an SVG picture')
    .action(run(cohorts));
  withFilters(
    report
      .command('campaign')
      .description(
        'New and returning buyers and revenue in a date window against the window before',
      ),
    false,
  ).action(run(campaign));
  withOutput(
    report.command('rfm').description('RFM segments, the R × F grid and the lifecycle funnel'),
  )
    .option('--refresh', 'recompute every customer first')
    .option('--as-of <date>', 'with --refresh: compute as of this day (historic data); default now')
    .action(run(rfm));
  withOutput(
    report
      .command('clv')
      .description('The latest CLV fit, its validation and the most valuable customers'),
  )
    .option('--refresh', 'refit the models and recompute every customer first')
    .option('--as-of <date>', 'with --refresh: fit on data up to this day; default now')
    .option('--model <model>', 'with --refresh: bgnbd, pareto-nbd or mbgnbd')
    .option('--horizon-weeks <n>', 'with --refresh: how far ahead CLV looks')
    .option('--discount-rate <r>', 'with --refresh: yearly discount rate, e.g. 0.1')
    .option('--top <n>', 'how many customers to list', '10')
    .option('--tracking <file>', 'also draw the validation’s tracking curve as an SVG picture')
    .action(run(clv));
  withOutput(
    report
      .command('kpis')
      .description('Members, activity, points issued/redeemed/expired, breakage and liability'),
  )
    .option('--from <date>', 'first day (YYYY-MM-DD); default 30 days before --to')
    .option('--to <date>', 'last day (YYYY-MM-DD); default today')
    .action(run(kpis));
  return report;
};
