import { RetentionQuerySchema } from '../../core/analytics/periods.js';
import { retentionTrendSvg } from '../../core/analytics/report-charts.js';
import { retentionReport } from '../../core/analytics/retention.js';
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
