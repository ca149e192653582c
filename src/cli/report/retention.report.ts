import { RetentionQuerySchema } from '../../core/analytics/periods.js';
import { retentionTrendSvg } from '../../core/analytics/report-charts.js';
import type { ActiveWindow } from '../../core/analytics/active-window.js';
import { retentionReport } from '../../core/analytics/retention.js';
import { systemClock } from '../../core/shared/clock.js';
import { retentionQueries } from '../../app/analytics.js';
import { writeReport, type Column } from './output.js';
import {
  formatOf,
  parseOptions,
  money,
  pct,
  defaultWindow,
  saveSvg,
  filterInput,
  type OutputOptions,
  type FilterOptions,
  type ReportContext,
} from './report-options.js';

/** `regulars report retention`: CRR, churn, repeat rate, frequency, AOV and revenue per period. */
export const retention = async (
  ctx: ReportContext,
  options: FilterOptions & OutputOptions & { activeDays?: string; includePartial?: boolean },
) => {
  const window = await defaultWindow(ctx, options);
  const query = parseOptions(RetentionQuerySchema, {
    ...window,
    granularity: options.granularity,
    ...(options.activeDays ? { activeDays: options.activeDays } : {}),
    ...filterInput(options),
  });
  const report = await retentionReport(
    { retention: retentionQueries(ctx.db), programme: ctx.programme, clock: systemClock },
    query,
  );
  const columns: Column[] = [
    { key: 'period', label: 'Period', align: 'left' },
    // The data ends inside the period: its figures are incomplete.
    { key: 'partial', label: 'Partial', align: 'left', format: (v) => (v ? 'partial' : '') },
    { key: 'atStart', label: 'S' },
    { key: 'retained', label: 'Kept' },
    { key: 'churned', label: 'Lost' },
    { key: 'reactivated', label: 'Back' },
    { key: 'new', label: 'N' },
    { key: 'atEnd', label: 'E' },
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
    partial: p.partial,
    atStart: p.customers.atStart,
    retained: p.customers.retained,
    churned: p.customers.churned,
    reactivated: p.customers.reactivated,
    new: p.customers.new,
    atEnd: p.customers.atEnd,
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
    title: `Retention by ${report.granularity}, ${report.from} to ${report.to} (active base: purchase in the last ${describeWindow(report.activeWindow)}; data observed until ${report.observedUntil ?? 'none'}, exclusive; money in ${report.currency})`,
    out: process.stdout,
  });
  await saveSvg(options.svg, () =>
    retentionTrendSvg(report, { includePartial: options.includePartial === true }),
  );
};

/** "90 days (derived: p80 of 4,120 gaps = 73 days)", as the dashboard says it. */
export const describeWindow = (w: ActiveWindow): string => {
  const basis =
    w.gapDays === null
      ? 'nobody bought on two different days, so the default is used'
      : `p${w.percentile} of ${w.gaps} gaps between purchase days = ${w.gapDays} days`;
  return w.source === 'derived'
    ? `${w.days} days (derived: ${basis})`
    : `${w.days} days (chosen; derived default ${w.derivedDays} days: ${basis})`;
};
