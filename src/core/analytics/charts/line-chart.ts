import { AXIS_LABEL_FONT, fittingTicks, TICK_FONT, xAxis, yAxis, type PlotArea } from './axes.js';
import { OKABE_ITO, seriesColour } from './colour.js';
import {
  verticalLegend,
  verticalLegendHeight,
  verticalLegendWidth,
  type LegendEntry,
} from './legend.js';
import { extent, linearScale, niceDomain, niceTicks, tickFormatter, validDomain } from './scale.js';
import {
  el,
  idPrefix,
  noDataSvg,
  num,
  PADDING,
  svgDocument,
  textWidth,
  titleText,
  tooltip,
} from './svg.js';

export type Point = { x: number; y: number };
export type LineSeries = { name: string; points: Point[]; dashed?: boolean };

export type LineChartInput = {
  title: string;
  xLabel: string;
  yLabel: string;
  series: LineSeries[];
  xTickFormat?: (x: number) => string;
  yTickFormat?: (y: number) => string;
  /** Fixed y range (lines outside it are clipped). Defaults to round numbers around 0 and the data. */
  yDomain?: [number, number];
};

const WIDTH = 760;
const MIN_HEIGHT = 420;
const PLOT_TOP = 56;
const MAX_MARKED_POINTS = 40;

/** Runs of points sorted by x; a point without a finite y breaks the line, one without an x is dropped. */
const segmentsOf = (points: Point[]): Point[][] => {
  const sorted = points.filter((p) => Number.isFinite(p.x)).sort((a, b) => a.x - b.x);
  const segments: Point[][] = [];
  let run: Point[] = [];
  for (const point of sorted) {
    if (Number.isFinite(point.y)) run.push(point);
    else if (run.length) {
      segments.push(run);
      run = [];
    }
  }
  if (run.length) segments.push(run);
  return segments;
};

/** Series past the palette's end come round dotted, so twelve cohorts stay apart. */
const dashFor = (series: LineSeries, index: number): string | undefined => {
  const secondRound = Math.floor(index / OKABE_ITO.length) % 2 === 1;
  if (series.dashed) return secondRound ? '8 3 2 3' : '7 4';
  return secondRound ? '2 3' : undefined;
};

const scalesFor = (input: LineChartInput, points: Point[]) => {
  const [x0, x1] = extent(points.map((p) => p.x))!;
  const [y0, y1] = extent(points.map((p) => p.y))!;
  const xDomain: [number, number] = x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1];
  const yDomain = validDomain(input.yDomain, niceDomain(Math.min(0, y0), Math.max(0, y1), 5));
  const yTicks = niceTicks(yDomain[0], yDomain[1], 5);
  const yFormat = input.yTickFormat ?? tickFormatter(yTicks);
  return {
    xDomain,
    yDomain,
    yTicks,
    yFormat,
    integerX: points.every((p) => Number.isInteger(p.x)),
  };
};

const layoutFor = (entries: LegendEntry[], yTicks: number[], yFormat: (v: number) => string) => {
  const tickWidth = yTicks.reduce((w, t) => Math.max(w, textWidth(yFormat(t), TICK_FONT)), 0);
  const legendX = WIDTH - PADDING - verticalLegendWidth(entries);
  const height = Math.max(MIN_HEIGHT, PLOT_TOP + verticalLegendHeight(entries) + 64);
  const plot: PlotArea = {
    left: PADDING + AXIS_LABEL_FONT + 12 + tickWidth,
    top: PLOT_TOP,
    right: legendX - 20,
    bottom: height - PADDING - 40,
  };
  return { plot, height, legendX };
};

type Draw = {
  toX: (v: number) => number;
  toY: (v: number) => number;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  clip: string;
};

const seriesGroup = (series: LineSeries, index: number, segments: Point[][], draw: Draw) => {
  const colour = seriesColour(index);
  const at = (p: Point) => `${num(draw.toX(p.x))},${num(draw.toY(p.y))}`;
  const lines = segments
    .filter((s) => s.length > 1)
    .map((s) =>
      el('path', {
        class: 'line',
        d: `M${s.map(at).join('L')}`,
        fill: 'none',
        stroke: colour,
        'stroke-width': 2,
        'stroke-dasharray': dashFor(series, index),
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      }),
    );
  const all = segments.flat();
  const marked =
    all.length <= MAX_MARKED_POINTS ? all : segments.filter((s) => s.length === 1).flat();
  const markers = marked.map((p) =>
    el(
      'circle',
      {
        class: 'point',
        cx: draw.toX(p.x),
        cy: draw.toY(p.y),
        r: 2.75,
        fill: series.dashed ? '#ffffff' : colour,
        stroke: colour,
        'stroke-width': 1.5,
      },
      tooltip(`${series.name} · ${draw.xFormat(p.x)}: ${draw.yFormat(p.y)}`),
    ),
  );
  return el(
    'g',
    { class: 'series', 'clip-path': `url(#${draw.clip})` },
    tooltip(series.name),
    ...lines,
    ...markers,
  );
};

/**
 * Lines as a standalone SVG, e.g. retention curves (one per cohort) or actual against expected
 * cumulative repeat purchases. Okabe–Ito colours; the legend sits beside the plot.
 */
export const renderLineChart = (input: LineChartInput): string => {
  const segments = input.series.map((s) => segmentsOf(s.points));
  const points = segments.flat(2);
  if (points.length === 0) return noDataSvg(input.title);
  const { xDomain, yDomain, yTicks, yFormat, integerX } = scalesFor(input, points);
  const entries: LegendEntry[] = input.series.map((s, i) => ({
    name: s.name,
    colour: seriesColour(i),
    dash: dashFor(s, i),
    swatch: 'line',
  }));
  const { plot, height, legendX } = layoutFor(entries, yTicks, yFormat);
  const toX = linearScale(xDomain, [plot.left, plot.right]);
  const toY = linearScale(yDomain, [plot.bottom, plot.top]);
  const xFormat = input.xTickFormat ?? tickFormatter(niceTicks(xDomain[0], xDomain[1], 6));
  const xTicks = fittingTicks(xDomain, plot.right - plot.left, xFormat, { integersOnly: integerX });
  const clip = `${idPrefix(JSON.stringify(input))}-plot`;
  const draw: Draw = { toX, toY, xFormat, yFormat, clip };
  return svgDocument({
    width: WIDTH,
    height,
    title: input.title,
    description: `Line chart of ${input.yLabel} against ${input.xLabel}, ${input.series.length} series: ${input.series.map((s) => s.name).join(', ')}.`,
    defs: [
      el(
        'clipPath',
        { id: clip },
        el('rect', {
          x: plot.left - 4,
          y: plot.top - 4,
          width: plot.right - plot.left + 8,
          height: plot.bottom - plot.top + 8,
        }),
      ),
    ],
    body: [
      titleText(input.title, WIDTH),
      yAxis(plot, yTicks, toY, yFormat, input.yLabel),
      xAxis(
        plot,
        xTicks.map((t) => ({ at: toX(t), label: xFormat(t) })),
        input.xLabel,
        height - PADDING - 4,
      ),
      el(
        'g',
        { class: 'lines' },
        ...input.series.map((s, i) => seriesGroup(s, i, segments[i]!, draw)),
      ),
      verticalLegend(entries, legendX, PLOT_TOP),
    ],
  });
};
