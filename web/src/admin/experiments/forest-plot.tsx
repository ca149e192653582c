/**
 * A forest plot: each treatment's difference from control as a dot with its 95 % interval as a
 * line, against a zero line (no effect). Two intervals per treatment when both are known: at the
 * fixed horizon (solid; the customers whose horizon has passed) and to date (dashed; everyone so
 * far, read with always-valid intervals that stay honest however often they are looked at). The
 * numbers are written beside each line too, and the table below holds them all; the drawing only
 * helps the eye.
 */

export interface ForestInterval {
  estimate: number;
  low: number;
  high: number;
}

export interface ForestRow {
  label: string;
  fixed: ForestInterval | null;
  /** Every customer so far (the always-valid interval when the results are sequential). */
  toDate: ForestInterval | null;
}

const W = 840;
const ROW = 44;
const PAD = { left: 150, right: 300, top: 16, bottom: 30 };

/**
 * The drawn range: every interval end and zero, with a little room either side so a line never
 * touches the frame. A range with no width (all zero) becomes −1…1.
 */
export const forestDomain = (rows: ForestRow[]): [number, number] => {
  const ends = rows.flatMap((r) =>
    [r.fixed, r.toDate].flatMap((i) => (i ? [i.low, i.high, i.estimate] : [])),
  );
  const finite = ends.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  const hi = Math.max(0, ...finite);
  if (hi - lo === 0) return [-1, 1];
  const room = (hi - lo) * 0.08;
  return [lo - room, hi + room];
};

/** The x of a value in the plot area. */
export const forestX = (domain: [number, number], value: number) =>
  PAD.left + ((value - domain[0]) / (domain[1] - domain[0])) * (W - PAD.left - PAD.right);

const Whisker = ({
  interval,
  domain,
  y,
  dashed,
}: {
  interval: ForestInterval;
  domain: [number, number];
  y: number;
  dashed: boolean;
}) => {
  const [x1, x2, xe] = [interval.low, interval.high, interval.estimate].map((v) =>
    forestX(domain, Math.min(domain[1], Math.max(domain[0], v))),
  );
  return (
    <g className={dashed ? 'forest-always-valid' : 'forest-fixed'} data-testid="forest-interval">
      <line x1={x1} x2={x2} y1={y} y2={y} strokeDasharray={dashed ? '5 4' : undefined} />
      <line x1={x1} x2={x1} y1={y - 5} y2={y + 5} />
      <line x1={x2} x2={x2} y1={y - 5} y2={y + 5} />
      <circle cx={xe} cy={y} r={dashed ? 3.5 : 5} />
    </g>
  );
};

export const ForestPlot = ({
  title,
  rows,
  format,
}: {
  /** What the plot shows, for screen readers: "Difference in 60-day repeat rate vs control". */
  title: string;
  rows: ForestRow[];
  format: (value: number) => string;
}) => {
  const domain = forestDomain(rows);
  const height = PAD.top + rows.length * ROW + PAD.bottom;
  const zero = forestX(domain, 0);
  const range = (i: ForestInterval) =>
    `${format(i.estimate)} (${format(i.low)} to ${format(i.high)})`;
  // The fixed-horizon figure once there is one; until then, the figure to date.
  const text = (r: ForestRow) =>
    r.fixed ? range(r.fixed) : r.toDate ? `${range(r.toDate)} to date` : 'not enough data';
  return (
    <svg
      viewBox={`0 0 ${W} ${height}`}
      className="chart forest-plot"
      role="img"
      aria-label={`${title}: ${rows
        .map((r) => `${r.label} ${text(r)}`)
        .join('; ')}. The table below has every figure.`}
    >
      <line
        x1={zero}
        x2={zero}
        y1={PAD.top - 6}
        y2={height - PAD.bottom + 4}
        className="forest-zero"
      />
      <text x={zero} y={height - 8} textAnchor="middle" className="axis-label">
        0 (no difference)
      </text>
      {/* The range's ends, unless one would sit on the zero label. */}
      {zero - PAD.left > 70 && (
        <text x={PAD.left} y={height - 8} textAnchor="start" className="axis-label">
          {format(domain[0])}
        </text>
      )}
      {W - PAD.right - zero > 70 && (
        <text x={W - PAD.right} y={height - 8} textAnchor="end" className="axis-label">
          {format(domain[1])}
        </text>
      )}
      {rows.map((r, n) => {
        const y = PAD.top + n * ROW + ROW / 2;
        return (
          <g key={r.label}>
            <text x={PAD.left - 10} y={y + 4} textAnchor="end" className="forest-label">
              {r.label}
            </text>
            {r.fixed && <Whisker interval={r.fixed} domain={domain} y={y - 6} dashed={false} />}
            {r.toDate && <Whisker interval={r.toDate} domain={domain} y={y + 8} dashed={true} />}
            <text x={W - PAD.right + 10} y={y} className="forest-value">
              {text(r)}
            </text>
          </g>
        );
      })}
    </svg>
  );
};

/** What solid and dashed mean, once per page. */
export const ForestLegend = ({ alwaysValid }: { alwaysValid: boolean }) => (
  <p className="muted forest-legend">
    Solid line: 95 % interval at the fixed horizon (customers whose horizon has passed). Dashed
    line: 95 % interval to date (every customer so far)
    {alwaysValid
      ? ', always valid: safe to read every day.'
      : ', classic: not corrected for reading it often.'}{' '}
    The value written is the fixed-horizon one once there is one. A line that crosses zero means the
    data are consistent with no effect.
  </p>
);
