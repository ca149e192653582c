import { cohortReport } from '../../core/analytics/cohorts.js';
import { CohortQuerySchema } from '../../core/analytics/periods.js';
import {
  cohortHeatMap,
  cohortHeatMapSvg,
  retentionCurvesSvg,
} from '../../core/analytics/report-charts.js';
import { systemClock } from '../../core/shared/clock.js';
import { cohortQueries } from '../../app/analytics.js';
import { renderTerminalHeatMap, writeReport, type Column } from './output.js';
import {
  ReportOptionError,
  colourful,
  defaultWindow,
  filterInput,
  formatOf,
  parseOptions,
  saveSvg,
  type FilterOptions,
  type OutputOptions,
  type ReportContext,
} from './report-options.js';

/** `regulars report cohorts`: acquisition cohort × period retention or revenue, a heat map in the terminal. */
export const cohorts = async (
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
