import { rfmSegmentsSvg } from '../../core/analytics/report-charts.js';
import { rfmSummary } from '../../core/analytics/rfm.js';
import { renderTerminalHeatMap, writeReport } from './output.js';
import {
  formatOf,
  colourful,
  money,
  pct,
  saveSvg,
  type OutputOptions,
  type ReportContext,
} from './report-options.js';
import { analyticsDeps, refresh } from './analytics-refresh.js';

/** `regulars report rfm`: RFM segments, the R × F grid and the lifecycle funnel. */
export const rfm = async (
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
