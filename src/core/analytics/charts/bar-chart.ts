import { AXIS_LABEL_FONT, TICK_FONT, xAxis, yAxis, type PlotArea } from './axes.js';
import { seriesColour } from './colour.js';
import { horizontalLegend, horizontalLegendLayout, type LegendEntry } from './legend.js';
import { extent, formatValue, linearScale, niceDomain, niceTicks, tickFormatter } from './scale.js';
import {
  el,
  MUTED_INK,
  noDataSvg,
  PADDING,
  svgDocument,
  text,
  textWidth,
  titleText,
  tooltip,
  truncate,
} from './svg.js';

export type BarSeries = { name: string; values: number[] };

export type GroupedBarChartInput = {
  title: string;
  xLabel: string;
  yLabel: string;
  /** One group of bars per category, e.g. calibration-period frequency 0, 1, 2, … or RFM segments. */
  categories: string[];
  /** `values[i]` belongs to `categories[i]`; a missing or non-finite value draws no bar. */
  series: BarSeries[];
};

const WIDTH = 760;
const HEIGHT = 420;
const LEGEND_TOP = 46;
const MAX_CATEGORY_LABEL = 120;
const VALUE_FONT = 10;
const SIN_40 = Math.sin((40 * Math.PI) / 180);

const valueAt = (series: BarSeries, i: number): number | null => {
  const value = series.values[i];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
};

const layoutFor = (
  input: GroupedBarChartInput,
  entries: LegendEntry[],
  yTicks: number[],
  yFormat: (v: number) => string,
) => {
  const tickWidth = yTicks.reduce((w, t) => Math.max(w, textWidth(yFormat(t), TICK_FONT)), 0);
  const left = PADDING + AXIS_LABEL_FONT + 12 + tickWidth;
  const right = WIDTH - PADDING;
  const band = (right - left) / input.categories.length;
  const widest = input.categories.reduce((w, c) => Math.max(w, textWidth(c, TICK_FONT)), 0);
  const rotate = widest > band - 6;
  const labelDrop = rotate ? Math.min(widest, MAX_CATEGORY_LABEL) * SIN_40 - 4 : 0;
  const legendHeight = horizontalLegendLayout(entries, right - left).height;
  const height = HEIGHT + labelDrop + legendHeight;
  const plot: PlotArea = {
    left,
    right,
    top: LEGEND_TOP + legendHeight + 14,
    bottom: height - PADDING - 40 - labelDrop,
  };
  return { plot, band, rotate, height };
};

type Layout = ReturnType<typeof layoutFor>;

/** Every category label when they fit, else every k-th so rotated labels do not overlap. */
const categoryTicks = (input: GroupedBarChartInput, { plot, band, rotate }: Layout) => {
  const every = rotate ? Math.max(1, Math.ceil(16 / band)) : 1;
  return input.categories.flatMap((c, i) =>
    i % every === 0
      ? [
          {
            at: plot.left + (i + 0.5) * band,
            label: truncate(c, rotate ? MAX_CATEGORY_LABEL : band, TICK_FONT),
            rotate,
          },
        ]
      : [],
  );
};

const bars = (input: GroupedBarChartInput, layout: Layout, toY: (v: number) => number) => {
  const { plot, band } = layout;
  const barWidth = (band * 0.8) / input.series.length;
  const labelled = input.categories.length * input.series.length <= 40;
  return input.series.map((series, s) =>
    el(
      'g',
      { class: 'series', fill: seriesColour(s) },
      tooltip(series.name),
      ...input.categories.flatMap((category, i) => {
        const value = valueAt(series, i);
        if (value === null) return [];
        const x = plot.left + i * band + band * 0.1 + s * barWidth;
        const [top, bottom] = [Math.min(toY(value), toY(0)), Math.max(toY(value), toY(0))];
        const label = formatValue(value);
        const showLabel = labelled && textWidth(label, VALUE_FONT) <= barWidth + 4;
        return [
          el(
            'rect',
            {
              class: 'bar',
              x: x + 0.5,
              y: top,
              width: Math.max(1, barWidth - 1),
              height: Math.max(bottom - top, 0.5),
            },
            tooltip(`${series.name} · ${category}: ${label}`),
          ),
          ...(showLabel
            ? [
                text(
                  {
                    x: x + barWidth / 2,
                    y: value >= 0 ? top - 4 : bottom + 11,
                    'text-anchor': 'middle',
                    'font-size': VALUE_FONT,
                    fill: MUTED_INK,
                    class: 'bar-value',
                  },
                  label,
                ),
              ]
            : []),
        ];
      }),
    ),
  );
};

/**
 * Grouped bars as a standalone SVG, e.g. expected against actual hold-out purchases by
 * calibration frequency, or the size of each RFM segment. With two series or more, a legend sits
 * above the plot.
 */
export const renderGroupedBarChart = (input: GroupedBarChartInput): string => {
  const values = input.series.flatMap((s) => input.categories.map((_, i) => valueAt(s, i)));
  const range = extent(values);
  if (input.categories.length === 0 || !range) return noDataSvg(input.title);
  const yDomain = niceDomain(Math.min(0, range[0]), Math.max(0, range[1]), 5);
  const yTicks = niceTicks(yDomain[0], yDomain[1], 5);
  const yFormat = tickFormatter(yTicks);
  // One series needs no key: its name is the y axis label's business (and in the tooltips).
  const entries: LegendEntry[] =
    input.series.length < 2
      ? []
      : input.series.map((s, i) => ({ name: s.name, colour: seriesColour(i), swatch: 'box' }));
  const layout = layoutFor(input, entries, yTicks, yFormat);
  const { plot, height } = layout;
  const toY = linearScale(yDomain, [plot.bottom, plot.top]);
  return svgDocument({
    width: WIDTH,
    height,
    title: input.title,
    description: `Bar chart of ${input.yLabel} by ${input.xLabel}, ${input.categories.length} categories, series: ${input.series.map((s) => s.name).join(', ')}.`,
    body: [
      titleText(input.title, WIDTH),
      ...(entries.length
        ? [horizontalLegend(entries, plot.left, LEGEND_TOP, plot.right - plot.left)]
        : []),
      yAxis(plot, yTicks, toY, yFormat, input.yLabel),
      el('g', { class: 'bars' }, ...bars(input, layout, toY)),
      el('line', { x1: plot.left, x2: plot.right, y1: toY(0), y2: toY(0), stroke: MUTED_INK }),
      xAxis(plot, categoryTicks(input, layout), input.xLabel, height - PADDING - 4),
    ],
  });
};
