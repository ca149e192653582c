import type { HeatMapInput } from './charts/heat-map.js';
import { renderGroupedBarChart, renderHeatMap, renderLineChart } from './charts/index.js';
import type { HoldoutReport, TrackingPoint } from './clv/index.js';
import type { CohortReport } from './cohorts.js';
import type { RetentionReport } from './retention.js';
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

export const retentionTrendSvg = (report: RetentionReport): string => {
  const series = (
    name: string,
    pick: (p: RetentionReport['periods'][number]) => number | null,
  ) => ({
    name,
    points: report.periods.flatMap((p, i) => {
      const y = pick(p);
      return y === null ? [] : [{ x: i, y }];
    }),
  });
  return renderLineChart({
    title: `Retention by ${report.granularity}`,
    xLabel: report.granularity,
    yLabel: '%',
    yTickFormat: percentText,
    xTickFormat: (x) => report.periods[Math.round(x)]?.start ?? '',
    series: [
      series('Customer retention rate', (p) => p.retentionRatePct),
      series('Churn rate', (p) => p.churnRatePct),
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
