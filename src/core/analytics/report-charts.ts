import type { HeatMapInput } from './charts/heat-map.js';
import { renderGroupedBarChart, renderHeatMap, renderLineChart } from './charts/index.js';
import type { HoldoutReport, TrackingPoint } from './clv/index.js';
import type { CohortReport } from './cohorts.js';
import { trendPeriods, type RetentionPeriod, type RetentionReport } from './retention.js';
import type { RfmSummary } from './rfm.js';

/**
 * Reports turned into pictures: one place decides what each chart shows, so the CLI's SVG files
 * and the API's SVG endpoints draw the same thing.
 */

const percentText = (v: number) => `${Math.round(v)}%`;
const money = (minor: number) =>
  Math.abs(minor) >= 100_000 ? `${(minor / 100_000).toFixed(1)}k` : (minor / 100).toFixed(0);

export type CohortMetric = 'retention' | 'revenue';

export const cohortHeatMap = (report: CohortReport, metric: CohortMetric): HeatMapInput => ({
  title:
    metric === 'retention'
      ? `Customers still buying, by ${report.granularity} of first purchase`
      : `Revenue (${report.currency}) by ${report.granularity} of first purchase`,
  rowLabels: report.cohorts.map((c) => `${c.start} (${c.customers})`),
  columnLabels: Array.from({ length: report.offsets }, (_, k) => String(k)),
  cells: report.cohorts.map((c) =>
    c.cells.map((cell) => (metric === 'retention' ? cell.retentionPct : cell.revenueMinor)),
  ),
  formatCell: metric === 'retention' ? percentText : money,
  valueLabel:
    metric === 'retention'
      ? 'Customers still buying (%)'
      : `Revenue in the period (${report.currency})`,
  ...(metric === 'retention' ? { domain: [0, 100] as [number, number] } : {}),
});

export const cohortHeatMapSvg = (report: CohortReport, metric: CohortMetric): string =>
  renderHeatMap(cohortHeatMap(report, metric));

export const retentionCurvesSvg = (report: CohortReport): string =>
  renderLineChart({
    title: 'Retention curves by acquisition cohort',
    xLabel: `${report.granularity[0]!.toUpperCase()}${report.granularity.slice(1)}s since first purchase`,
    yLabel: 'Customers still buying (%)',
    yDomain: [0, 100],
    yTickFormat: percentText,
    series: [
      ...report.curves.map((curve) => ({
        name: curve.start,
        points: curve.points.flatMap((p) =>
          p.retentionPct === null || p.partial ? [] : [{ x: p.offset, y: p.retentionPct }],
        ),
      })),
      {
        name: 'All cohorts',
        dashed: true,
        points: report.average.flatMap((p) =>
          p.retentionPct === null ? [] : [{ x: p.offset, y: p.retentionPct }],
        ),
      },
    ],
  });

/**
 * CRR and repeat-purchase rate per period. Churn is 100 − CRR, so it gets no line of its own.
 * Periods the data ends inside of are left out unless asked for: a month observed for ten days
 * would show a plunge that is only the end of the data.
 */
export const retentionTrendSvg = (
  report: RetentionReport,
  options: { includePartial?: boolean } = {},
): string => {
  const periods = trendPeriods(report, options.includePartial);
  const series = (name: string, pick: (p: RetentionPeriod) => number | null) => ({
    name,
    points: periods.flatMap((p, i) => {
      const y = pick(p);
      return y === null ? [] : [{ x: i, y }];
    }),
  });
  return renderLineChart({
    title: `Retention by ${report.granularity}, active window ${report.activeDays} days`,
    xLabel: report.granularity,
    yLabel: '%',
    yTickFormat: percentText,
    xTickFormat: (x) => {
      const p = periods[Math.round(x)];
      return p ? `${p.start}${p.partial ? ' (partial)' : ''}` : '';
    },
    series: [
      series('Customer retention rate', (p) => p.retentionRatePct),
      series('Repeat-purchase rate', (p) => p.repeatPurchaseRatePct),
    ],
  });
};

export const rfmSegmentsSvg = (summary: RfmSummary): string =>
  renderGroupedBarChart({
    title: 'Customers by RFM segment',
    xLabel: 'Segment',
    yLabel: 'Customers',
    categories: summary.segments.map((s) => s.label),
    series: [{ name: 'Customers', values: summary.segments.map((s) => s.customers) }],
  });

export const holdoutValidationSvg = (report: HoldoutReport, holdoutLabel: string): string =>
  renderGroupedBarChart({
    title: `Repeat purchases in the holdout (${holdoutLabel}), expected vs actual`,
    xLabel: 'Repeat purchases in the calibration period',
    yLabel: 'Mean repeat purchases per customer',
    categories: report.byFrequency.map((r) => r.frequency),
    series: [
      { name: 'Actual', values: report.byFrequency.map((r) => r.actualMean) },
      { name: 'Model', values: report.byFrequency.map((r) => r.expectedMean) },
    ],
  });

export const trackingCurveSvg = (
  points: readonly TrackingPoint[],
  calibrationEnd: string,
): string =>
  renderLineChart({
    title: `Cumulative repeat purchases, actual vs model (fitted to ${calibrationEnd})`,
    xLabel: 'Week',
    yLabel: 'Repeat purchases (cumulative)',
    xTickFormat: (x) => points[Math.round(x) - 1]?.weekStart ?? '',
    series: [
      { name: 'Actual', points: points.map((p) => ({ x: p.week, y: p.actualCumulative })) },
      {
        name: 'Model',
        dashed: true,
        points: points.map((p) => ({ x: p.week, y: p.expectedCumulative })),
      },
    ],
  });
