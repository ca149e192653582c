import { renderLineChart } from '../analytics/charts/index.js';
import type { ScoresReport } from './feedback-reports.js';

/** NPS (−100 to 100) and CSAT (% satisfied, 0 to 100) per period, on one percent scale. */
export const scoresTrendSvg = (report: ScoresReport): string => {
  const series = (name: string, pick: (p: ScoresReport['periods'][number]) => number | null) => ({
    name,
    points: report.periods.flatMap((p, i) => {
      const y = pick(p);
      return y === null ? [] : [{ x: i, y }];
    }),
  });
  return renderLineChart({
    title: `NPS and CSAT by ${report.granularity}${report.surveyId ? ` (survey ${report.surveyId})` : ''}`,
    xLabel: report.granularity,
    yLabel: 'Score / %',
    yDomain: [-100, 100],
    xTickFormat: (x) => report.periods[Math.round(x)]?.start ?? '',
    series: [
      series('NPS', (p) => p.nps.score),
      series('CSAT (% satisfied)', (p) => p.csat.satisfiedPct),
    ],
  });
};
