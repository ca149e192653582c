import { readableTextOn, sequential } from './colour.js';
import { extent, formatValue, linearScale, niceTicks, validDomain } from './scale.js';
import {
  el,
  GRID,
  idPrefix,
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

export type HeatMapInput = {
  title: string;
  /** One per row, e.g. acquisition cohorts ("2026-01"). */
  rowLabels: string[];
  /** One per column, e.g. periods since acquisition ("0", "1", …). */
  columnLabels: string[];
  /** `cells[row][column]`; null (or a missing or non-finite entry) = not observed yet. */
  cells: (number | null)[][];
  formatCell?: (value: number) => string;
  /** What the numbers are, for the legend: "Retained %". */
  valueLabel?: string;
  /** Colour range; values outside it take the end colours. Defaults to the data's range. */
  domain?: [number, number];
};

const CELL_HEIGHT = 26;
const CELL_FONT = 11;
const LABEL_FONT = 12;
const GRID_TOP = 76;
const LEGEND_BAR_HEIGHT = 10;
/** Room right of the colour bar for the hatched "not observed yet" key. */
const MISSING_KEY_WIDTH = 28 + 20 + textWidth('not observed yet', 11);

type Grid = (number | null)[][];

/** Exactly rows × columns, every entry a finite number or null. */
const normalise = ({ rowLabels, columnLabels, cells }: HeatMapInput): Grid =>
  rowLabels.map((_, r) =>
    columnLabels.map((_, c) => {
      const value = cells[r]?.[c];
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    }),
  );

const defaultDomain = (grid: Grid): [number, number] => {
  const range = extent(grid.flat());
  if (!range) return [0, 1];
  const [lo, hi] = range;
  if (lo < hi) return [lo, hi];
  return lo === 0 ? [0, 1] : [Math.min(0, lo), Math.max(0, hi)];
};

/**
 * The numbers and colours of a heat map: the grid (rows × columns, non-finite entries → null), the
 * colour domain, the value format and where a value sits on the colour ramp. The terminal
 * rendering shares it, so both agree.
 */
export const heatMapScale = (input: HeatMapInput) => {
  const grid = normalise(input);
  const domain = validDomain(input.domain, defaultDomain(grid));
  const toT = linearScale(domain, [0, 1]);
  const position = (value: number) => Math.max(0, Math.min(1, toT(value)));
  return {
    grid,
    domain,
    format: input.formatCell ?? formatValue,
    /** Where a value sits in the domain, 0 to 1 (clamped). */
    position,
    colourAt: (value: number) => sequential(position(value)),
  };
};

const layoutFor = (input: HeatMapInput, grid: Grid, format: (v: number) => string) => {
  const values = grid.flat().filter((v): v is number => v !== null);
  const widest = (labels: string[], size: number) =>
    labels.reduce((w, label) => Math.max(w, textWidth(label, size)), 0);
  const rowLabelWidth = Math.min(160, widest(input.rowLabels, LABEL_FONT));
  const cellWidth = Math.round(
    Math.min(
      96,
      Math.max(
        34,
        widest(values.map(format), CELL_FONT) + 12,
        widest(input.columnLabels, CELL_FONT) + 8,
      ),
    ),
  );
  const left = PADDING + rowLabelWidth + 8;
  const gridWidth = input.columnLabels.length * cellWidth;
  const gridHeight = input.rowLabels.length * CELL_HEIGHT;
  const legendTop = GRID_TOP + gridHeight + 22;
  const legendWidth = Math.max(160, Math.min(260, gridWidth / 2));
  const legendRight = left + legendWidth + MISSING_KEY_WIDTH;
  return {
    left,
    rowLabelWidth,
    cellWidth,
    legendTop,
    legendWidth,
    width: Math.max(420, left + gridWidth + PADDING, legendRight + PADDING),
    height: legendTop + 52,
  };
};

type Layout = ReturnType<typeof layoutFor>;

const axisLabels = (input: HeatMapInput, layout: Layout): string[] => [
  ...input.columnLabels.map((label, c) =>
    text(
      {
        x: layout.left + (c + 0.5) * layout.cellWidth,
        y: GRID_TOP - 8,
        'text-anchor': 'middle',
        'font-size': CELL_FONT,
        fill: MUTED_INK,
        class: 'column-label',
      },
      truncate(label, layout.cellWidth - 4, CELL_FONT),
    ),
  ),
  ...input.rowLabels.map((label, r) =>
    text(
      {
        x: layout.left - 8,
        y: GRID_TOP + (r + 0.5) * CELL_HEIGHT + 4,
        'text-anchor': 'end',
        'font-size': LABEL_FONT,
        class: 'row-label',
      },
      truncate(label, layout.rowLabelWidth, LABEL_FONT),
    ),
  ),
];

type CellContext = {
  input: HeatMapInput;
  layout: Layout;
  format: (v: number) => string;
  colourAt: (v: number) => string;
  hatch: string;
};

const cell = (
  { input, layout, format, colourAt, hatch }: CellContext,
  r: number,
  c: number,
  value: number | null,
) => {
  const x = layout.left + c * layout.cellWidth;
  const y = GRID_TOP + r * CELL_HEIGHT;
  const where = `${input.rowLabels[r]} · ${input.columnLabels[c]}`;
  const box = { x: x + 0.5, y: y + 0.5, width: layout.cellWidth - 1, height: CELL_HEIGHT - 1 };
  if (value === null)
    return el(
      'rect',
      { ...box, class: 'cell-missing', fill: `url(#${hatch})` },
      tooltip(`${where}: not observed yet`),
    );
  const fill = colourAt(value);
  const label = format(value);
  return el(
    'g',
    { class: 'cell' },
    tooltip(`${where}: ${label}`),
    el('rect', { ...box, fill }),
    text(
      {
        x: x + layout.cellWidth / 2,
        y: y + CELL_HEIGHT / 2 + 4,
        'text-anchor': 'middle',
        'font-size': CELL_FONT,
        fill: readableTextOn(fill),
        class: 'cell-value',
      },
      truncate(label, layout.cellWidth - 6, CELL_FONT),
    ),
  );
};

const legend = (ctx: CellContext, domain: [number, number], ramp: string, anyMissing: boolean) => {
  const { layout, input, format, hatch } = ctx;
  const x0 = layout.left;
  const barTop = layout.legendTop + 10;
  const toX = linearScale(domain, [x0, x0 + layout.legendWidth]);
  const ticks = niceTicks(domain[0], domain[1], 4);
  return el(
    'g',
    { class: 'legend' },
    text(
      { x: x0, y: layout.legendTop, 'font-size': 11, fill: MUTED_INK },
      truncate(input.valueLabel ?? 'Value', layout.width - x0 - PADDING, 11),
    ),
    el('rect', {
      x: x0,
      y: barTop,
      width: layout.legendWidth,
      height: LEGEND_BAR_HEIGHT,
      fill: `url(#${ramp})`,
    }),
    ...ticks.map((t) =>
      el(
        'g',
        {},
        el('line', {
          x1: toX(t),
          x2: toX(t),
          y1: barTop + LEGEND_BAR_HEIGHT,
          y2: barTop + 14,
          stroke: MUTED_INK,
        }),
        text(
          { x: toX(t), y: barTop + 26, 'text-anchor': 'middle', 'font-size': 10, fill: MUTED_INK },
          format(t),
        ),
      ),
    ),
    ...(anyMissing ? [missingKey(hatch, x0 + layout.legendWidth + 28, barTop)] : []),
  );
};

/** The hatched swatch that explains blank cells. */
const missingKey = (hatch: string, x: number, barTop: number) =>
  el(
    'g',
    {},
    el('rect', { x, y: barTop - 2, width: 14, height: 14, fill: `url(#${hatch})`, stroke: GRID }),
    text({ x: x + 20, y: barTop + 9, 'font-size': 11, fill: MUTED_INK }, 'not observed yet'),
  );

const definitions = (hatch: string, ramp: string) => [
  el(
    'pattern',
    {
      id: hatch,
      width: 6,
      height: 6,
      patternUnits: 'userSpaceOnUse',
      patternTransform: 'rotate(45)',
    },
    el('rect', { width: 6, height: 6, fill: '#f6f8fa' }),
    el('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#d0d7de', 'stroke-width': 2 }),
  ),
  el(
    'linearGradient',
    { id: ramp, x1: 0, x2: 1, y1: 0, y2: 0 },
    ...Array.from({ length: 11 }, (_, i) =>
      el('stop', { offset: i / 10, 'stop-color': sequential(i / 10) }),
    ),
  ),
];

/**
 * A heat map as a standalone SVG, e.g. a cohort table: rows are acquisition cohorts, columns periods
 * since acquisition, cells retention. Each cell shows its value in dark or white text, whichever
 * reads better on its colour; cells not observed yet are hatched and show nothing.
 */
export const renderHeatMap = (input: HeatMapInput): string => {
  if (input.rowLabels.length === 0 || input.columnLabels.length === 0)
    return noDataSvg(input.title);
  const { grid, format, domain, colourAt } = heatMapScale(input);
  const id = idPrefix(JSON.stringify(input));
  const [hatch, ramp] = [`${id}-hatch`, `${id}-ramp`];
  const layout = layoutFor(input, grid, format);
  const ctx: CellContext = { input, layout, format, colourAt, hatch };
  const missing = grid.flat().filter((v) => v === null).length;
  const range = extent(grid.flat());
  return svgDocument({
    width: layout.width,
    height: layout.height,
    title: input.title,
    description:
      `Heat map of ${input.rowLabels.length} rows by ${input.columnLabels.length} columns` +
      (range
        ? `, ${input.valueLabel ?? 'values'} from ${format(range[0])} to ${format(range[1])}`
        : '') +
      (missing ? `; ${missing} ${missing === 1 ? 'cell' : 'cells'} not observed yet.` : '.'),
    defs: definitions(hatch, ramp),
    body: [
      titleText(input.title, layout.width),
      ...axisLabels(input, layout),
      el(
        'g',
        { class: 'cells' },
        ...grid.flatMap((row, r) => row.map((value, c) => cell(ctx, r, c, value))),
      ),
      legend(ctx, domain, ramp, missing > 0),
    ],
  });
};
