import { formatPercent } from '../../shared/format';

export interface Series {
  label: string;
  values: (number | null)[];
  /** Lines differ by dash and marker as well as colour, so the legend reads in greyscale. */
  style: 'solid' | 'dashed';
}

const W = 760;
const H = 240;
const PAD = { left: 44, right: 20, top: 12, bottom: 40 };
const TICKS = [0, 25, 50, 75, 100];

/**
 * A small percent-over-time line chart drawn in React. Every point has a <title> with its value;
 * the page also shows the figures in a table, so nothing is known only from the picture.
 */
export const PercentLineChart = ({
  labels,
  axis,
  series,
  description,
}: {
  /** Full label of each point, for the tooltips. */
  labels: string[];
  /** Short axis label of each point, with an optional second line (a year). */
  axis: { text: string; sub?: string }[];
  series: Series[];
  /** A sentence for screen readers summarising what the chart shows. */
  description: string;
}) => {
  const x = (i: number) =>
    PAD.left + (labels.length <= 1 ? 0 : (i * (W - PAD.left - PAD.right)) / (labels.length - 1));
  const y = (v: number) =>
    PAD.top + ((100 - Math.max(0, Math.min(100, v))) * (H - PAD.top - PAD.bottom)) / 100;
  return (
    <figure className="line-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={description}>
        {TICKS.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="grid-line" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="axis-label">
              {t} %
            </text>
          </g>
        ))}
        {axis.map((tick, i) => (
          <text key={i} x={x(i)} y={H - 18} textAnchor="middle" className="axis-label">
            {tick.text}
            {tick.sub && (
              <tspan x={x(i)} dy={13}>
                {tick.sub}
              </tspan>
            )}
          </text>
        ))}
        {series.map((s, k) => {
          // A gap (no figure for a month) breaks the line rather than bridging it.
          const runs: string[][] = [[]];
          s.values.forEach((v, i) => {
            if (v === null) runs.push([]);
            else runs.at(-1)!.push(`${x(i)},${y(v)}`);
          });
          return (
            <g key={s.label} className={`series series-${k}`}>
              {runs
                .filter((run) => run.length > 1)
                .map((run) => (
                  <polyline
                    key={run[0]}
                    points={run.join(' ')}
                    fill="none"
                    strokeDasharray={s.style === 'dashed' ? '6 4' : undefined}
                  />
                ))}
              {s.values.map((v, i) =>
                v === null ? null : (
                  <circle key={i} cx={x(i)} cy={y(v)} r={3.5}>
                    <title>{`${s.label}, ${labels[i] ?? ''}: ${formatPercent(v)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s, k) => (
          <span key={s.label} className={`legend-item series-${k}`}>
            <svg width="28" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="28"
                y1="5"
                y2="5"
                strokeDasharray={s.style === 'dashed' ? '6 4' : undefined}
              />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
};
