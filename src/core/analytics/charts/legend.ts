import { el, text, textWidth, tooltip, truncate } from './svg.js';

export type LegendEntry = { name: string; colour: string; dash?: string; swatch: 'line' | 'box' };

const FONT = 12;
const ROW_HEIGHT = 18;
const SWATCH_WIDTH = 22;
const MAX_NAME_WIDTH = 170;

const swatch = (entry: LegendEntry, x: number, y: number) =>
  entry.swatch === 'line'
    ? el('line', {
        x1: x,
        x2: x + SWATCH_WIDTH,
        y1: y,
        y2: y,
        stroke: entry.colour,
        'stroke-width': 2.5,
        'stroke-dasharray': entry.dash,
      })
    : el('rect', { x: x + 5, y: y - 6, width: 12, height: 12, rx: 2, fill: entry.colour });

const item = (entry: LegendEntry, x: number, y: number) =>
  el(
    'g',
    { class: 'legend-item' },
    tooltip(entry.name),
    swatch(entry, x, y),
    text(
      { x: x + SWATCH_WIDTH + 6, y: y + 4, 'font-size': FONT },
      truncate(entry.name, MAX_NAME_WIDTH, FONT),
    ),
  );

const itemWidth = (entry: LegendEntry) =>
  SWATCH_WIDTH + 6 + Math.min(MAX_NAME_WIDTH, textWidth(entry.name, FONT));

/** Width a one-column legend needs. */
export const verticalLegendWidth = (entries: LegendEntry[]): number =>
  entries.reduce((w, e) => Math.max(w, itemWidth(e)), 0);

export const verticalLegendHeight = (entries: LegendEntry[]): number => entries.length * ROW_HEIGHT;

/** One entry per line, starting at (x, y): beside the plot, so it never covers data. */
export const verticalLegend = (entries: LegendEntry[], x: number, y: number): string =>
  el(
    'g',
    { class: 'legend' },
    ...entries.map((e, i) => item(e, x, y + i * ROW_HEIGHT + ROW_HEIGHT / 2)),
  );

/** Rows of entries that wrap within `width`; the positions of each entry and the total height. */
export const horizontalLegendLayout = (entries: LegendEntry[], width: number) => {
  const positions: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const entry of entries) {
    const w = itemWidth(entry);
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    positions.push({ x, row });
    x += w + 18;
  }
  return { positions, height: entries.length ? (row + 1) * ROW_HEIGHT : 0 };
};

export const horizontalLegend = (entries: LegendEntry[], x: number, y: number, width: number) => {
  const { positions } = horizontalLegendLayout(entries, width);
  return el(
    'g',
    { class: 'legend' },
    ...entries.map((e, i) =>
      item(e, x + positions[i]!.x, y + positions[i]!.row * ROW_HEIGHT + ROW_HEIGHT / 2),
    ),
  );
};
